// Which store the newsroom runs on: SQLite (the default, DATABASE_PATH) or PostgreSQL when
// DATABASE_URL is a postgres:// or postgresql:// address (docs/decisions/postgres.md). Plain
// JavaScript, since server.mjs reads it untranspiled before anything opens a database.

const POSTGRES_URL = /^postgres(?:ql)?:\/\//i;

/** @param {string | undefined} url */
export function isPostgresUrl(url) {
  return typeof url === 'string' && POSTGRES_URL.test(url.trim());
}

/** @param {Record<string, string | undefined>} env */
export function databaseDialect(env = process.env) {
  return isPostgresUrl(env.DATABASE_URL) ? 'postgresql' : 'sqlite';
}

// Postgres has its schema, migrations, search index and backup drill, but the query layer is
// still synchronous better-sqlite3: the app refuses to start rather than run on a SQLite file
// while the operator believes it is on Postgres.
export const POSTGRES_NOT_YET_SERVED =
  'قاعدة PostgreSQL غير مدعومة بعد في تشغيل التطبيق: طبقة الاستعلامات ما زالت على SQLite. ' +
  'أزل DATABASE_URL لتشغيله على SQLite.\n' +
  'PostgreSQL is not yet supported by the query layer (DATABASE_URL is a postgres:// address): ' +
  '`npm run db:migrate` applies the PostgreSQL migrations, but the app itself runs on SQLite only ' +
  'for now. Unset DATABASE_URL to run on SQLite (DATABASE_PATH). See docs/decisions/postgres.md.';

/** @param {Record<string, string | undefined>} env */
export function refuseUnservedDialect(env = process.env) {
  return databaseDialect(env) === 'postgresql'
    ? { ok: false, message: POSTGRES_NOT_YET_SERVED }
    : { ok: true };
}
