// Issue 11: reader latency while another process holds SQLite's write lock for 5 s (a backup tool,
// a migration, a second worker), with a journalist's autosaves waiting for that lock, beside the
// same readers with nobody holding the lock, in the same run. Also prints what the waiting saves
// got (saved, or refused with the Arabic "busy" message) and how long they waited.
// Run: npx tsx --conditions=react-server bench/locked-writer.ts
import { spawn } from 'node:child_process';
import { benchEnv, benchPort, demoArticleUrl, fmt, percentile, startApp } from './lib';
import { actionId, postAction, signIn } from './http';

const PORT = benchPort(3384);
const LOCK_MS = 5000;
const READERS = Number(process.env.BENCH_CONCURRENCY ?? 2);

Object.assign(process.env, benchEnv('locked-writer'));
const app = await startApp('locked-writer', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const { createDraft } = await import('@/lib/newsroom/articles');
const { findUserByEmail } = await import('@/lib/auth/users');
const { paragraphsToDocument } = await import('@/lib/document/check');

type Phase = Record<string, number[]>;

// Readers ask in turn for robots.txt, the article page (a query string sends it past server.mjs's
// copy, to Next) and a search, each as soon as the last answered, until `until`.
async function readers(routes: Record<string, string>, until: () => boolean): Promise<Phase> {
  const samples: Phase = Object.fromEntries(Object.keys(routes).map((name) => [name, []]));
  const names = Object.keys(routes);
  await Promise.all(
    Array.from({ length: READERS }, async (_, reader) => {
      for (let i = reader; !until(); i++) {
        const name = names[i % names.length]!;
        const started = performance.now();
        const response = await fetch(routes[name]!);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${name}: ${response.status}`);
        samples[name]!.push(performance.now() - started);
      }
    }),
  );
  return samples;
}

function holdWriteLock(file: string, ms: number): Promise<void> {
  // A separate process, as a backup tool or a second worker would be.
  const code = `const db = new (require('better-sqlite3'))(${JSON.stringify(file)});
db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('error', reject);
  });
}

function print(label: string, phase: Phase): void {
  for (const [name, values] of Object.entries(phase)) {
    const sorted = [...values].sort((a, b) => a - b);
    console.log(
      `${label.padEnd(22)} ${name.padEnd(8)} n=${String(sorted.length).padStart(5)}  p50 ${fmt(percentile(sorted, 50)).padStart(7)} ms  p95 ${fmt(percentile(sorted, 95)).padStart(7)} ms  p99 ${fmt(percentile(sorted, 99)).padStart(7)} ms  max ${fmt(sorted.at(-1) ?? NaN).padStart(7)} ms`,
    );
  }
}

try {
  const reporter = findUserByEmail('reporter@newsroom.test')!;
  const draft = createDraft(reporter);
  const cookie = await signIn(app.url, 'reporter@newsroom.test');
  const pageUrl = `${app.url}/newsroom/articles/${draft.id}`;
  const saveId = await actionId(pageUrl, cookie, 'saveArticleAction');
  const article = await demoArticleUrl(app.url);
  const routes = {
    robots: `${app.url}/robots.txt`,
    article: `${article}?from=bench`,
    search: `${app.url}/search?q=${encodeURIComponent('الأخبار')}`,
  };
  // Warm-up: first renders, JIT.
  let end = Date.now() + 2000;
  await readers(routes, () => Date.now() > end);

  end = Date.now() + LOCK_MS;
  const free = await readers(routes, () => Date.now() > end);

  let version = draft.version;
  const saves: { ms: number; outcome: string }[] = [];
  await holdWriteLock(app.databasePath, LOCK_MS);
  const lockEnds = Date.now() + LOCK_MS;
  // The journalist's editor keeps autosaving while the lock is held: one save every 500 ms.
  const journalist = (async () => {
    for (let i = 0; Date.now() < lockEnds; i++) {
      const started = performance.now();
      const text = await postAction(pageUrl, saveId, cookie, [
        {
          articleId: draft.id,
          baseVersion: version,
          changes: { headline: `عنوان ${i}`, body: JSON.stringify(paragraphsToDocument([`فقرة ${i}`])) },
        },
      ]);
      const saved = /"version":(\d+)/.exec(text);
      if (text.includes('"ok":true') && saved) version = Number(saved[1]);
      saves.push({
        ms: performance.now() - started,
        outcome: saved ? 'saved' : (/"code":"(\w+)"/.exec(text)?.[1] ?? text.slice(0, 80)),
      });
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  const locked = await readers(routes, () => Date.now() > lockEnds);
  await journalist;

  print('nobody holds the lock', free);
  print('another process holds', locked);
  const outcomes = new Map<string, number>();
  for (const save of saves) outcomes.set(save.outcome, (outcomes.get(save.outcome) ?? 0) + 1);
  console.log(
    `autosaves sent while locked: ${saves.length} (${[...outcomes].map(([o, n]) => `${n} ${o}`).join(', ')}); longest took ${fmt(Math.max(...saves.map((s) => s.ms)))} ms`,
  );
  for (const name of Object.keys(routes)) {
    const p99 = (phase: Phase) =>
      percentile(
        [...phase[name]!].sort((a, b) => a - b),
        99,
      );
    console.log(
      `ratio locked/free p99, ${name}: ${fmt(p99(locked) / p99(free), 1)}  (aim: locked p99 < 100 ms)`,
    );
  }
} finally {
  app.stop();
}
