// Applies migrations, then (unless NEWSROOM_DEMO=0 or --no-seed) loads demo data into an empty
// database. Run before the app starts, before the build and before the tests.
import { db } from '@/db';
import { databasePath, migrateDatabase } from '@/db/connection';
import { ensureSections, seedDemo } from '@/db/seed/demo';
import { authSecret } from '@/lib/auth/secret';

const withDemo = process.env.NEWSROOM_DEMO !== '0' && !process.argv.includes('--no-seed');

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
