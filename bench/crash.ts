// Issue 11, durability: the production server is SIGKILLed (no chance to flush or close anything)
// in the middle of autosave bursts and publish flips, again and again, and started again on the
// same database. Afterwards every save and every publish or unpublish the server acknowledged is
// in the database, PRAGMA integrity_check says ok and foreign_key_check finds nothing.
// Prints the counts. Run: npx tsx --conditions=react-server bench/crash.ts
import type { ChildProcess } from 'node:child_process';
import { benchEnv, benchPort, spawnServer, startApp, waitFor } from './lib';
import { actionId, signIn } from './http';

const PORT = benchPort(3385);
const KILLS = Number(process.env.BENCH_KILLS ?? 30);
const JOURNALISTS = Number(process.env.BENCH_EDITORS ?? 10);
const FLIPPED = 3;

const env = benchEnv('crash');
Object.assign(process.env, env);
const first = await startApp('crash', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const { createDraft } = await import('@/lib/newsroom/articles');
const { saveArticle } = await import('@/lib/newsroom/save');
const { approveArticle, publishArticle, submitForReview } = await import('@/lib/newsroom/workflow');
const { parseArticleSave } = await import('@/lib/newsroom/save-request');
const { findUserByEmail } = await import('@/lib/auth/users');
const { paragraphsToDocument } = await import('@/lib/document/check');
const { checkDatabase } = await import('@/db/backup');
const { openDatabase } = await import('@/db/connection');

const base = first.url;
const editor = findUserByEmail('editor@newsroom.test')!;
const doc = (text: string) => JSON.stringify(paragraphsToDocument([text]));

// Journalists' drafts, and published articles the desk keeps unpublishing and publishing again.
const drafts = Array.from({ length: JOURNALISTS }, () => createDraft(editor));
const flipped = Array.from({ length: FLIPPED }, (_, i) => {
  const draft = createDraft(editor);
  const changes = {
    headline: `خبر يُنشر ويُسحب ${i}`,
    // Publishing needs a section: db:setup always makes the newsroom's sections.
    sectionId: 1,
    body: doc('نص'),
  };
  saveArticle(editor, parseArticleSave({ articleId: draft.id, baseVersion: draft.version, changes }));
  submitForReview(editor, draft.id);
  approveArticle(editor, draft.id);
  return { id: draft.id, version: publishArticle(editor, draft.id).version, published: true };
});

const cookie = await signIn(base, 'editor@newsroom.test');
const page = (id: number) => `${base}/newsroom/articles/${id}`;
const saveId = await actionId(page(drafts[0]!.id), cookie, 'saveArticleAction');
const publishId = await actionId(page(flipped[0]!.id), cookie, 'publishArticleAction');
const unpublishId = await actionId(page(flipped[0]!.id), cookie, 'unpublishArticleAction');

type Ack = { version: number; headline: string };
const acknowledged = new Map<number, Ack>(); // the last acknowledged save of each draft
const flips = new Map<number, { version: number; status: string }>();
const counts = { saves: 0, flips: 0, failedRequests: 0, conflicts: 0 };

async function call(pageUrl: string, id: string, args: unknown[]): Promise<string | null> {
  try {
    const response = await fetch(pageUrl, {
      method: 'POST',
      headers: {
        'Next-Action': id,
        Accept: 'text/x-component',
        'Content-Type': 'text/plain;charset=UTF-8',
        Origin: base,
        cookie,
      },
      body: JSON.stringify(args),
    });
    if (response.status !== 200) return null;
    return await response.text();
  } catch {
    return null; // the server died mid-request: not acknowledged
  }
}

// The action's result in React's answer (a line "1:{...}" of the flight data).
type Result = { ok: boolean; data?: Record<string, unknown> };
function actionResult(text: string): Result | null {
  for (const line of text.split('\n')) {
    const json = line.replace(/^[0-9a-f]+:/, '');
    if (!json.startsWith('{')) continue;
    try {
      const value = JSON.parse(json) as Result;
      if (typeof value.ok === 'boolean') return value;
    } catch {
      // not JSON: another kind of line
    }
  }
  return null;
}

let running = true;
let serverUp = true;

async function journalist(index: number): Promise<void> {
  const draft = drafts[index]!;
  let version = draft.version;
  for (let n = 0; running; n++) {
    if (!serverUp) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const headline = `عنوان ${index} رقم ${n}`;
    const text = await call(page(draft.id), saveId, [
      {
        articleId: draft.id,
        baseVersion: version,
        changes: { headline, body: doc(`فقرة ${n} من الصحفي ${index}`) },
      },
    ]);
    if (text === null) {
      counts.failedRequests++;
      continue;
    }
    const result = actionResult(text);
    const data = result?.ok ? (result.data as { version: number; conflicts: unknown[] }) : null;
    if (!data) throw new Error(`unexpected answer: ${text.slice(0, 300)}`);
    version = data.version;
    if (data.conflicts.length === 0) {
      acknowledged.set(draft.id, { version, headline });
      counts.saves++;
    } else {
      // A save the server committed but could not answer before it died moved the base: the
      // answer names the conflict and the current version, from which the next save starts.
      counts.conflicts++;
    }
    // Autosave bursts: a few saves back to back, then a short pause.
    if (n % 5 === 4) await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
  }
}

async function desk(): Promise<void> {
  for (let n = 0; running; n++) {
    if (!serverUp) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    const article = flipped[n % FLIPPED]!;
    const action = article.published ? unpublishId : publishId;
    const text = await call(page(article.id), action, [{ articleId: article.id }]);
    if (text === null) {
      counts.failedRequests++;
      continue;
    }
    const result = actionResult(text);
    const done = result?.ok ? (result.data as { status: string; version: number }) : null;
    if (done) {
      article.published = done.status === 'published';
      article.version = done.version;
      flips.set(article.id, { status: done.status, version: article.version });
      counts.flips++;
    } else {
      // The flip before the crash went through unanswered: the article is in the other state now.
      article.published = !article.published;
    }
  }
}

let server: ChildProcess = first.child;
// A journalist or the desk that meets an answer it cannot read stops the run (after the server is
// stopped, in `finally`) instead of ending this process with the server still running.
let failure: unknown = null;
const workers = [...drafts.map((_, i) => journalist(i)), desk()].map((work) =>
  work.catch((error: unknown) => {
    failure ??= error;
    running = false;
  }),
);
let kills = 0;
try {
  for (; kills < KILLS && running; kills++) {
    // Killed at a random moment 2-5 s after it answered again: in the middle of the journalists'
    // bursts and the desk's flips.
    await new Promise((r) => setTimeout(r, 2000 + Math.random() * 3000));
    serverUp = false;
    process.kill(-server.pid!, 'SIGKILL');
    await new Promise((resolve) => server.once('exit', resolve));
    server = spawnServer(env, PORT);
    await waitFor(`${base}/robots.txt`);
    serverUp = true;
  }
  await new Promise((r) => setTimeout(r, 1000));
} finally {
  running = false;
  await Promise.all(workers);
  process.kill(-server.pid!, 'SIGKILL');
}
if (failure) throw failure;

const db = openDatabase(env.DATABASE_PATH);
let lost = 0;
for (const [articleId, ack] of acknowledged) {
  const row = db.$client.prepare('SELECT version, headline FROM articles WHERE id = ?').get(articleId) as Ack;
  // A later save may have committed unanswered; an acknowledged one is never missing.
  if (row.version < ack.version || (row.version === ack.version && row.headline !== ack.headline)) lost++;
}
let lostFlips = 0;
for (const [articleId, flip] of flips) {
  const row = db.$client.prepare('SELECT version, status FROM articles WHERE id = ?').get(articleId) as {
    version: number;
    status: string;
  };
  if (row.version < flip.version || (row.version === flip.version && row.status !== flip.status)) lostFlips++;
}
const check = checkDatabase(db.$client);
db.$client.close();
console.log(
  `${kills} SIGKILLs of the production server during autosave bursts (${JOURNALISTS} journalists) and publish flips (${FLIPPED} articles)`,
);
console.log(
  `acknowledged: ${counts.saves} saves, ${counts.flips} publish/unpublish; requests cut off by a kill: ${counts.failedRequests}; saves committed but unanswered (seen as conflicts after restart): ${counts.conflicts}`,
);
console.log(`lost acknowledged saves: ${lost}; lost acknowledged flips: ${lostFlips}`);
console.log(
  `integrity_check: ${check.integrity}; foreign_key_check: ${check.foreignKeyViolations} violations`,
);
