import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { databasePath } from '@/db/connection';

// A fresh clone must sign people in without configuration, so when NEXTAUTH_SECRET is not set a
// random secret is made once and kept beside the database (never in the repository).
export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  const file = path.join(path.dirname(databasePath()), '.auth-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, secret, { flag: 'wx', mode: 0o600 });
      return secret;
    } catch {
      // Another process made it first: use theirs.
      return readFileSync(file, 'utf8').trim();
    }
  }
}
