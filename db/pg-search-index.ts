import { sql } from 'drizzle-orm';
import { searchTerms } from '@/lib/shared/arabic';
import type { PgDb } from './pg-connection';
import type { SearchDocument } from './search-index';

// The readers' search index on PostgreSQL (table article_search, drizzle/pg/0001): the
// counterpart of db/search-index.ts and of the FTS5 query in lib/reader/search.ts. The same
// Arabic folding (lib/shared/arabic.ts searchTerms) feeds both the stored text and the reader's
// query, and a tsvector in the `simple` configuration indexes the folded words as they are: the
// folding has done the language's work (hamza forms, taa marbuta, diacritics, attached
// prefixes), so no stemmer or stop-word list may undo it. tests/integration/postgres-search.test.ts
// holds its hits and their order equal to FTS5's on the project's Arabic search cases.

export type PgTx = Parameters<Parameters<PgDb['transaction']>[0]>[0];
export type PgQueryable = PgDb | PgTx;

const fold = (text: string) => searchTerms(text).join(' ');

// Called, once the query layer is asynchronous, by the publish query inside its transaction, as
// indexPublishedArticle is on SQLite: the index always matches what readers see.
export async function indexPublishedArticle(
  q: PgQueryable,
  articleId: number,
  doc: SearchDocument,
): Promise<void> {
  const row = {
    headline: fold(doc.headline),
    deck: fold(doc.deck),
    body: fold(doc.body),
    tags: fold(doc.tags.join(' ')),
  };
  await q.execute(
    sql`INSERT INTO article_search (article_id, headline, deck, body, tags)
        VALUES (${articleId}, ${row.headline}, ${row.deck}, ${row.body}, ${row.tags})
        ON CONFLICT (article_id) DO UPDATE SET headline = excluded.headline, deck = excluded.deck,
          body = excluded.body, tags = excluded.tags`,
  );
}

export async function removeFromSearch(q: PgQueryable, articleId: number): Promise<void> {
  await q.execute(sql`DELETE FROM article_search WHERE article_id = ${articleId}`);
}

// The reader's query as folded terms: what lib/reader/search.ts toMatchExpression quotes for
// FTS5 (the first 500 characters, distinct terms, at most 12). Empty when nothing searchable is
// left. The terms reach Postgres as one bound parameter of plainto_tsquery, which reads no
// operator syntax, so nothing a reader types is an expression.
export function queryTerms(query: string, maxTerms = 12): string[] {
  return [...new Set(searchTerms(query.slice(0, 500)))].slice(0, maxTerms);
}

// bm25's column weights in lib/reader/search.ts (headline 10, deck 4, body 1, tags 6), scaled
// into ts_rank's range (each at most 1) and ordered as ts_rank takes them: {D, C, B, A} =
// {body, deck, tags, headline} (the letters set in drizzle/pg/0001).
export const RANK_WEIGHTS = '{0.1, 0.4, 0.6, 1.0}';
// ts_rank's normalization 1: the rank divided by 1 + log(the document's length), as bm25 weighs a
// match in a short text above the same match in a long one.
const RANK_NORMALIZATION = 1;

export type IndexPage = { ids: number[]; counted: number };

// Matching article ids, best first: as on SQLite, the newest `window` matches are ranked (a
// common word's query costs no more than the window), equal ranks newest first, counting stops
// past `countCap`. Every term must match (FTS5's implicit AND). Readers' visibility (published,
// not under embargo) is the query layer's join, as in lib/reader/search.ts.
export async function searchIndex(
  q: PgQueryable,
  query: string,
  {
    limit,
    offset = 0,
    window = 1000,
    countCap = 1000,
  }: { limit: number; offset?: number; window?: number; countCap?: number },
): Promise<IndexPage> {
  const terms = queryTerms(query);
  if (terms.length === 0) return { ids: [], counted: 0 };
  const tsquery = sql`plainto_tsquery('simple', ${terms.join(' ')})`;
  const counted = await q.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM
          (SELECT 1 FROM article_search WHERE document @@ ${tsquery} LIMIT ${countCap + 1}) AS m`,
  );
  const ranked = await q.execute<{ id: number }>(
    sql`WITH q AS (SELECT ${tsquery} AS query),
        newest AS (SELECT article_id, document FROM article_search, q
                   WHERE document @@ q.query ORDER BY article_id DESC LIMIT ${window})
        SELECT article_id AS id FROM newest, q
        ORDER BY ts_rank(${RANK_WEIGHTS}::float4[], document, q.query, ${RANK_NORMALIZATION}::int) DESC,
                 article_id DESC
        LIMIT ${limit} OFFSET ${offset}`,
  );
  return { ids: ranked.rows.map((r) => Number(r.id)), counted: Number(counted.rows[0]?.n ?? 0) };
}
