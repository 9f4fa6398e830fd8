// Writing together: how long a keystroke takes to reach the other people in the article, with
// 2, 10 and 30 people, through the newsroom's collaboration server (lib/collab/server.ts: the
// session and permission checks, the message limits, storing through the save path), against a
// bare Hocuspocus server in the same run (the baseline: only the relay). Then the memory of open
// documents (one, and 100 of 5,000 words each) and the collaboration process's CPU while 30 people
// type at once.
//
// The people are @hocuspocus/provider clients over `ws` in this process (what a browser runs,
// without the painting, which bench/editor-typing.ts measures for one editor). Each keystroke is
// one character typed by one person; its latency is the time until every other person's copy has
// it. Run: npx tsx --conditions=react-server bench/collab.ts
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type * as YT from 'yjs';
import type { Client } from '../tests/integration/collab-helpers';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIR = path.join(ROOT, 'tmp', 'bench-collab');
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
process.env.DATABASE_PATH = path.join(DIR, 'newsroom.db');

const { migrateDatabase, openDatabase } = await import('@/db/connection');
const setup = openDatabase();
migrateDatabase(setup);
setup.$client.close();

const { Server } = await import('@hocuspocus/server');
const { createDraft } = await import('@/lib/newsroom/articles');
const { saveArticle } = await import('@/lib/newsroom/save');
const { createUser } = await import('@/lib/auth/users');
const { checkArticleDocument, paragraphsToDocument } = await import('@/lib/document/check');
const { seededState } = await import('@/lib/collab/document');
const { createCollabServer } = await import('@/lib/collab/server');
const { parseArticleSave } = await import('@/lib/newsroom/save-request');
const { connect, sessionCookie, typeInto, until } = await import('../tests/integration/collab-helpers');

const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 100);
const PEOPLE = (process.env.BENCH_PEOPLE ?? '2,10,30').split(',').map(Number);

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

const editor = await createUser({
  email: 'bench@collab.example',
  name: 'محرر',
  role: 'editor',
  password: 'long-enough-password',
});
const cookie = await sessionCookie(editor);
const words = (n: number) => Array.from({ length: n }, (_, i) => `كلمة${i % 97}`).join(' ');

function article(paragraphs: string[]): number {
  const draft = createDraft(editor);
  const checked = checkArticleDocument(paragraphsToDocument(paragraphs));
  if (!checked.ok) throw new Error(checked.reason);
  saveArticle(
    editor,
    parseArticleSave({
      articleId: draft.id,
      baseVersion: draft.version,
      changes: { body: JSON.stringify(checked.json) },
    }),
  );
  return draft.id;
}

// A 5,000-word article: 100 paragraphs of 50 words.
const LONG = Array.from({ length: 100 }, () => words(50));

async function measure(port: number, people: number, articleId: number) {
  const clients: Client[] = [];
  for (let i = 0; i < people; i++) clients.push(await connect(port, articleId, cookie));
  await until(() => clients.every((c) => c.provider.isSynced), 30_000, 'everyone synced');
  const latencies: number[] = [];
  for (let k = 0; k < KEYSTROKES; k++) {
    const writer = clients[k % people]!;
    const others = clients.filter((c) => c !== writer);
    const paragraph = k % LONG.length;
    const lengthOf = (c: Client) =>
      ((c.doc.getXmlFragment('default').get(paragraph) as YT.XmlElement).get(0) as YT.XmlText | undefined)
        ?.length ?? 0;
    const before = others.map(lengthOf);
    const started = performance.now();
    typeInto(writer.doc, paragraph, 'ب');
    await new Promise<void>((resolve) => {
      const check = () => {
        if (others.every((c, i) => lengthOf(c) > before[i]!)) return resolve();
        setImmediate(check);
      };
      check();
    });
    latencies.push(performance.now() - started);
    // About 16 keystrokes a second across the room.
    await new Promise((resolve) => setTimeout(resolve, 60));
  }
  for (const client of clients) client.destroy();
  return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}

// The baseline: Hocuspocus with no hooks, each document seeded from the same body.
const bare = new Server({
  port: 0,
  address: '127.0.0.1',
  quiet: true,
  stopOnSignals: false,
  async onLoadDocument() {
    return seededState(paragraphsToDocument(LONG));
  },
});
await bare.listen();
const collab = createCollabServer({ quiet: true });
const collabPort = await collab.start();

console.log(`keystroke → everyone else (ms), ${KEYSTROKES} keystrokes, 5,000-word article`);
console.log('people | newsroom p50 | newsroom p95 | bare Hocuspocus p50 | bare p95');
for (const people of PEOPLE) {
  const ours = await measure(collabPort, people, article(LONG));
  const base = await measure(bare.address.port, people, article(LONG));
  console.log(
    `${String(people).padStart(6)} | ${ours.p50.toFixed(1).padStart(12)} | ${ours.p95.toFixed(1).padStart(12)} | ${base.p50.toFixed(1).padStart(19)} | ${base.p95.toFixed(1).padStart(8)}`,
  );
}

// Memory: the heap and resident size with 100 open 5,000-word documents (one person each), against
// the same process before they were opened.
global.gc?.();
const before = process.memoryUsage();
const open: Client[] = [];
for (let i = 0; i < 100; i++) open.push(await connect(collabPort, article(LONG), cookie));
await until(() => open.every((c) => c.provider.isSynced), 60_000, '100 documents synced');
global.gc?.();
const after = process.memoryUsage();
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
console.log(
  `100 open 5,000-word documents (server and clients in one process): heap +${mb(after.heapUsed - before.heapUsed)} MB, rss +${mb(after.rss - before.rss)} MB (${mb((after.heapUsed - before.heapUsed) / 200)} MB per document and client)`,
);
for (const client of open) client.destroy();

await collab.stop();
await bare.destroy();
process.exit(0);
