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

// bm25 as FTS5 computes it (sqlite's fts5_aux.c, with lib/reader/search.ts's column weights:
// headline 10, deck 4, body 1, tags 6), so both stores rank alike: ts_rank is another formula
// (no inverse document frequency, another length normalisation) and ordered the project's cases
// differently (docs/decisions/postgres.md). For each query term t and matching row d:
//   f(t, d) = the sum of the column weights of every occurrence of t in d,
//   idf(t) = ln((N − n(t) + 0.5) / (n(t) + 0.5)), 1e-6 when not positive,
//   score(d) = Σ idf(t) · f · (k1 + 1) / (f + k1 · (1 − b + b · |d| / avgdl)),  k1 = 1.2, b = 0.75,
// N and avgdl from article_search_totals (the index's rows and words, kept by a trigger), n(t)
// the rows holding t, |d| the row's words (article_search.length). The weights ride on the
// tsvector's letters, set in drizzle/pg/0001: A headline, B tags, C deck, D body.
const WEIGHT_OF_LETTER = sql.raw(
  `CASE w WHEN 'A' THEN 10.0 WHEN 'B' THEN 6.0 WHEN 'C' THEN 4.0 ELSE 1.0 END`,
);
// Constants of the formula, written into the statement (a bound parameter would be typed integer).
const K1 = sql.raw('1.2::float8');
const K1_PLUS_1 = sql.raw('2.2::float8');
const B = sql.raw('0.75::float8');

export type IndexPage = { ids: number[]; counted: number };

// Matching article ids, best first: as on SQLite, the newest `window` matches are ranked (a
// common word's query costs no more than the window), equal scores newest first, counting stops
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
  const text = terms.join(' ');
  const counted = await q.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM
          (SELECT 1 FROM article_search WHERE document @@ plainto_tsquery('simple', ${text})
           LIMIT ${countCap + 1}) AS m`,
  );
  // Scores are compared rounded to 9 digits: the sum over terms may add in another order for two
  // rows FTS5 scores exactly alike, and those must stay a tie (newest first).
  const ranked = await q.execute<{ id: number }>(
    sql`WITH totals AS (
          SELECT rows::float8 AS n, CASE WHEN rows > 0 THEN words::float8 / rows ELSE 1 END AS avgdl
          FROM article_search_totals WHERE id = 1),
        terms AS (SELECT unnest(tsvector_to_array(to_tsvector('simple', ${text}))) AS term),
        idf AS (
          SELECT term, CASE WHEN v > 0 THEN v ELSE 1e-6 END AS idf
          FROM (SELECT term, ln((totals.n - hits + 0.5) / (hits + 0.5)) AS v
                FROM terms, totals,
                     LATERAL (SELECT count(*)::float8 AS hits FROM article_search
                              WHERE document @@ quote_literal(term)::tsquery) AS h) AS raw),
        newest AS (
          SELECT article_id, document, length FROM article_search
          WHERE document @@ plainto_tsquery('simple', ${text})
          ORDER BY article_id DESC LIMIT ${window}),
        freq AS (
          SELECT m.article_id, m.length, idf.idf, sum(${WEIGHT_OF_LETTER}) AS f
          FROM newest m, LATERAL unnest(m.document) AS u, LATERAL unnest(u.weights) AS w,
               idf WHERE idf.term = u.lexeme
          GROUP BY m.article_id, m.length, idf.term, idf.idf),
        scored AS (
          SELECT article_id,
                 sum(idf * (f * ${K1_PLUS_1}) / (f + ${K1} * (1 - ${B} + ${B} * length / totals.avgdl))) AS score
          FROM freq, totals GROUP BY article_id)
        SELECT article_id AS id FROM scored
        ORDER BY round(score::numeric, 9) DESC, article_id DESC
        LIMIT ${limit} OFFSET ${offset}`,
  );
  return { ids: ranked.rows.map((r) => Number(r.id)), counted: Number(counted.rows[0]?.n ?? 0) };
}
