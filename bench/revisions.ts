// Issue 9, "Coalescing stays": 1,000 autosaves of a 5,000-word Arabic article over a simulated two
// hours (one every 7.2 s, each changing one paragraph, as typing does), with the desk's states in
// between: submit after the first hour, changes requested, a second hour of autosaves, submit,
// approve, publish. Prints the revisions written, every state change's own revision, and the
// database's growth beside its baseline, one snapshot's size, measured in the same run.
// In-process on its own SQLite file (tmp/bench-revisions); the clock is passed to each query.
// Run: npx tsx --conditions=react-server bench/revisions.ts
import { rmSync, statSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DIR = path.resolve('tmp/bench-revisions');
rmSync(DIR, { recursive: true, force: true });
process.env.DATABASE_PATH = path.join(DIR, 'newsroom.db');
const SAVES = Number(process.env.BENCH_SAVES ?? 1000);
const SPAN_MS = 2 * 60 * 60 * 1000;

const { migrateDatabase } = await import('@/db/connection');
const { db } = await import('@/db');
migrateDatabase(db);
const { eq, sql } = await import('drizzle-orm');
const { articleRevisions, articles, sections } = await import('@/db/schema');
const articlesQ = {
  ...(await import('@/lib/newsroom/articles')),
  ...(await import('@/lib/newsroom/save')),
  ...(await import('@/lib/newsroom/workflow')),
};
const { createUser } = await import('@/lib/auth/users');
const { countWords } = await import('@/lib/shared/arabic');
const { paragraphsToDocument } = await import('@/lib/document/check');
const { parseArticleSave } = await import('@/lib/newsroom/save-request');

const seed = JSON.parse(readFileSync(path.resolve('db/seed/seed-article.json'), 'utf8')) as {
  paragraphs: string[];
};
const paragraphs: string[] = [];
for (let k = 0; countWords(paragraphs.join(' ')) < 5000; k++) {
  paragraphs.push(`${k} ${seed.paragraphs[k % seed.paragraphs.length]!}`);
}

const reporter = await createUser({
  email: 'r@bench.test',
  name: 'صحفية',
  role: 'reporter',
  password: 'bench-password-1',
});
const editor = await createUser({
  email: 'e@bench.test',
  name: 'محرر',
  role: 'editor',
  password: 'bench-password-1',
});
const sectionId = db.insert(sections).values({ slug: 'bench', name: 'قسم' }).returning().get().id;

function fileBytes(): number {
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  const file = process.env.DATABASE_PATH!;
  let bytes = statSync(file).size;
  try {
    bytes += statSync(`${file}-wal`).size;
  } catch {
    // No WAL file left after the checkpoint.
  }
  return bytes;
}

const t0 = Date.parse('2026-06-01T08:00:00Z');
const at = (i: number) => new Date(t0 + Math.round((i * SPAN_MS) / SAVES));
const draft = articlesQ.createDraft(reporter, new Date(t0 - 1000));
const text = [...paragraphs];
let version = draft.version;

function autosave(i: number) {
  // Typing in one paragraph: its text is the original plus this save's words.
  text[i % text.length] = `${paragraphs[i % text.length]!} تعديل ${i}`;
  // The journalist's autosave: the door's parse, then the newsroom's save.
  const save = parseArticleSave({
    articleId: draft.id,
    baseVersion: version,
    changes: {
      headline: 'ميرضيائيف يدعو إلى تعزيز التعاون الإقليمي',
      sectionId,
      body: JSON.stringify(paragraphsToDocument(text)),
    },
  });
  version = articlesQ.saveArticle(reporter, save, at(i)).version;
}

// The first save alone: one snapshot, the size every later figure is compared with.
autosave(0);
const baseline = fileBytes();
const snapshot = db
  .select({
    bytes: sql<number>`length(CAST(${articleRevisions.bodyJson} AS BLOB)) + length(CAST(${articleRevisions.bodyText} AS BLOB)) + length(CAST(${articleRevisions.headline} AS BLOB)) + length(CAST(${articleRevisions.tagsJson} AS BLOB))`,
  })
  .from(articleRevisions)
  .where(eq(articleRevisions.articleId, draft.id))
  .get()!.bytes;

const started = performance.now();
const half = SAVES / 2;
for (let i = 1; i < half; i++) autosave(i);
const transitions: string[] = [];
const step = (name: string, run: () => { version: number }) => {
  version = run().version;
  transitions.push(name);
};
step('submit', () => articlesQ.submitForReview(reporter, draft.id, at(half - 0.5)));
step('request_changes', () => articlesQ.requestChanges(editor, draft.id, 'أضف مصدراً للرقم', at(half - 0.4)));
for (let i = half; i < SAVES; i++) autosave(i);
step('submit', () => articlesQ.submitForReview(reporter, draft.id, at(SAVES - 0.5)));
step('approve', () => articlesQ.approveArticle(editor, draft.id, at(SAVES - 0.4)));
step('publish', () => articlesQ.publishArticle(editor, draft.id, at(SAVES - 0.3)));
const elapsed = performance.now() - started;
const grown = fileBytes() - baseline;

const revisions = db
  .select({ reason: articleRevisions.reason })
  .from(articleRevisions)
  .where(eq(articleRevisions.articleId, draft.id))
  .all();
const reasons = revisions.map((r) => r.reason);
const stateRevisions = reasons.filter((r) => r !== 'save');
const words = db.select({ n: articles.wordCount }).from(articles).where(eq(articles.id, draft.id)).get()!.n;

console.log(
  `article: ${countWords(paragraphs.join(' '))} words at first, ${words} at the end, ${paragraphs.length} paragraphs; ${SAVES} autosaves over 2 simulated hours`,
);
console.log(
  `revisions: ${revisions.length} (${reasons.filter((r) => r === 'save').length} save, ${stateRevisions.join(', ')})`,
);
console.log(
  `every state change its own revision: ${JSON.stringify(stateRevisions) === JSON.stringify(transitions) ? 'yes' : 'NO'} (${transitions.length} changes)`,
);
console.log(`one snapshot (baseline): ${(snapshot / 1024).toFixed(1)} kB of revision text`);
console.log(
  `database growth after the first save: ${(grown / 1024).toFixed(1)} kB = ${(grown / snapshot).toFixed(1)}× one snapshot (aim ≤ 40×)`,
);
console.log(
  `without coalescing it would hold ${SAVES} snapshots ≈ ${((SAVES * snapshot) / 1024 / 1024).toFixed(1)} MB`,
);
console.log(`time: ${(elapsed / SAVES).toFixed(2)} ms per autosave in-process`);
db.$client.close();
