import { sql, type SQL } from 'drizzle-orm';
import { queryTerms, searchTerms } from '@/lib/shared/arabic';
import type { PgDb } from './pg-connection';

// The newsroom's search (كل المقالات) on PostgreSQL: the counterpart of the FTS5 table
// newsroom_search and of lib/newsroom/article-list.ts's refreshNewsroomSearch and match condition.
// The table (drizzle/pg/0001) holds the working copy of every article, drafts included, folded by
// the same lib/shared/arabic.ts searchTerms() as the readers' index: the headline with the deck,
// and the body. It is kept in step the same lazy way: every write bumps an article's version,
// newsroom_search_state remembers the version each row was folded from, and a search first
// re-folds the articles whose version moved, so no write path has to remember the index.
// tests/integration/postgres-newsroom-search.test.ts holds its answers equal to SQLite's.

const fold = (text: string) => searchTerms(text).join(' ');

// Re-folds the articles whose working copy changed since it was last folded. Returns how many.
// One transaction; the changed rows are written in article order, so two searches refreshing at
// once take their row locks in the same order (one waits for the other, neither deadlocks), and a
// row is only ever written with the version it was folded from: a save that lands meanwhile
// leaves the versions apart, and the next search folds it again.
export async function refreshNewsroomSearch(pg: PgDb): Promise<number> {
  return pg.transaction(async (tx) => {
    const stale = await tx.execute<{
      id: number;
      version: number;
      headline: string;
      deck: string;
      body: string;
    }>(
      sql`SELECT a.id, a.version, a.headline, a.deck, a.body_text AS body
          FROM articles a LEFT JOIN newsroom_search_state s ON s.article_id = a.id
          WHERE s.version IS DISTINCT FROM a.version
          ORDER BY a.id`,
    );
    const rows = stale.rows;
    if (rows.length === 0) return 0;
    // Each column as one array parameter (sql.param: a bare array would be spread into a list).
    const ids = sql.param(rows.map((r) => r.id));
    await tx.execute(
      sql`INSERT INTO newsroom_search (article_id, headline, body)
          SELECT * FROM unnest(${ids}::int[],
                               ${sql.param(rows.map((r) => fold(`${r.headline} ${r.deck}`)))}::text[],
                               ${sql.param(rows.map((r) => fold(r.body)))}::text[])
          ON CONFLICT (article_id) DO UPDATE SET headline = excluded.headline, body = excluded.body`,
    );
    await tx.execute(
      sql`INSERT INTO newsroom_search_state (article_id, version)
          SELECT * FROM unnest(${ids}::int[], ${sql.param(rows.map((r) => r.version))}::int[])
          ON CONFLICT (article_id) DO UPDATE SET version = excluded.version`,
    );
    return rows.length;
  });
}

// The condition "this article's working copy matches the query", on `articles.id`, for the
// newsroom's list query; null when nothing searchable is left (only punctuation, say), which
// the list answers with no article rather than all. Every term must match, as FTS5's quoted terms
// do; the folded terms reach PostgreSQL as one bound parameter of plainto_tsquery, which reads no
// operator syntax.
export function newsroomSearchCondition(query: string): SQL | null {
  const terms = queryTerms(query);
  if (terms.length === 0) return null;
  return sql`articles.id IN (SELECT article_id FROM newsroom_search
                             WHERE document @@ plainto_tsquery('simple', ${terms.join(' ')}))`;
}

// The newsroom list's articles on PostgreSQL, as lib/newsroom/article-list.ts lists them: those
// not deleted, newest activity first, with how many there are. A query with text in it refreshes
// the index and keeps the matches (none when nothing searchable is left); a blank one searches
// nothing and lists all, as the list's empty search box does. `where` adds the list's scope and
// filters (a reporter's own articles, a state, a section…), written over `articles`.
export async function searchNewsroomArticles(
  pg: PgDb,
  query: string,
  { where, limit, offset = 0 }: { where?: SQL; limit: number; offset?: number },
): Promise<{ ids: number[]; total: number }> {
  const conditions = [sql`articles.deleted_at IS NULL`];
  if (where) conditions.push(sql`(${where})`);
  if (query.trim()) {
    const match = newsroomSearchCondition(query);
    if (!match) return { ids: [], total: 0 };
    await refreshNewsroomSearch(pg);
    conditions.push(match);
  }
  const all = sql.join(conditions, sql` AND `);
  const counted = await pg.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM articles WHERE ${all}`);
  const page = await pg.execute<{ id: number }>(
    sql`SELECT id FROM articles WHERE ${all}
        ORDER BY updated_at DESC, id DESC LIMIT ${limit} OFFSET ${offset}`,
  );
  return { ids: page.rows.map((r) => r.id), total: counted.rows[0]?.n ?? 0 };
}
