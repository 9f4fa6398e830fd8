// `npm run db:setup` / `db:migrate` when DATABASE_URL is a postgres:// address: applies
// drizzle/pg/ and stops there. The demo newsroom is written through the newsroom's own
// (synchronous, SQLite) query layer, so it cannot be loaded into PostgreSQL yet: asked for it,
// this says so and fails rather than leave a half-seeded database (docs/decisions/postgres.md).
import { migratePostgres, openPostgres } from '@/db/pg-connection';

export const POSTGRES_SEED_REFUSED =
  'لا يمكن تحميل غرفة الأخبار التجريبية في PostgreSQL بعد: طُبّقت الترحيلات فقط. ' +
  'شغّل الأمر مع NEWSROOM_DEMO=0 أو npm run db:migrate.\n' +
  'The demo newsroom cannot be loaded into PostgreSQL yet (it is written through the synchronous ' +
  'SQLite query layer): the migrations were applied, nothing else. Run with NEWSROOM_DEMO=0, or ' +
  '`npm run db:migrate`.';

// The address without its password, for the log.
const shown = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');

export async function setUpPostgres(url: string, { withDemo }: { withDemo: boolean }): Promise<number> {
  const db = openPostgres(url, { max: 1 });
  try {
    await migratePostgres(db);
  } finally {
    await db.$client.end();
  }
  console.log(`PostgreSQL migrated: ${shown(url)}`);
  if (withDemo) {
    console.error(POSTGRES_SEED_REFUSED);
    return 1;
  }
  return 0;
}
