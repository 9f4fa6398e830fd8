import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { users } from '@/db/schema';
import { ActionError } from '@/lib/shared/errors';
import { ingestWireItem, ninjsInput } from '@/lib/platform/wire';

// The watched folder, for agencies that drop files: every ninjs *.json in NEWSROOM_WIRE_DIR is
// taken in the name of NEWSROOM_WIRE_OWNER (an editor's or admin's email), then moved to done/ or
// to failed/ with the reason beside it. A file is claimed by renaming it first, so two processes
// watching one folder never take the same file.

export function wireFolderTurn(dir: string, ownerEmail: string): { done: number; failed: number } {
  const owner = db.select().from(users).where(eq(users.email, ownerEmail.trim().toLowerCase())).get();
  if (!owner || owner.disabled) return { done: 0, failed: 0 };
  mkdirSync(path.join(dir, 'done'), { recursive: true });
  mkdirSync(path.join(dir, 'failed'), { recursive: true });
  let done = 0;
  let failed = 0;
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const claimed = path.join(dir, `${name}.${process.pid}.taking`);
    try {
      renameSync(path.join(dir, name), claimed);
    } catch {
      continue; // another process took it
    }
    try {
      const parsed = ninjsInput.safeParse(JSON.parse(readFileSync(claimed, 'utf8')));
      if (!parsed.success)
        throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
      ingestWireItem(owner, parsed.data);
      renameSync(claimed, path.join(dir, 'done', name));
      done++;
    } catch (error) {
      const reason =
        error instanceof ActionError
          ? Object.values(error.fieldErrors ?? {}).join('\n') || error.code
          : String(error);
      renameSync(claimed, path.join(dir, 'failed', name));
      writeFileSync(path.join(dir, 'failed', `${name}.error.txt`), `${reason}\n`);
      failed++;
    }
  }
  return { done, failed };
}

export function startWireFolder(): void {
  const dir = process.env.NEWSROOM_WIRE_DIR;
  const owner = process.env.NEWSROOM_WIRE_OWNER;
  if (!dir || !owner) return;
  const key = Symbol.for('newsroom.wire-folder');
  const state = globalThis as Record<symbol, unknown>;
  if (state[key]) return;
  state[key] = true;
  mkdirSync(dir, { recursive: true });
  const timer = setInterval(() => {
    try {
      wireFolderTurn(dir, owner);
    } catch (error) {
      console.error('wire folder failed', error);
    }
  }, 5_000);
  timer.unref();
}
