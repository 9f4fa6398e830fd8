import path from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import * as schema from './pg-schema';

// PostgreSQL through node-postgres (`pg`): the driver Drizzle's node-postgres adapter is built
// on, a pool with real transactions per client, and what Debian's server is tested with here.
// Used by `npm run db:setup` (migrations) and by the tests; the app's query layer is still
// SQLite's (db/connection.ts) until it becomes asynchronous (docs/decisions/postgres.md).

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export const PG_MIGRATIONS_FOLDER = path.join(/*turbopackIgnore: true*/ process.cwd(), 'drizzle', 'pg');

export function openPostgres(url: string, { max = 10 }: { max?: number } = {}): PgDb {
  const pool = new pg.Pool({ connectionString: url, max });
  return drizzle(pool, { schema }) as PgDb;
}

// Drizzle's migrator records each applied migration in drizzle.__drizzle_migrations and runs
// the pending ones in one transaction: applying twice changes nothing.
export async function migratePostgres(db: PgDb): Promise<void> {
  await migrate(db, { migrationsFolder: PG_MIGRATIONS_FOLDER });
}
