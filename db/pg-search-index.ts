import { sql, type SQL } from 'drizzle-orm';
import { queryTerms, searchTerms } from '@/lib/shared/arabic';
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

// Many articles at once (a first load, a rebuild): one multi-row INSERT per call, the columns
// bound as one array each and unnested by Postgres, so a batch of thousands is one statement and
// one round trip with five parameters (no 65,535-parameter limit, nothing spliced into the text).
// COPY would need another driver package (pg-copy-streams) to save what is not the cost: at
// 100,000 articles (bench/search-stores.ts, 870 a second) the time goes to what the server does
// per row whatever brings it (the tsvector, the GIN index's entries, the totals trigger, TOAST).
export async function indexPublishedArticles(
  q: PgQueryable,
  rows: { articleId: number; doc: SearchDocument }[],
): Promise<void> {
  if (rows.length === 0) return;
  // sql.param: one parameter holding the array (a bare array is spread into a list by drizzle).
  const column = (pickText: (doc: SearchDocument) => string) =>
    sql.param(rows.map((r) => fold(pickText(r.doc))));
  const ids = sql.param(rows.map((r) => r.articleId));
  await q.execute(
    sql`INSERT INTO article_search (article_id, headline, deck, body, tags)
        SELECT * FROM unnest(${ids}::int[], ${column((d) => d.headline)}::text[],
                             ${column((d) => d.deck)}::text[], ${column((d) => d.body)}::text[],
                             ${column((d) => d.tags.join(' '))}::text[])
        ON CONFLICT (article_id) DO UPDATE SET headline = excluded.headline, deck = excluded.deck,
          body = excluded.body, tags = excluded.tags`,
  );
}

export async function removeFromSearch(q: PgQueryable, articleId: number): Promise<void> {
  await q.execute(sql`DELETE FROM article_search WHERE article_id = ${articleId}`);
}

// The reader's query as folded terms (queryTerms, the same that lib/reader/search.ts quotes for
// FTS5). They reach Postgres as one bound parameter of plainto_tsquery, which reads no operator
// syntax, so nothing a reader types is an expression.

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
//
// f(t, d) is ts_rank_cd of the one-term query with normalisation 0: for a single lexeme every
// occurrence is a cover of its own, worth its letter's weight (tsrank.c calc_rank_cd: the cover's
// length over the sum of its inverse weights, no noise words), so the sum over covers is the sum
// of the weights, read by a binary search in the tsvector's C code. Unnesting the whole tsvector of
// each of the 1,000 ranked rows to find the query's terms (≈110 lexemes a row) made a common
// word's search cost 70 ms at 5,000 articles (bench/search-stores.ts). ts_rank_cd takes weights
// of at most 1, {D, C, B, A}: the column weights over 16, which binary fractions hold exactly.
const CD_WEIGHTS = sql.raw(`'{0.0625, 0.25, 0.375, 0.625}'::float4[]`);
const CD_SCALE = sql.raw('16.0::float8');
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
  // Matches are found through the GIN index only (bitmap scans), never by reading the table in
  // article order or whole and testing each row's tsvector: a tsvector is stored out of line
  // (toast_tuple_target, drizzle/pg/0002), and testing it there means fetching it from the TOAST
  // table, row after row (a two-word query read 23,000 of them for its newest 1,000 matches,
  // 82 ms at 100,000 articles; bench/search-stores.ts). The planner does not count that cost,
  // so the other two ways are switched off for these statements, inside their own transaction
  // (a savepoint when the caller's), and put back as they were.
  return throughSearchIndex(q, async (tx) => {
    const counted = await tx.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM
            (SELECT 1 FROM article_search WHERE document @@ plainto_tsquery('simple', ${text})
             LIMIT ${countCap + 1}) AS m`,
    );
    const ranked = await tx.execute<{ id: number }>(rankedQuery(text, { limit, offset, window }));
    return { ids: ranked.rows.map((r) => Number(r.id)), counted: Number(counted.rows[0]?.n ?? 0) };
  });
}

// Runs `work` with the planner's sequential and ordered index scans off (see searchIndex), in a
// transaction of its own or a savepoint of the caller's, and the two settings put back after.
export function throughSearchIndex<T>(q: PgQueryable, work: (tx: PgTx) => Promise<T>): Promise<T> {
  return (q as PgDb).transaction(async (tx) => {
    const saved = await tx.execute<{ seq: string; idx: string }>(
      sql`SELECT current_setting('enable_seqscan') AS seq, current_setting('enable_indexscan') AS idx,
                 set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`,
    );
    const result = await work(tx);
    await tx.execute(
      sql`SELECT set_config('enable_seqscan', ${saved.rows[0]!.seq}, true),
                 set_config('enable_indexscan', ${saved.rows[0]!.idx}, true)`,
    );
    return result;
  });
}

// The ranking statement of searchIndex for the folded terms `text` (exported for the benchmark's
// EXPLAIN).
export function rankedQuery(
  text: string,
  { limit, offset, window }: { limit: number; offset: number; window: number },
): SQL {
  // idf is what reads most: n(t) is the number of articles holding t, and counting it visits
  // every match (20 ms for a word in half of 100,000 articles). So it is bounded twice, neither
  // changing the order: a one-term query's idf is a positive factor common to every score, which
  // orders nothing, so it is not computed (taken as 1); and n(t) is counted only up to half the
  // index, since from N/2 on idf is not positive and FTS5 takes 1e-6 whatever the count.
  // Scores are compared rounded to 10 significant digits: the sum over terms may add in another
  // order for two rows FTS5 scores exactly alike, and those must stay a tie (newest first); a
  // common word's scores are near 1e-6, so the rounding is relative, not to a number of decimals.
  return sql`WITH totals AS (
          SELECT rows::float8 AS n, CASE WHEN rows > 0 THEN words::float8 / rows ELSE 1 END AS avgdl
          FROM article_search_totals WHERE id = 1),
        terms AS (
          SELECT term, quote_literal(term)::tsquery AS query
          FROM unnest(tsvector_to_array(to_tsvector('simple', ${text}))) AS term),
        idf AS MATERIALIZED (
          SELECT query, CASE WHEN v IS NULL THEN 1.0 WHEN v > 0 THEN v ELSE 1e-6 END AS idf
          FROM (SELECT query,
                       CASE WHEN (SELECT count(*) FROM terms) > 1 THEN
                         (SELECT ln((totals.n - hits + 0.5) / (hits + 0.5))
                          FROM (SELECT count(*)::float8 AS hits
                                FROM (SELECT FROM article_search WHERE document @@ terms.query
                                      LIMIT (SELECT ceil(rows / 2.0)::bigint FROM article_search_totals
                                             WHERE id = 1)) AS half) AS counted)
                       END AS v
                -- OFFSET 0: v is read three times above; kept a subquery, it is counted once.
                FROM terms, totals OFFSET 0) AS raw),
        newest AS MATERIALIZED (
          SELECT article_id, document, length FROM article_search
          WHERE document @@ plainto_tsquery('simple', ${text})
          ORDER BY article_id DESC LIMIT ${window}),
        scored AS (
          SELECT article_id,
                 sum(idf * (f * ${K1_PLUS_1}) / (f + ${K1} * (1 - ${B} + ${B} * length / totals.avgdl))) AS score
          FROM newest m, totals, idf,
               LATERAL (SELECT ${CD_SCALE} * ts_rank_cd(${CD_WEIGHTS}, m.document, idf.query, 0) AS f) AS tf
          GROUP BY article_id)
        SELECT article_id AS id FROM scored
        ORDER BY round(score::numeric, 9 - floor(log(score))::int) DESC, article_id DESC
        LIMIT ${limit} OFFSET ${offset}`;
}
