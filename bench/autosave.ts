// Issue 3, "Saving": time per autosave of a 5,000-word Arabic article, p50/p95, with 20 editors
// saving at once through the real server action (sign-in, version check, schema check, text
// derivation, SQLite write with synchronous=FULL), beside the same save done in-process with no
// HTTP or framework around it, in the same run.
// Run: npx tsx --conditions=react-server bench/autosave.ts
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { benchEnv, benchPort, fmt, startApp, summarize } from './lib';

const EDITORS = Number(process.env.BENCH_EDITORS ?? 20);
const SAVES_EACH = Number(process.env.BENCH_SAVES ?? 15);
const PORT = benchPort(3253);

Object.assign(process.env, benchEnv('autosave'));
const app = await startApp('autosave', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
// Imported after the environment names the bench database.
const { createDraft } = await import('@/lib/newsroom/articles');
const { saveArticle } = await import('@/lib/newsroom/save');
const { parseArticleSave } = await import('@/lib/newsroom/save-request');
const { findUserByEmail } = await import('@/lib/auth/users');
const { countWords } = await import('@/lib/shared/arabic');
const { paragraphsToDocument } = await import('@/lib/document/check');

const seed = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../db/seed/seed-article.json'), 'utf8'),
) as { paragraphs: string[] };
const paragraphs: string[] = [];
while (countWords(paragraphs.join(' ')) < 5000) paragraphs.push(...seed.paragraphs);
const serialized = JSON.stringify(paragraphsToDocument(paragraphs));
// Each editor has their own text and changes one paragraph per save, as typing does; so caches
// keyed by paragraph text see what they would see in a real newsroom.
function editedDocument(editor: number, save: number): string {
  const own = paragraphs.map((p, i) => `${editor}:${i} ${p}`);
  own[save % own.length] += ` تعديل ${save}`;
  return JSON.stringify(paragraphsToDocument(own));
}
console.log(
  `document: ${countWords(paragraphs.join(' '))} words, ${paragraphs.length} paragraphs, ${fmt(serialized.length / 1024)} kB JSON`,
);

async function signIn(): Promise<string> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({
      csrfToken,
      email: 'reporter@newsroom.test',
      password: 'newsroom-demo',
      json: 'true',
    }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('next-auth.session-token='));
  if (!session) throw new Error('sign-in failed');
  return session.split(';')[0]!;
}

async function actionId(pageUrl: string, cookie: string, name: string): Promise<string> {
  const html = await (await fetch(pageUrl, { headers: { cookie } })).text();
  for (const [, src] of html.matchAll(/<script[^>]+src="([^"]+)"/g)) {
    const code = await (await fetch(new URL(src!, pageUrl))).text();
    const match = new RegExp(`"([0-9a-f]{40,})"[^"]{0,200}"${name}"`).exec(code);
    if (match) return match[1]!;
  }
  throw new Error(`no action ${name}`);
}

// Node's fetch may reuse a keep-alive socket the server has just closed; one retry covers that.
async function post(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

try {
  const reporter = findUserByEmail('reporter@newsroom.test')!;
  const cookie = await signIn();
  const drafts = Array.from({ length: EDITORS + 1 }, () => createDraft(reporter));
  const pageUrl = `${app.url}/newsroom/articles/${drafts[0]!.id}`;
  const saveId = await actionId(pageUrl, cookie, 'saveArticleAction');

  // In-process baseline: the same work without HTTP or Next around it.
  const local: number[] = [];
  let version = drafts[EDITORS]!.version;
  for (let i = 0; i < SAVES_EACH * 4; i++) {
    const started = performance.now();
    // What saveArticleAction does inside the door: parse and check, then the field merge.
    version = saveArticle(
      reporter,
      parseArticleSave({
        articleId: drafts[EDITORS]!.id,
        baseVersion: version,
        changes: { headline: `عنوان ${i}`, body: editedDocument(EDITORS, i) },
      }),
    ).version;
    local.push(performance.now() - started);
  }

  // 20 editors, each on their own article. "paced": each saves at the editor's autosave cadence
  // (a pause of 1.5 s ± 0.5 s after the previous save), so their saves overlap as in a newsroom;
  // "back to back": each sends the next save the moment the last one answered (the worst case).
  async function editors(pauseMs: (() => number) | null, round: number) {
    const samples: number[] = [];
    let failures = 0;
    await Promise.all(
      drafts.slice(0, EDITORS).map(async (draft, editor) => {
        for (let i = 0; i < SAVES_EACH; i++) {
          if (pauseMs) await new Promise((r) => setTimeout(r, pauseMs()));
          const started = performance.now();
          const response = await post(pageUrl, {
            method: 'POST',
            headers: {
              'Next-Action': saveId,
              Accept: 'text/x-component',
              'Content-Type': 'text/plain;charset=UTF-8',
              cookie,
            },
            body: JSON.stringify([
              {
                articleId: draft.id,
                baseVersion: versions[editor],
                // The editor's autosave (saveArticleAction): the fields it edited, here both.
                changes: { headline: `عنوان ${i}`, body: editedDocument(editor, round * SAVES_EACH + i) },
              },
            ]),
          });
          const text = await response.text();
          samples.push(performance.now() - started);
          const version = /"version":(\d+)/.exec(text);
          if (!text.includes('"ok":true') || !version) failures++;
          else versions[editor] = Number(version[1]);
        }
      }),
    );
    return { ...summarize(samples), failures };
  }
  const versions = drafts.map((d) => d.version);
  // One warm-up round: first saves count every paragraph and warm the JIT.
  await editors(() => Math.random() * 1000, 0);
  const paced = await editors(() => 1000 + Math.random() * 1000, 1);
  const burst = await editors(null, 2);

  const l = summarize(local);
  console.log(`in-process save, no HTTP:          p50 ${fmt(l.p50)} ms, p95 ${fmt(l.p95)} ms (n=${l.n})`);
  console.log(
    `${EDITORS} editors, paced autosaves, HTTP:  p50 ${fmt(paced.p50)} ms, p95 ${fmt(paced.p95)} ms (n=${paced.n}, ${paced.failures} failed)  (aim p95 <= 50 ms)`,
  );
  console.log(
    `${EDITORS} editors, back to back, HTTP:     p50 ${fmt(burst.p50)} ms, p95 ${fmt(burst.p95)} ms (n=${burst.n}, ${burst.failures} failed)`,
  );
  console.log(`ratio paced HTTP p95 / in-process p95: ${fmt(paced.p95 / l.p95, 2)}`);
} finally {
  app.stop();
}
