// The search benchmarks' Arabic corpus and reader queries (bench/search.ts, bench/search-stores.ts):
// one deterministic generator, so every run and both stores search the same articles with the
// same 200 queries.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type CorpusArticle = {
  id: number;
  headline: string;
  deck: string;
  body: string;
  tags: string[];
  at: number;
};

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
const lexiconState = state;
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

// Articles 1..count, one minute apart from 2024-01-01: a 10-word headline, an 18-word deck,
// three 40-word paragraphs, two of the sample article's tags.
export function* corpusArticles(count: number): Generator<CorpusArticle> {
  state = lexiconState;
  for (let id = 1; id <= count; id++) {
    const headline = sentence(10);
    const deck = sentence(18);
    const body = Array.from({ length: 3 }, () => sentence(40)).join('\n\n');
    const tags = [pick(seed.tags), pick(seed.tags)];
    yield { id, headline, deck, body, tags, at: Date.UTC(2024, 0, 1) + id * 60_000 };
  }
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
// Seeded on their own, so the queries are the same whether or not the run has just generated
// the corpus (generating it draws from the same generator).
export function readerQueries(count = 200): string[] {
  state = 4242;
  const queries: string[] = [];
  while (queries.length < count) {
    const kind = queries.length % 10;
    if (kind < 6) queries.push(pick(variants(queryWord())));
    else if (kind < 8) queries.push(`${queryWord()} ${queryWord()}`);
    else if (kind === 8) queries.push(`كلمةغيرموجودة${queries.length}`);
    else
      queries.push(pick(['"مكافحة', 'ارهاب* OR NEAR(', 'headline:طشقند', "' OR 1=1 --", 'ا'.repeat(10_000)]));
  }
  return queries;
}

// The corpus as published articles in SQLite, indexed for readers by the project's own code
// (db/search-index.ts indexPublishedArticle, as the publish query does), kept in
// tmp/bench-search so the next run reuses it (BENCH_REBUILD=1 makes it anew). Sets DATABASE_PATH,
// so it runs before anything imports '@/db'.
export async function openSqliteCorpus(count: number) {
  const { existsSync, rmSync, mkdirSync } = await import('node:fs');
  const file = path.resolve('tmp', 'bench-search', `corpus-${count}.db`);
  const fresh = !existsSync(file) || process.env.BENCH_REBUILD === '1';
  if (fresh) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  process.env.DATABASE_PATH = file;
  const { db } = await import('@/db');
  if (!fresh) return { db, file, generatedSeconds: null };
  const { migrateDatabase } = await import('@/db/connection');
  const { createUser } = await import('@/lib/auth/users');
  const { indexPublishedArticle } = await import('@/db/search-index');
  const { transaction } = await import('@/db/transaction');
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
    `INSERT INTO article_revisions (article_id, article_version, reason, headline, deck, slug, dateline, body_json, body_text, body_html, tags_json, author_id, created_by, created_at)
     VALUES (?, 2, 'publish', ?, ?, ?, '', '{"type":"doc"}', ?, '', ?, ?, ?, ?)`,
  );
  const link = client.prepare('UPDATE articles SET published_revision_id = ? WHERE id = ?');
  const started = performance.now();
  transaction((tx) => {
    for (const a of corpusArticles(count)) {
      insertArticle.run(a.id, a.headline, a.deck, `bench-${a.id}`, a.body, author.id, a.at, a.at);
      const revision = insertRevision.run(
        a.id,
        a.headline,
        a.deck,
        `bench-${a.id}`,
        a.body,
        JSON.stringify(a.tags),
        author.id,
        author.id,
        a.at,
      );
      link.run(revision.lastInsertRowid, a.id);
      indexPublishedArticle(tx, a.id, a);
    }
  }, db);
  return { db, file, generatedSeconds: (performance.now() - started) / 1000 };
}
