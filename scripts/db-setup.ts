// Applies migrations, then (unless NEWSROOM_DEMO=0 or --no-seed) loads demo data into an empty
// database. Run before the app starts, before the build and before the tests. A postgres://
// DATABASE_URL gets PostgreSQL's migrations only (scripts/db-setup-postgres.ts).
import { isPostgresUrl } from '@/db/dialect.mjs';

const withDemo = process.env.NEWSROOM_DEMO !== '0' && !process.argv.includes('--no-seed');

if (isPostgresUrl(process.env.DATABASE_URL)) {
  const { setUpPostgres } = await import('./db-setup-postgres');
  process.exitCode = await setUpPostgres(process.env.DATABASE_URL!.trim(), { withDemo });
} else {
  // Imported here, not above: opening the SQLite connection (db/index.ts) is what a postgres://
  // address must never reach.
  const { db } = await import('@/db');
  const { databasePath, migrateDatabase } = await import('@/db/connection');
  const { ensureSections, seedDemo } = await import('@/db/seed/demo');
  const { authSecret } = await import('@/lib/auth/secret');

  migrateDatabase(db);
  authSecret();
  ensureSections();
  if (withDemo) {
    const started = performance.now();
    const day = await seedDemo();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      day
        ? `demo newsroom loaded into ${databasePath()} in ${seconds} s: ${day.published} published ` +
            `(${day.pictures} pictures, ${day.comments.approved} comments, ${day.views} views), ` +
            `${day.inReview + day.changesRequested + day.drafts} on the desk, 1 scheduled, 1 under embargo ` +
            `(pictures ${day.timings.picturesMs} ms, the day ${day.timings.dayMs} ms)`
        : `database ready: ${databasePath()}`,
    );
  } else {
    console.log(`database migrated: ${databasePath()}`);
  }
  db.$client.close();
}
