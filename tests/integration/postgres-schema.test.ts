import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '@/db/connection';
import { migratePostgres, openPostgres, PG_MIGRATIONS_FOLDER } from '@/db/pg-connection';
import { startPostgres, type TestPostgres } from '../postgres/server';
import {
  EPOCH_MS_NAME,
  HAND_WRITTEN,
  PG_TIMESTAMP,
  pgTables,
  sqliteTables,
  type TableShape,
} from '../postgres/schemas';

// One schema, two dialects, no drift: db/pg-schema.ts must say what db/schema.ts says (tables,
// columns with their nullability, defaults and keys, indexes with their conditions, foreign keys),
// in the documented type mapping; every object SQLite has only in hand-written SQL has its
// PostgreSQL counterpart; and drizzle/pg/ applied to a real PostgreSQL 15 builds exactly that
// schema, once (a second run changes nothing).

const sqlite = sqliteTables();
const postgres = pgTables();

// The SQLite file tests/setup.ts migrated for this process: the catalogue the hand-written
// migrations actually built.
const sqliteFile = openDatabase(process.env.DATABASE_PATH!);
after(() => sqliteFile.$client.close());
const sqliteCatalogue = sqliteFile.$client
  .prepare<[], { type: string; name: string; tbl_name: string; sql: string | null }>(
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations'",
  )
  .all();
const ftsTables = sqliteCatalogue
  .filter((o) => o.type === 'table' && /CREATE VIRTUAL TABLE .* USING fts5/i.test(o.sql ?? ''))
  .map((o) => o.name);
const isFtsShadow = (name: string) =>
  ftsTables.some((fts) => new RegExp(`^${fts}_(config|content|data|docsize|idx)$`).test(name));

describe('the PostgreSQL schema says what the SQLite schema says', () => {
  test('the same tables, and each of its own only where SQLite has it in hand-written SQL', () => {
    const handWritten = Object.keys(HAND_WRITTEN.tables);
    const onlyInPg = Object.keys(postgres).filter((t) => !(t in sqlite));
    assert.deepEqual(
      onlyInPg.sort(),
      handWritten.filter((t) => !HAND_WRITTEN.pgOnlyInSql.includes(t as never)).sort(),
    );
    assert.deepEqual(
      Object.keys(sqlite).filter((t) => !(t in postgres)),
      [],
    );
    // Every table the SQLite migrations built is in db/schema.ts or a listed hand-written one.
    const built = sqliteCatalogue
      .filter((o) => o.type === 'table' && !isFtsShadow(o.name))
      .map((o) => o.name);
    assert.deepEqual(
      built.filter((t) => !(t in sqlite) && !handWritten.includes(t)),
      [],
      'a table made in hand-written SQLite SQL has no PostgreSQL counterpart in tests/postgres/schemas.ts',
    );
    assert.deepEqual(ftsTables.sort(), [...HAND_WRITTEN.ftsTables].sort());
  });

  for (const [name, shape] of Object.entries(sqlite)) {
    test(`${name}: columns, keys, indexes and foreign keys`, () => {
      const other = postgres[name];
      assert.ok(other, `db/pg-schema.ts has no ${name}`);
      assert.deepEqual(other.columns, shape.columns);
      assert.deepEqual(other.primaryKeys, shape.primaryKeys);
      assert.deepEqual(other.indexes, shape.indexes);
      const order = (fks: TableShape['foreignKeys']) =>
        [...fks].sort((a, b) => a.columns.join().localeCompare(b.columns.join()));
      assert.deepEqual(order(other.foreignKeys), order(shape.foreignKeys));
    });
  }

  test('the tables SQLite made by hand have the same columns and keys in PostgreSQL', () => {
    for (const table of ['article_collab_states', 'article_revision_contributors']) {
      const columns = sqliteFile.$client
        .prepare<[], { name: string; type: string; notnull: number; pk: number; dflt_value: string | null }>(
          `PRAGMA table_info(${table})`,
        )
        .all();
      const pgShape = postgres[table]!;
      const sqliteType = (type: string, column: string) =>
        ({ blob: 'bytea', text: 'text', integer: EPOCH_MS_NAME.test(column) ? 'bigint' : 'integer' })[
          type.toLowerCase()
        ];
      const compositeKey = columns.filter((c) => c.pk > 0).length > 1;
      assert.deepEqual(
        Object.fromEntries(
          Object.entries(pgShape.columns).map(([n, c]) => [
            n,
            {
              type: c.type,
              notNull: c.notNull || c.primary,
              pk: c.primary || (compositeKey && pgShape.primaryKeys.flat().includes(n)),
              hasDefault: c.default !== null,
            },
          ]),
        ),
        Object.fromEntries(
          columns.map((c) => [
            c.name,
            {
              type: sqliteType(c.type, c.name),
              notNull: c.notnull === 1 || c.pk > 0,
              pk: c.pk > 0,
              hasDefault: c.dflt_value !== null,
            },
          ]),
        ),
        table,
      );
      const fks = sqliteFile.$client
        .prepare<[], { table: string; from: string; to: string; on_delete: string }>(
          `PRAGMA foreign_key_list(${table})`,
        )
        .all()
        .map((f) => ({ column: f.from, table: f.table, to: f.to, onDelete: f.on_delete.toLowerCase() }));
      assert.deepEqual(
        pgShape.foreignKeys
          .map((f) => ({
            column: f.columns[0],
            table: f.table,
            to: f.foreignColumns[0],
            onDelete: f.onDelete,
          }))
          .sort((a, b) => a.column!.localeCompare(b.column!)),
        fks.sort((a, b) => a.column.localeCompare(b.column)),
        table,
      );
    }
  });

  test('every index, trigger and check the SQLite migrations made is declared or has a listed counterpart', () => {
    // A column's .unique() is an index SQLite names <table>_<column>_unique.
    const declared = new Set(
      Object.entries(sqlite).flatMap(([table, t]) => [
        ...Object.keys(t.indexes),
        ...Object.entries(t.columns)
          .filter(([, c]) => c.unique)
          .map(([column]) => `${table}_${column}_unique`),
      ]),
    );
    const indexes = sqliteCatalogue.filter((o) => o.type === 'index' && o.sql !== null).map((o) => o.name);
    assert.deepEqual(
      indexes.filter((i) => !declared.has(i)),
      [],
      'an index made in SQL only, missing from db/schema.ts',
    );
    const triggers = sqliteCatalogue.filter((o) => o.type === 'trigger').map((o) => [o.name, o.tbl_name]);
    assert.deepEqual(triggers, Object.entries(HAND_WRITTEN.triggers));
    const checks = sqliteCatalogue
      .filter((o) => o.type === 'table' && /\bCHECK\s*\(/i.test(o.sql ?? ''))
      .map((o) => o.name);
    assert.deepEqual(checks.sort(), Object.keys(HAND_WRITTEN.checks).sort());
  });

  test('the mapping keeps the row types the query layer sees', () => {
    // Timestamps stay Dates, booleans booleans, epoch numbers numbers: what $inferSelect gives
    // on both sides (checked by the compiler below; this keeps the test honest at run time).
    assert.equal(postgres.articles!.columns.published_at!.type, PG_TIMESTAMP);
    assert.equal(postgres.counted_visits!.columns.seen_at!.type, 'bigint');
    assert.equal(postgres.articles!.columns.slug_locked!.type, 'boolean');
  });
});

// The row types of both schemas are one type (a compile-time check: tsc fails on a difference).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type SqliteRows = {
  [K in keyof typeof import('@/db/schema')]: (typeof import('@/db/schema'))[K] extends {
    $inferSelect: infer R;
  }
    ? R
    : never;
};
type PgRows = {
  [K in keyof typeof import('@/db/pg-schema')]: (typeof import('@/db/pg-schema'))[K] extends {
    $inferSelect: infer R;
  }
    ? R
    : never;
};
type Shared = Exclude<keyof SqliteRows & keyof PgRows, `${string}Relations`>;
const sameRows: { [K in Shared]: Same<SqliteRows[K], PgRows[K]> } extends { [K in Shared]: true }
  ? true
  : false = true;
void sameRows;

type Catalogue = {
  tables: string[];
  columns: Record<string, { type: string; notNull: boolean; hasDefault: boolean; identity: boolean }>;
  indexes: Record<string, { table: string; columns: string[]; unique: boolean; where: string | null }>;
  foreignKeys: string[];
  triggers: string[];
  checks: string[];
  migrations: number;
  rows: Record<string, number>;
};

async function catalogue(client: pg.Client): Promise<Catalogue> {
  const tables = await client.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
  );
  const columns = await client.query<{
    table_name: string;
    column_name: string;
    data_type: string;
    datetime_precision: number | null;
    is_nullable: string;
    column_default: string | null;
    is_identity: string;
    is_generated: string;
  }>(
    `SELECT table_name, column_name, data_type, datetime_precision, is_nullable, column_default, is_identity, is_generated
     FROM information_schema.columns WHERE table_schema = 'public'`,
  );
  const indexes = await client.query<{
    name: string;
    table: string;
    unique: boolean;
    columns: string[];
    predicate: string | null;
  }>(
    `SELECT c.relname AS name, t.relname AS table, i.indisunique AS unique,
            array(SELECT pg_get_indexdef(i.indexrelid, k, true) FROM generate_series(1, i.indnkeyatts) AS k ORDER BY k) AS columns,
            pg_get_expr(i.indpred, i.indrelid) AS predicate
     FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
     JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE n.nspname = 'public' AND NOT i.indisprimary`,
  );
  const foreignKeys = await client.query<{ fk: string }>(
    `SELECT conrelid::regclass::text || '(' || (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
              WHERE attrelid = conrelid AND attnum = ANY (conkey)) || ') -> ' || confrelid::regclass::text || '(' ||
            (SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = confrelid AND attnum = ANY (confkey)) ||
            ') on delete ' || confdeltype::text AS fk
     FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace ORDER BY 1`,
  );
  const triggers = await client.query<{ t: string }>(
    "SELECT tgname || ' on ' || tgrelid::regclass::text AS t FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1",
  );
  const checks = await client.query<{ c: string }>(
    "SELECT conname AS c FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1",
  );
  const migrations = await client.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
  );
  const rows: Record<string, number> = {};
  for (const table of [...HAND_WRITTEN.rows, ...HAND_WRITTEN.pgOnlyRows]) {
    rows[table] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  }
  return {
    tables: tables.rows.map((r) => r.table_name),
    columns: Object.fromEntries(
      columns.rows.map((c) => [
        `${c.table_name}.${c.column_name}`,
        {
          type:
            c.data_type === 'timestamp with time zone'
              ? `timestamp (${c.datetime_precision}) with time zone`
              : c.data_type === 'USER-DEFINED'
                ? 'tsvector'
                : c.data_type,
          notNull: c.is_nullable === 'NO',
          hasDefault: c.column_default !== null || c.is_generated === 'ALWAYS',
          identity: c.is_identity === 'YES',
        },
      ]),
    ),
    indexes: Object.fromEntries(
      indexes.rows.map((i) => [
        i.name,
        { table: i.table, columns: i.columns, unique: i.unique, where: i.predicate },
      ]),
    ),
    foreignKeys: foreignKeys.rows.map((r) => r.fk),
    triggers: triggers.rows.map((r) => r.t),
    checks: checks.rows.map((r) => r.c),
    migrations: migrations.rows[0]!.n,
    rows,
  };
}

// PostgreSQL prints a predicate back with parentheses and casts: `(slug <> ''::text)`.
const normalizePredicate = (where: string | null) =>
  where === null
    ? null
    : where
        .replace(/::text\b/g, '')
        .replace(/[()]/g, '')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase();

describe('drizzle/pg/ on a real PostgreSQL', () => {
  let server: TestPostgres;
  let client: pg.Client;
  let first: Catalogue;
  before(async () => {
    server = await startPostgres();
    const db = openPostgres(server.url(), { max: 1 });
    try {
      await migratePostgres(db);
    } finally {
      await db.$client.end();
    }
    client = new pg.Client({ connectionString: server.url() });
    await client.connect();
    first = await catalogue(client);
  });
  after(async () => {
    await client?.end();
    server?.stop();
  });

  test('builds the tables and columns of db/pg-schema.ts, and the hand-written ones', () => {
    assert.deepEqual(first.tables, [...Object.keys(postgres), ...HAND_WRITTEN.pgOnlyInSql].sort());
    for (const [table, shape] of Object.entries(postgres)) {
      for (const [column, c] of Object.entries(shape.columns)) {
        assert.deepEqual(
          first.columns[`${table}.${column}`],
          {
            type: c.type,
            notNull: c.notNull || c.primary,
            hasDefault: c.default !== null,
            identity: c.generated === 'identity',
          },
          `${table}.${column}`,
        );
      }
      const built = Object.keys(first.columns).filter((k) => k.startsWith(`${table}.`));
      assert.equal(
        built.length,
        Object.keys(shape.columns).length,
        `${table} has columns the schema does not declare`,
      );
    }
    assert.equal(first.columns['article_search.document']?.type, 'tsvector');
  });

  test('builds every declared index with its columns, uniqueness and condition', () => {
    const declared: Record<
      string,
      { table: string; columns: string[]; unique: boolean; where: string | null }
    > = {};
    for (const [table, shape] of Object.entries(postgres)) {
      for (const [name, index] of Object.entries(shape.indexes)) {
        declared[name] = {
          table,
          columns: index.columns,
          unique: index.unique,
          where: normalizePredicate(index.where),
        };
      }
      // A column's .unique() is a unique constraint, whose index PostgreSQL names <table>_<column>_unique.
      for (const [column, c] of Object.entries(shape.columns)) {
        if (c.unique)
          declared[`${table}_${column}_unique`] = { table, columns: [column], unique: true, where: null };
      }
    }
    const built = Object.fromEntries(
      Object.entries(first.indexes)
        .filter(([name]) => !HAND_WRITTEN.pgIndexesInSql.includes(name as never))
        .map(([name, i]) => [name, { ...i, where: normalizePredicate(i.where) }]),
    );
    assert.deepEqual(built, declared);
    for (const name of HAND_WRITTEN.pgIndexesInSql) assert.ok(first.indexes[name], name);
  });

  test('builds every declared foreign key, with its ON DELETE', () => {
    const code = {
      'no action': 'a',
      cascade: 'c',
      'set null': 'n',
      restrict: 'r',
      'set default': 'd',
    } as const;
    const declared = Object.entries(postgres)
      .flatMap(([table, shape]) =>
        shape.foreignKeys.map(
          (f) =>
            `${table}(${f.columns.join(',')}) -> ${f.table}(${f.foreignColumns.join(',')}) on delete ${code[f.onDelete as keyof typeof code]}`,
        ),
      )
      .concat([
        'article_search(article_id) -> articles(id) on delete c',
        'newsroom_search(article_id) -> articles(id) on delete c',
      ])
      .sort();
    assert.deepEqual(first.foreignKeys, declared);
  });

  test('has the hand-written trigger, checks and rows, and they hold', async () => {
    assert.deepEqual(
      first.triggers,
      Object.entries({ ...HAND_WRITTEN.triggers, ...HAND_WRITTEN.pgOnlyTriggers })
        .map(([t, on]) => `${t} on ${on}`)
        .sort(),
    );
    assert.deepEqual(
      first.checks,
      [...Object.values(HAND_WRITTEN.checks), ...HAND_WRITTEN.pgOnlyChecks].sort(),
    );
    assert.equal(first.rows.article_search_totals, 1);
    // The same rows as the SQLite migrations write.
    for (const table of HAND_WRITTEN.rows) {
      const count = sqliteFile.$client.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get();
      assert.equal(first.rows[table], count, table);
    }
    await assert.rejects(
      client.query('INSERT INTO house_style_version (id, version) VALUES (2, 1)'),
      /house_style_version_one_row/,
    );
    await client.query(
      `WITH u AS (INSERT INTO users (email, name, role, password_hash) VALUES ('a@b.c', 'س', 'editor', 'x') RETURNING id),
            a AS (INSERT INTO articles (body_json, author_id, updated_at) SELECT '{}', id, now() FROM u RETURNING id, author_id)
       INSERT INTO article_revisions (article_id, article_version, reason, headline, deck, slug, dateline, body_json, body_text, author_id, created_by)
       SELECT id, 1, 'autosave', 'ع', '', '', '', '{}', '', author_id, author_id FROM a`,
    );
    await assert.rejects(client.query("UPDATE article_revisions SET headline = 'غيره'"), /append-only/);
  });

  test('applying the migrations a second time changes nothing', async () => {
    const db = openPostgres(server.url(), { max: 1 });
    try {
      await migratePostgres(db);
    } finally {
      await db.$client.end();
    }
    const second = await catalogue(client);
    // Every migration of drizzle/pg/meta/_journal.json, recorded once.
    const journal = JSON.parse(
      readFileSync(path.join(PG_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    assert.equal(second.migrations, journal.entries.length);
    assert.deepEqual(second, first);
  });
});
