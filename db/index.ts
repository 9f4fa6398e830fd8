import 'server-only';
import { APP_LOCK_WAIT_MS, openDatabase, type Db } from './connection';

// The only place the app opens the database. Kept on globalThis so that Next's dev-mode module
// reloading does not open a new connection on every edit.
const globalForDb = globalThis as unknown as { newsroomDb?: Db };

export const db: Db = globalForDb.newsroomDb ?? openDatabase(undefined, { lockWaitMs: APP_LOCK_WAIT_MS });
globalForDb.newsroomDb = db;
