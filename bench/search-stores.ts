// Issue 18, "Speed": the readers' search on both stores, over the same generated Arabic corpus
// (bench/search-corpus.ts, bench/search.ts's generator) and the same 200 reader queries. SQLite:
// the real searchPublished() (FTS5, bm25, the page's rows). PostgreSQL 15: db/pg-search-index.ts
// searchIndex() (tsvector 'simple', FTS5's bm25 in SQL) and the page's rows by id, on a throwaway
// server (tests/postgres/server.ts) whose data directory is kept in tmp/bench-search beside the
// SQLite file, so a second run reuses both. The queries alternate between the stores, so both
// see the same machine; SQLite is the same-run baseline (ratio), and each page of hits is
// compared (the same ids in the same order). BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of
// the slowest PostgreSQL query.
// Run: npx tsx --conditions=react-server bench/search-stores.ts   (BENCH_ARTICLES: corpus size)
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { startPostgres } from '../tests/postgres/server';
import { fmt, summarize } from './lib';
import { openSqliteCorpus, readerQueries } from './search-corpus';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = 200;
const BATCH = 2000;

const sqlite = await openSqliteCorpus(ARTICLES);
if (sqlite.generatedSeconds !== null)
  console.log(
    `SQLite: generated and indexed ${ARTICLES} published articles in ${fmt(sqlite.generatedSeconds)} s`,
  );
const { searchPublished, SEARCH_PER_PAGE } = await import('@/lib/reader/search');
const { migratePostgres, openPostgres } = await import('@/db/pg-connection');
const { indexPublishedArticles, searchIndex } = await import('@/db/pg-search-index');
const { queryTerms } = await import('@/lib/shared/arabic');

const server = await startPostgres({ keepIn: path.resolve('tmp', 'bench-search', `pg-${ARTICLES}`) });
let pgDb = openPostgres(server.url(), { max: 1 });

type Source = {
  id: number;
  headline: string;
  deck: string;
  slug: string;
  body: string;
  tags: string;
  at: number;
};
// The published revisions, as the publish query indexes them (lib/newsroom/workflow.ts).
const readBatch = sqlite.db.$client.prepare<[number, number], Source>(
  `SELECT a.id, r.headline, r.deck, r.slug, r.body_text AS body, r.tags_json AS tags, a.published_at AS at
   FROM articles a JOIN article_revisions r ON r.id = a.published_revision_id
   WHERE a.id > ? ORDER BY a.id LIMIT ?`,
);

async function loadPostgres(): Promise<void> {
  await migratePostgres(pgDb);
  const started = performance.now();
  let indexingMs = 0;
  await pgDb.transaction(async (tx) => {
    const author = await tx.execute<{ id: number }>(
      sql`INSERT INTO users (email, name, role, password_hash)
          VALUES ('bench@newsroom.test', 'محرر الأداء', 'editor', '-') RETURNING id`,
    );
    const authorId = author.rows[0]!.id;
    for (let after = 0; ;) {
      const rows = readBatch.all(after, BATCH);
      if (rows.length === 0) break;
      after = rows.at(-1)!.id;
      const col = <T>(f: (r: Source) => T) => sql.param(rows.map(f));
      await tx.execute(
        sql`INSERT INTO articles (id, status, headline, deck, slug, body_json, body_text, author_id,
                                  version, updated_at, published_at)
            SELECT id, 'published', headline, deck, slug, '{"type":"doc"}', body, ${authorId}, 2, at, at
            FROM unnest(${col((r) => r.id)}::int[], ${col((r) => r.headline)}::text[],
                        ${col((r) => r.deck)}::text[], ${col((r) => r.slug)}::text[],
                        ${col((r) => r.body)}::text[],
                        ${col((r) => new Date(r.at).toISOString())}::timestamptz[])
                 AS t(id, headline, deck, slug, body, at)`,
      );
      const indexing = performance.now();
      await indexPublishedArticles(
        tx,
        rows.map((r) => ({
          articleId: r.id,
          doc: { headline: r.headline, deck: r.deck, body: r.body, tags: JSON.parse(r.tags) as string[] },
        })),
      );
      indexingMs += performance.now() - indexing;
    }
  });
  const loaded = performance.now();
  // What autovacuum would do soon after such a load: statistics for the planner, and the GIN
  // index's pending list merged (the first searches would otherwise pay for it).
  await pgDb.execute(sql`VACUUM ANALYZE articles`);
  await pgDb.execute(sql`VACUUM ANALYZE article_search`);
  // The totals row was rewritten once per article, as each publish rewrites it.
  await pgDb.execute(sql`VACUUM ANALYZE article_search_totals`);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `PostgreSQL: loaded ${ARTICLES} articles in ${fmt((loaded - started) / 1000)} s ` +
      `(article_search ${fmt(indexingMs / 1000)} s of it: ${fmt(ARTICLES / (indexingMs / 1000), 0)} articles/s), ` +
      `VACUUM ANALYZE ${fmt(seconds - (loaded - started) / 1000)} s; ${fmt(ARTICLES / seconds, 0)} articles/s in all`,
  );
}

async function loadedRows(): Promise<number> {
  try {
    const r = await pgDb.execute<{ rows: string }>(sql`SELECT rows FROM article_search_totals`);
    return Number(r.rows[0]?.rows ?? 0);
  } catch {
    return 0; // not migrated yet
  }
}

try {
  if ((await loadedRows()) !== ARTICLES) {
    if (!server.fresh) {
      // A load cut short last time (its transaction rolled back, or not run): start anew.
      await pgDb.$client.end();
      const admin = openPostgres(server.url('postgres'), { max: 1 });
      await admin.execute(sql`DROP DATABASE IF EXISTS newsroom`);
      await admin.$client.end();
      await server.createDatabase('newsroom');
      pgDb = openPostgres(server.url(), { max: 1 });
    }
    await loadPostgres();
  }
  const size = await pgDb.execute<{ s: string }>(
    sql`SELECT pg_size_pretty(pg_total_relation_size('article_search')) AS s`,
  );
  console.log(`PostgreSQL: article_search with its GIN index ${size.rows[0]!.s}`);

  // The page a reader gets from PostgreSQL: the ranked ids, then their rows, as searchPublished
  // reads them for the page (visible to readers only).
  async function pgSearch(q: string): Promise<{ ids: number[]; counted: number }> {
    const page = await searchIndex(pgDb, q, { limit: SEARCH_PER_PAGE });
    if (page.ids.length === 0) return page;
    const rows = await pgDb.execute<{ id: number }>(
      sql`SELECT id, slug, headline, deck, body_text, published_at FROM articles
          WHERE id = ANY(${sql.param(page.ids)}::int[])
            AND status = 'published' AND embargo_until IS NULL`,
    );
    const found = new Set(rows.rows.map((r) => r.id));
    return { ids: page.ids.filter((id) => found.has(id)), counted: page.counted };
  }

  const queries = readerQueries(QUERIES);
  for (const q of queries.slice(0, 20)) {
    searchPublished(q);
    await pgSearch(q);
  }
  const runs: { q: string; sqliteMs: number; pgMs: number; total: number; same: boolean }[] = [];
  for (const q of queries) {
    let started = performance.now();
    const fts = searchPublished(q);
    const sqliteMs = performance.now() - started;
    started = performance.now();
    const pg = await pgSearch(q);
    const pgMs = performance.now() - started;
    const same =
      JSON.stringify(fts.hits.map((h) => h.id)) === JSON.stringify(pg.ids) &&
      fts.total === Math.min(pg.counted, 1000);
    runs.push({ q, sqliteMs, pgMs, total: fts.total, same });
  }
  const s = summarize(runs.map((r) => r.sqliteMs));
  const p = summarize(runs.map((r) => r.pgMs));
  const max = (xs: number[]) => Math.max(...xs);
  console.log(
    `corpus: ${ARTICLES} articles; ${QUERIES} queries, ${runs.filter((r) => r.total > 0).length} with results; ` +
      `same first page on both stores: ${runs.filter((r) => r.same).length}/${QUERIES}`,
  );
  console.log(
    `SQLite FTS5 (baseline):    p50 ${fmt(s.p50, 2)} ms, p95 ${fmt(s.p95, 2)} ms, max ${fmt(max(runs.map((r) => r.sqliteMs)), 2)} ms`,
  );
  console.log(
    `PostgreSQL tsvector+bm25:  p50 ${fmt(p.p50, 2)} ms, p95 ${fmt(p.p95, 2)} ms, max ${fmt(max(runs.map((r) => r.pgMs)), 2)} ms  (aim p95 <= 20 ms)`,
  );
  console.log(`ratio PostgreSQL / SQLite: p50 ${fmt(p.p50 / s.p50, 1)}×, p95 ${fmt(p.p95 / s.p95, 1)}×`);
  console.log('slowest on PostgreSQL (pg ms, sqlite ms, results, query):');
  const slowest = runs.toSorted((a, b) => b.pgMs - a.pgMs);
  for (const run of slowest.slice(0, 8)) {
    const shown = run.q.length > 40 ? `${run.q.slice(0, 40)}… (${run.q.length} chars)` : run.q;
    console.log(
      `  ${fmt(run.pgMs, 2).padStart(7)} ${fmt(run.sqliteMs, 2).padStart(7)}  ${String(run.total).padStart(5)}  ${shown}`,
    );
  }
  for (const run of runs.filter((r) => !r.same).slice(0, 5)) console.log(`  differs: ${run.q.slice(0, 60)}`);
  if (process.env.BENCH_EXPLAIN === '1') {
    // The ranked query as searchIndex sends it, for the slowest query, read by the planner.
    const text = queryTerms(slowest[0]!.q).join(' ');
    const { rankedQuery, throughSearchIndex } = await import('@/db/pg-search-index');
    const plan = await throughSearchIndex(pgDb, (tx) =>
      tx.execute<{ 'QUERY PLAN': string }>(
        sql`EXPLAIN (ANALYZE, BUFFERS) ${rankedQuery(text, { limit: SEARCH_PER_PAGE, offset: 0, window: 1000 })}`,
      ),
    );
    console.log(`EXPLAIN (ANALYZE, BUFFERS) of «${slowest[0]!.q}»:`);
    for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
  }
} finally {
  await pgDb.$client.end();
  server.stop();
  sqlite.db.$client.close();
}
