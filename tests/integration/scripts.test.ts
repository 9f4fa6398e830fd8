import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';

// The operator's commands, run as a newcomer would run them, on a database of their own.
const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-scripts-'));
const databasePath = path.join(dir, 'empty.db');

function run(script: string, args: string[], env: Record<string, string>) {
  return spawnSync('npx', ['tsx', '--conditions=react-server', script, ...args], {
    env: { ...process.env, DATABASE_PATH: databasePath, ...env },
    encoding: 'utf8',
  });
}

test('NEWSROOM_DEMO=0 starts an empty newsroom, and user:create makes its first admin', () => {
  const setup = run('scripts/db-setup.ts', [], { NEWSROOM_DEMO: '0' });
  assert.equal(setup.status, 0, setup.stderr);
  const db = new Database(databasePath, { readonly: true });
  assert.equal((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n, 0);
  assert.equal((db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number }).n, 0);

  const created = run(
    'scripts/user-create.ts',
    ['--email', 'Chief@Example.org', '--name', 'رئيسة التحرير', '--role', 'admin'],
    {
      NEWSROOM_USER_PASSWORD: 'a-long-enough-password',
    },
  );
  assert.equal(created.status, 0, created.stderr);
  const user = db.prepare('SELECT email, role, password_hash AS hash FROM users').get() as {
    email: string;
    role: string;
    hash: string;
  };
  assert.equal(user.email, 'chief@example.org');
  assert.equal(user.role, 'admin');
  assert.match(user.hash, /^\$argon2id\$/);

  const duplicate = run('scripts/user-create.ts', ['--email', 'chief@example.org', '--name', 'أخرى'], {
    NEWSROOM_USER_PASSWORD: 'a-long-enough-password',
  });
  assert.equal(duplicate.status, 2);
  const weak = run(
    'scripts/user-create.ts',
    ['--email', 'x@example.org', '--name', 'س', '--role', 'emperor'],
    {
      NEWSROOM_USER_PASSWORD: 'short',
    },
  );
  assert.equal(weak.status, 2);
  assert.equal((db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n, 1);
  db.close();
});
