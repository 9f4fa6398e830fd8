// Issue 4, "Search": p50/p95 of 200 reader queries over a generated corpus of 100,000 published
// Arabic articles, through the real searchPublished() (FTS5 on folded text, bm25, pagination),
// beside a naive LIKE scan of the article text for the same query (the no-index baseline, on a
// sample of the queries, since it is slow) in the same run.
// Run: npx tsx --conditions=react-server bench/search.ts   (BENCH_ARTICLES changes the corpus size)
import { fmt, summarize } from './lib';
import { openSqliteCorpus, readerQueries } from './search-corpus';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = 200;
// The corpus (bench/search-corpus.ts) is kept in tmp/bench-search and shared with
// bench/search-stores.ts; BENCH_REBUILD=1 makes it anew.
const { db, generatedSeconds } = await openSqliteCorpus(ARTICLES);
if (generatedSeconds !== null)
  console.log(`generated ${ARTICLES} published articles in ${fmt(generatedSeconds)} s`);
const { searchPublished } = await import('@/lib/reader/search');
const queries = readerQueries(QUERIES);

for (const q of queries.slice(0, 20)) searchPublished(q); // warm the page cache
const timings: number[] = [];
const runs: { q: string; ms: number; total: number; capped: boolean }[] = [];
let found = 0;
for (const q of queries) {
  const started = performance.now();
  const result = searchPublished(q);
  const ms = performance.now() - started;
  timings.push(ms);
  runs.push({ q, ms, total: result.total, capped: result.capped });
  if (result.total > 0) found++;
}
const naive: number[] = [];
const scan = db.$client.prepare(
  "SELECT id FROM articles WHERE status = 'published' AND (headline LIKE ? OR body_text LIKE ?) LIMIT 10",
);
for (const q of queries.slice(0, 20)) {
  const started = performance.now();
  scan.all(`%${q.slice(0, 100)}%`, `%${q.slice(0, 100)}%`);
  naive.push(performance.now() - started);
}
const s = summarize(timings);
const n = summarize(naive);
console.log(`corpus: ${ARTICLES} articles; ${QUERIES} queries, ${found} with results`);
console.log(
  `searchPublished (FTS5):   p50 ${fmt(s.p50, 2)} ms, p95 ${fmt(s.p95, 2)} ms, max ${fmt(Math.max(...timings), 2)} ms  (aim p95 <= 50 ms)`,
);
console.log(`naive LIKE scan (20 q.):  p50 ${fmt(n.p50, 2)} ms, p95 ${fmt(n.p95, 2)} ms`);
console.log(`ratio naive p50 / FTS p50: ${fmt(n.p50 / s.p50, 1)}`);
// The tail: which queries were slowest, with how many articles they matched.
console.log('slowest queries (ms, results, query):');
for (const run of runs.toSorted((a, b) => b.ms - a.ms).slice(0, 10)) {
  const shown = run.q.length > 40 ? `${run.q.slice(0, 40)}… (${run.q.length} chars)` : run.q;
  console.log(
    `  ${fmt(run.ms, 2).padStart(7)}  ${(run.capped ? `>${run.total}` : String(run.total)).padStart(6)}  ${shown}`,
  );
}
db.$client.close();
