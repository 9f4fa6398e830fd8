import 'server-only';
import { APP_LOCK_WAIT_MS, openDatabase, type Db } from './connection';
import { refuseUnservedDialect } from './dialect.mjs';

// A postgres:// DATABASE_URL is not served yet (db/dialect.mjs): stop here rather than open the
// SQLite file while the operator believes the newsroom runs on PostgreSQL.
const dialect = refuseUnservedDialect(process.env);
if (!dialect.ok) throw new Error(dialect.message);

// The only place the app opens the database. Kept on globalThis so that Next's dev-mode module
// reloading does not open a new connection on every edit.
const globalForDb = globalThis as unknown as { newsroomDb?: Db };

export const db: Db = globalForDb.newsroomDb ?? openDatabase(undefined, { lockWaitMs: APP_LOCK_WAIT_MS });
globalForDb.newsroomDb = db;

// The one other connection: the API's rate windows (lib/platform/keys.ts countRequest) are written
// on every API request, so on a connection of their own with synchronous = NORMAL a count costs no
// fsync (in WAL mode a power cut may lose the last counts of a minute, never corrupt the file; a
// rate limit can afford that, a journalist's save cannot). Opened on first use.
const globalForCounters = globalThis as unknown as { newsroomCounterDb?: Db };
export function counterDb(): Db {
  if (!globalForCounters.newsroomCounterDb) {
    const counters = openDatabase(undefined, { lockWaitMs: APP_LOCK_WAIT_MS });
    counters.$client.pragma('synchronous = NORMAL');
    globalForCounters.newsroomCounterDb = counters;
  }
  return globalForCounters.newsroomCounterDb;
}
