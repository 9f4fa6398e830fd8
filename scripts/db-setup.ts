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
  const seeded = await seedDemo();
  console.log(seeded ? `demo data loaded into ${databasePath()}` : `database ready: ${databasePath()}`);
} else {
  console.log(`database migrated: ${databasePath()}`);
}
db.$client.close();
