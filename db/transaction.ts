import type { Db } from './connection';
import { db } from './index';

// The one transaction type. Every statement inside a transaction runs on the `tx` it was handed,
// never on `db` (nor on a statement prepared on `db`): on better-sqlite3 both are one synchronous
// connection, but on a pooled or asynchronous driver a statement on `db` would silently run
// outside the transaction.
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// What a read that runs inside or outside a transaction accepts.
export type Queryable = Db | Tx;

// A write transaction. Immediate: it takes SQLite's write lock when it begins, so the rows it
// reads (to check a permission, a version) cannot change before it writes; a deferred one would
// fail with SQLITE_BUSY at its first write instead of waiting (db/write-lock.ts). better-sqlite3
// transactions are synchronous: `work` must not await. `database` is for the tests that race two
// connections to one file, and the scripts; the app has one.
export function transaction<T>(work: (tx: Tx) => T, database: Db = db): T {
  return database.transaction(work, { behavior: 'immediate' });
}
