// Issue 4, "Search": p50/p95 of 200 reader queries over a generated corpus of 100,000 published
// Arabic articles, through the real searchPublished() (FTS5 on folded text, bm25, pagination),
// beside a naive LIKE scan of the article text for the same query (the no-index baseline, on a
// sample of the queries, since it is slow) in the same run.
// Run: npx tsx --conditions=react-server bench/search.ts   (BENCH_ARTICLES changes the corpus size)
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fmt, summarize } from './lib';

const ARTICLES = Number(process.env.BENCH_ARTICLES ?? 100_000);
const QUERIES = 200;
const file = path.resolve('tmp', 'bench-search', `newsroom-zipf-${ARTICLES}.db`);
const fresh = !existsSync(file) || process.env.BENCH_REBUILD === '1';
if (fresh) rmSync(path.dirname(file), { recursive: true, force: true });
process.env.DATABASE_PATH = file;

const { db } = await import('@/db');
const { migrateDatabase } = await import('@/db/connection');
const { searchTerms } = await import('@/lib/shared/arabic');
const { searchPublished } = await import('@/lib/reader/search');
const { createUser } = await import('@/lib/auth/users');

const seed = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../db/seed/seed-article.json'), 'utf8'),
) as {
  paragraphs: string[];
  tags: string[];
};
const realWords = [
  ...new Set(
    seed.paragraphs
      .join(' ')
      .split(/\s+/)
      .filter((w) => /^[\u0621-\u064a]{3,}$/.test(w)),
  ),
];
// A deterministic generator, so two runs search the same corpus.
let state = 42;
const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
// News text follows Zipf's law: a lexicon of 30,000 words (the sample article's real words spread
// among the first 3,000 ranks, the rest made of Arabic letters), drawn with weight 1/rank.
const LETTERS = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
const lexicon: string[] = Array.from({ length: 30_000 }, () =>
  Array.from({ length: 3 + Math.floor(random() * 5) }, () => pick([...LETTERS])).join(''),
);
realWords.forEach((word) => (lexicon[Math.floor(random() * 3000)] = word));
const cumulative: number[] = [];
lexicon.reduce((sum, _w, rank) => (cumulative[rank] = sum + 1 / (rank + 1)), 0);
function zipfWord(): string {
  const target = random() * cumulative.at(-1)!;
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! < target) low = mid + 1;
    else high = mid;
  }
  return lexicon[low]!;
}
const sentence = (words: number) => Array.from({ length: words }, zipfWord).join(' ');
// Query words: log-uniform over the first 5,000 ranks, so common and rarer words both appear.
const queryWord = () => lexicon[Math.floor(Math.exp(random() * Math.log(5000)))]!;

if (fresh) {
  migrateDatabase(db);
  const author = await createUser({
    email: 'bench@newsroom.test',
    name: 'محرر الأداء',
    role: 'editor',
    password: 'bench-password',
  });
  const client = db.$client;
  const insertArticle = client.prepare(
    `INSERT INTO articles (id, status, headline, deck, slug, body_json, body_text, author_id, version, updated_at, published_at)
     VALUES (?, 'published', ?, ?, ?, '{"type":"doc"}', ?, ?, 2, ?, ?)`,
  );
  const insertRevision = client.prepare(
    `INSERT INTO article_revisions (article_id, article_version, reason, headline, deck, slug, dateline, body_json, body_text, body_html, author_id, created_by, created_at)
     VALUES (?, 2, 'publish', ?, ?, ?, '', '{"type":"doc"}', ?, '', ?, ?, ?)`,
  );
  const link = client.prepare('UPDATE articles SET published_revision_id = ? WHERE id = ?');
  const index = client.prepare(
    'INSERT INTO article_search (rowid, headline, deck, body, tags) VALUES (?, ?, ?, ?, ?)',
  );
  const started = performance.now();
  const insertAll = client.transaction(() => {
    for (let id = 1; id <= ARTICLES; id++) {
      const headline = sentence(10);
      const deck = sentence(18);
      const body = Array.from({ length: 3 }, () => sentence(40)).join('\n\n');
      const tags = [pick(seed.tags), pick(seed.tags)].join(' ');
      const at = Date.UTC(2024, 0, 1) + id * 60_000;
      insertArticle.run(id, headline, deck, `bench-${id}`, body, author.id, at, at);
      const revision = insertRevision.run(id, headline, deck, `bench-${id}`, body, author.id, author.id, at);
      link.run(revision.lastInsertRowid, id);
      const fold = (text: string) => searchTerms(text).join(' ');
      index.run(id, fold(headline), fold(deck), fold(body), fold(tags));
    }
  });
  insertAll();
  console.log(`generated ${ARTICLES} published articles in ${fmt((performance.now() - started) / 1000)} s`);
}

// What readers type: words from the corpus spelt as people type them (no hamza, ه for ة, ي for ى,
// attached prefixes, diacritics), two-word queries, unknown words, and hostile input.
const variants = (word: string) => [
  word,
  word.replace(/[أإآ]/g, 'ا'),
  word.replace(/ة$/, 'ه'),
  `و${word}`,
  `بال${word.replace(/^ال/, '')}`,
];
// Reseeded so the queries are the same whether or not this run has just generated the corpus
// (generating it draws from the same generator).
state = 4242;
const queries: string[] = [];
while (queries.length < QUERIES) {
  const kind = queries.length % 10;
  if (kind < 6) queries.push(pick(variants(queryWord())));
  else if (kind < 8) queries.push(`${queryWord()} ${queryWord()}`);
  else if (kind === 8) queries.push(`كلمةغيرموجودة${queries.length}`);
  else
    queries.push(pick(['"مكافحة', 'ارهاب* OR NEAR(', 'headline:طشقند', "' OR 1=1 --", 'ا'.repeat(10_000)]));
}

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
