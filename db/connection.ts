import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), 'drizzle');

export function databasePath(): string {
  // The file is chosen at run time; turbopackIgnore keeps the build from tracing the whole tree.
  return path.resolve(
    /*turbopackIgnore: true*/ process.env.DATABASE_PATH ?? path.join('data', 'newsroom.db'),
  );
}

// How long a statement waits, synchronously, for another connection's write lock. The scripts
// wait up to 5 s. The app waits only a moment: the wait blocks the event loop, so every reader's
// request would queue behind one waiting write; its writes retry asynchronously instead
// (db/write-lock.ts), and reads never need the lock in WAL mode.
export const SCRIPT_LOCK_WAIT_MS = 5000;
export const APP_LOCK_WAIT_MS = 5;

// Opens one SQLite file with the settings every connection must have. Used by db/index.ts
// (the app), by the scripts and by the tests, so that all three see the same database rules.
export function openDatabase(
  file: string = databasePath(),
  { lockWaitMs = SCRIPT_LOCK_WAIT_MS }: { lockWaitMs?: number } = {},
): Db {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const client = new Database(file);
  client.pragma('journal_mode = WAL');
  // FULL: a journalist's acknowledged save survives a power cut, not only a crash.
  client.pragma('synchronous = FULL');
  client.pragma('foreign_keys = ON');
  client.pragma(`busy_timeout = ${Math.max(0, Math.trunc(lockWaitMs))}`);
  return drizzle(client, { schema }) as Db;
}

export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
