// What this worker knows of the other workers' publications: the reader cache generation, one
// integer in SQLite bumped in the same transaction as every change to what readers may see
// (db/reader-cache.ts bumpReaderGeneration). Read before every request (one prepared read
// of one row); when it moved, this worker's front copy is emptied. So a publish is seen by every
// worker on its very next request, and a worker that starts late catches up the same way.
import path from 'node:path';
import Database from 'better-sqlite3';

export function readerGeneration() {
  /** @type {import('better-sqlite3').Statement | undefined} */
  let read;
  // Read-only: this process never writes the database outside Next. Opened on first use, so that a
  // server started before `npm run db:setup` has made the file fails its first request, not its
  // start.
  return function current() {
    if (!read) {
      const file = path.resolve(process.env.DATABASE_PATH ?? path.join('data', 'newsroom.db'));
      const database = new Database(file, { readonly: true, fileMustExist: true });
      database.pragma('busy_timeout = 5000');
      read = database.prepare('SELECT generation FROM reader_cache_generation WHERE id = 1').pluck();
    }
    return /** @type {number | undefined} */ (read.get()) ?? 0;
  };
}
