// Both schemas (db/schema.ts for SQLite, db/pg-schema.ts for PostgreSQL) described the same way
// from Drizzle's own table configs, so a test compares descriptions instead of listing columns.
import { getTableName, is, SQL } from 'drizzle-orm';
import { getTableConfig as pgConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteSyncDialect, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as pgSchema from '@/db/pg-schema';
import * as sqliteSchema from '@/db/schema';

export type ColumnShape = {
  type: string;
  notNull: boolean;
  primary: boolean;
  unique: boolean;
  // A literal default as its value, a default computed by SQL as 'SQL', none as null.
  default: unknown;
  generated: 'identity' | null;
  enumValues: readonly string[] | null;
};
export type IndexShape = { columns: string[]; unique: boolean; where: string | null };
export type ForeignKeyShape = {
  columns: string[];
  table: string;
  foreignColumns: string[];
  onDelete: string;
  onUpdate: string;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKeys: string[][];
  indexes: Record<string, IndexShape>;
  foreignKeys: ForeignKeyShape[];
};

// The documented mapping (db/pg-schema.ts, docs/decisions/postgres.md): the PostgreSQL type each
// SQLite column must have. Plain integers that hold epoch milliseconds are named so.
export const EPOCH_MS_NAME = /(_at|_until|^window_start)$/;
export const PG_TIMESTAMP = 'timestamp (3) with time zone';
export function pgTypeFor(sqliteColumnType: string, name: string): string {
  switch (sqliteColumnType) {
    case 'SQLiteTimestamp':
      return PG_TIMESTAMP;
    case 'SQLiteBoolean':
      return 'boolean';
    case 'SQLiteInteger':
      return EPOCH_MS_NAME.test(name) ? 'bigint' : 'integer';
    case 'SQLiteText':
      return 'text';
    case 'SQLiteTextJson':
      return 'jsonb';
    case 'SQLiteBlobBuffer':
      return 'bytea';
    default:
      throw new Error(`no PostgreSQL type is documented for ${sqliteColumnType} (${name})`);
  }
}

const defaultOf = (value: unknown) => (value === undefined ? null : is(value, SQL) ? 'SQL' : value);
const byName = (names: { name: string }[]) => names.map((c) => c.name);
const sqliteDialect = new SQLiteSyncDialect();
const pgDialect = new PgDialect();

// Indexes and foreign keys read alike in both dialects' configs; only the partial index's
// condition is written by each dialect's own SQL.
type IndexConfig = {
  config: { name?: string; columns: unknown[]; unique: boolean; where?: SQL };
};
function indexesOf(
  indexes: IndexConfig[],
  dialect: { sqlToQuery(sql: SQL): { sql: string } },
): Record<string, IndexShape> {
  return Object.fromEntries(
    indexes.map((i) => [
      i.config.name!,
      {
        columns: i.config.columns.map((c) => (c as { name: string }).name),
        unique: i.config.unique,
        where: i.config.where ? dialect.sqlToQuery(i.config.where).sql : null,
      },
    ]),
  );
}
type ForeignKeyConfig = {
  reference(): {
    columns: { name: string }[];
    foreignTable: Parameters<typeof getTableName>[0];
    foreignColumns: { name: string }[];
  };
  onDelete?: string;
  onUpdate?: string;
};
function foreignKeyOf(fk: ForeignKeyConfig): ForeignKeyShape {
  const ref = fk.reference();
  return {
    columns: byName(ref.columns),
    table: getTableName(ref.foreignTable),
    foreignColumns: byName(ref.foreignColumns),
    onDelete: fk.onDelete ?? 'no action',
    onUpdate: fk.onUpdate ?? 'no action',
  };
}

export function sqliteTables(): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  for (const table of Object.values(sqliteSchema)) {
    if (!is(table, SQLiteTable)) continue;
    const config = sqliteConfig(table);
    out[config.name] = {
      columns: Object.fromEntries(
        config.columns.map((c) => [
          c.name,
          {
            type: pgTypeFor(c.columnType, c.name),
            notNull: c.notNull,
            primary: c.primary,
            unique: c.isUnique,
            default: defaultOf(c.default),
            generated: (c as unknown as { autoIncrement?: boolean }).autoIncrement ? 'identity' : null,
            enumValues: c.enumValues?.length ? c.enumValues : null,
          },
        ]),
      ),
      primaryKeys: config.primaryKeys.map((pk) => byName(pk.columns)),
      indexes: indexesOf(config.indexes, sqliteDialect),
      foreignKeys: config.foreignKeys.map(foreignKeyOf),
    };
  }
  return out;
}

export function pgTables(): Record<string, TableShape> {
  const out: Record<string, TableShape> = {};
  for (const table of Object.values(pgSchema)) {
    if (!is(table, PgTable)) continue;
    const config = pgConfig(table);
    out[config.name] = {
      columns: Object.fromEntries(
        config.columns.map((c) => [
          c.name,
          {
            type: c.getSQLType(),
            notNull: c.notNull,
            primary: c.primary,
            unique: c.isUnique,
            default: defaultOf(c.default),
            generated: c.generatedIdentity ? 'identity' : null,
            enumValues: c.enumValues?.length ? c.enumValues : null,
          },
        ]),
      ),
      primaryKeys: config.primaryKeys.map((pk) => byName(pk.columns)),
      indexes: indexesOf(config.indexes, pgDialect),
      foreignKeys: config.foreignKeys.map(foreignKeyOf),
    };
  }
  return out;
}

// What SQLite has in hand-written migrations only, each with its PostgreSQL counterpart
// (docs/decisions/postgres.md). A new hand-written SQLite object that is not listed here fails
// the drift test until its counterpart is decided.
export const HAND_WRITTEN = {
  // SQLite tables outside db/schema.ts → how PostgreSQL has them.
  tables: {
    article_search: 'FTS5 table (drizzle/0003) → table with a tsvector and a GIN index (drizzle/pg/0001)',
    newsroom_search: 'FTS5 table (drizzle/0008) → table with a tsvector and a GIN index (drizzle/pg/0001)',
    article_collab_states: 'drizzle/0013 → db/pg-schema.ts articleCollabStates',
    article_revision_contributors: 'drizzle/0013 → db/pg-schema.ts articleRevisionContributors',
  },
  // PostgreSQL tables that exist only in hand-written migrations (no Drizzle declaration): the
  // two search tables, and the totals bm25 needs (FTS5 keeps its own inside its shadow tables).
  pgOnlyInSql: ['article_search', 'newsroom_search', 'article_search_totals'],
  ftsTables: ['article_search', 'newsroom_search'],
  pgIndexesInSql: ['article_search_document_idx', 'newsroom_search_document_idx'],
  triggers: { article_revisions_no_update: 'article_revisions' },
  pgOnlyTriggers: { article_search_totals_kept: 'article_search' },
  checks: {
    house_style_rules: 'house_style_rules_kind_check',
    house_style_version: 'house_style_version_one_row',
  },
  pgOnlyChecks: ['article_search_totals_id_check'],
  // Rows the migrations themselves write, on both sides.
  rows: ['reader_cache_generation', 'house_style_version', 'house_style_rules', 'newsroom_dictionary'],
  pgOnlyRows: ['article_search_totals'],
} as const;
