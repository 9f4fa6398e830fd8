// Issue 11, load: 200 readers and 20 journalists against the production server for 60 s. Readers
// go from page to page without pause (home, article, section, search, feed, robots.txt, counts and
// view beacons); journalists autosave their own drafts at the editor's pace and send presence
// heartbeats. Prints errors and p50/p95/p99 per route, beside each route's latency with a single
// reader measured first in the same run, and the server's resident memory: idle before the load
// and at its peak (sampled from /proc every 200 ms; aim: peak <= 250 MB).
// Run: npx tsx --conditions=react-server bench/load.ts
import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { benchEnv, benchPort, demoArticleUrl, fmt, percentile, startApp } from './lib';
import { actionId, signIn } from './http';

const PORT = benchPort(3386);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const READERS = Number(process.env.BENCH_CONCURRENCY ?? 200);
const JOURNALISTS = Number(process.env.BENCH_EDITORS ?? 20);

Object.assign(process.env, benchEnv('load'));
const app = await startApp('load', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const { createDraft } = await import('@/lib/newsroom/articles');
const { findUserByEmail } = await import('@/lib/auth/users');
const { paragraphsToDocument } = await import('@/lib/document/check');

const agent = new http.Agent({ keepAlive: true, maxSockets: READERS + JOURNALISTS + 8 });

type Sample = { ms: number; ok: boolean };
const samples = new Map<string, Sample[]>();
const firstErrors: string[] = [];
let unsaved = 0;

function request(
  route: string,
  path: string,
  {
    method = 'GET',
    headers = {},
    body,
  }: { method?: string; headers?: Record<string, string>; body?: string } = {},
  record = samples,
): Promise<string> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: PORT,
        path,
        method,
        headers: { 'accept-encoding': 'gzip', ...headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          const ok = status >= 200 && status < 400;
          const raw = Buffer.concat(chunks);
          const text = (response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString();
          if (!ok && firstErrors.length < 5) firstErrors.push(`${route}: ${status} ${text.slice(0, 120)}`);
          if (!record.has(route)) record.set(route, []);
          record.get(route)!.push({ ms: performance.now() - started, ok });
          resolve(text);
        });
      },
    );
    req.on('error', (error) => {
      if (firstErrors.length < 5) firstErrors.push(`${route}: ${error.message}`);
      if (!record.has(route)) record.set(route, []);
      record.get(route)!.push({ ms: performance.now() - started, ok: false });
      resolve('');
    });
    req.end(body);
  });
}

// Resident memory of the server's process group (server.mjs and, with NEWSROOM_WORKERS, its
// workers), in MB per process id.
function residentByProcess(groupId: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== groupId) continue; // pgrp
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1] ?? 0);
      out.set(Number(entry), kb / 1024);
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

const totalOf = (byProcess: Map<number, number>) => [...byProcess.values()].reduce((a, b) => a + b, 0);
const describe = (byProcess: Map<number, number>) =>
  [...byProcess.values()].map((mb) => fmt(mb, 0)).join(' + ');

function table(title: string, record: Map<string, Sample[]>, baseline?: Map<string, Sample[]>): number {
  console.log(title);
  let errors = 0;
  for (const [route, list] of [...record].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
    const failed = list.filter((s) => !s.ok).length;
    errors += failed;
    const single = baseline
      ?.get(route)
      ?.map((s) => s.ms)
      .sort((a, b) => a - b);
    const ratio = single?.length
      ? `  (p50 ×${fmt(percentile(sorted, 50) / percentile(single, 50), 1)} one reader's)`
      : '';
    console.log(
      `  ${route.padEnd(16)} n=${String(list.length).padStart(6)} errors=${failed}  p50 ${fmt(percentile(sorted, 50)).padStart(7)} ms  p95 ${fmt(percentile(sorted, 95)).padStart(7)} ms  p99 ${fmt(percentile(sorted, 99)).padStart(7)} ms${ratio}`,
    );
  }
  return errors;
}

try {
  const reporter = findUserByEmail('reporter@newsroom.test')!;
  const drafts = Array.from({ length: JOURNALISTS }, () => createDraft(reporter));
  const cookie = await signIn(app.url, 'reporter@newsroom.test');
  const editPath = (id: number) => `/newsroom/articles/${id}`;
  const saveId = await actionId(`${app.url}${editPath(drafts[0]!.id)}`, cookie, 'saveArticleAction');
  const presenceId = await actionId(`${app.url}${editPath(drafts[0]!.id)}`, cookie, 'articlePresenceAction');
  const article = new URL(await demoArticleUrl(app.url)).pathname;
  const articleId = Number(/\/news\/(\d+)\//.exec(article)![1]);
  const queries = ['الأخبار', 'المدينة', 'اقتصاد', 'الحكومة', 'مياه', 'طلاب', 'العاصمة', 'سوق'];

  const readerRoutes: [string, () => Promise<unknown>][] = [
    ['home', () => request('home', '/')],
    ['article', () => request('article', article)],
    ['article (Next)', () => request('article (Next)', `${article}?utm_source=load`)],
    [
      'search',
      () =>
        request(
          'search',
          `/search?q=${encodeURIComponent(queries[Math.floor(Math.random() * queries.length)]!)}`,
        ),
    ],
    ['feed.xml', () => request('feed.xml', '/feed.xml')],
    ['robots.txt', () => request('robots.txt', '/robots.txt')],
    ['stats', () => request('stats', `/api/stats/${articleId}`)],
    [
      'view beacon',
      () =>
        request('view beacon', `/api/views/${articleId}`, {
          method: 'POST',
          headers: { 'user-agent': 'Mozilla/5.0 load' },
        }),
    ],
  ];

  // One reader alone, first: the same routes unloaded, the baseline of each ratio.
  const single = new Map<string, Sample[]>();
  for (let round = 0; round < 15; round++) {
    for (const [route] of readerRoutes) {
      const path = {
        home: '/',
        article,
        'article (Next)': `${article}?utm_source=load`,
        search: `/search?q=${encodeURIComponent(queries[round % queries.length]!)}`,
        'feed.xml': '/feed.xml',
        'robots.txt': '/robots.txt',
        stats: `/api/stats/${articleId}`,
        'view beacon': `/api/views/${articleId}`,
      }[route]!;
      await request(
        route,
        path,
        { method: route === 'view beacon' ? 'POST' : 'GET' },
        round < 5 ? new Map() : single,
      );
    }
  }
  const idle = residentByProcess(app.child.pid!);
  const idleMb = totalOf(idle);

  let peakMb = idleMb;
  let peak = idle;
  const sampler = setInterval(() => {
    const now = residentByProcess(app.child.pid!);
    if (totalOf(now) > peakMb) [peakMb, peak] = [totalOf(now), now];
  }, 200);
  const deadline = Date.now() + SECONDS * 1000;
  const readers = Array.from({ length: READERS }, async (_, reader) => {
    for (let i = reader; Date.now() < deadline; i++) await readerRoutes[i % readerRoutes.length]![1]();
  });
  const journalists = drafts.map(async (draft, index) => {
    let version = draft.version;
    const headers = {
      'Next-Action': saveId,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: app.url,
      cookie,
    };
    for (let n = 0; Date.now() < deadline; n++) {
      await new Promise((r) => setTimeout(r, 1000 + Math.random() * 1000));
      const body = JSON.stringify([
        {
          articleId: draft.id,
          baseVersion: version,
          changes: {
            headline: `عنوان الصحفي ${index} ${n}`,
            body: JSON.stringify(paragraphsToDocument([`فقرة ${n} يكتبها الصحفي ${index} في غرفة الأخبار.`])),
          },
        },
      ]);
      const text = await request('autosave', editPath(draft.id), { method: 'POST', headers, body });
      const saved = /"version":(\d+)/.exec(text);
      if (saved) version = Number(saved[1]);
      // An answer that is not a save (busy, a conflict, a refusal) is counted, whatever its status.
      else {
        unsaved++;
        if (firstErrors.length < 5) firstErrors.push(`autosave not saved: ${text.slice(0, 160)}`);
      }
      if (n % 10 === 0) {
        const presence = JSON.stringify([{ articleId: draft.id, tabId: `load-tab-${index}-0000` }]);
        await request('presence', editPath(draft.id), {
          method: 'POST',
          headers: { ...headers, 'Next-Action': presenceId },
          body: presence,
        });
      }
    }
  });
  await Promise.all([...readers, ...journalists]);
  clearInterval(sampler);

  console.log(
    `${READERS} readers without pause and ${JOURNALISTS} journalists autosaving every 1-2 s, ${SECONDS} s:`,
  );
  const errors = table('under load:', samples, single);
  table('one reader alone, before the load (baseline):', single);
  const total = [...samples.values()].reduce((n, list) => n + list.length, 0);
  console.log(
    `requests: ${total} (${fmt(total / SECONDS, 0)}/s); errors: ${errors}; autosaves answered without a save: ${unsaved}${firstErrors.length ? ` — first: ${firstErrors.join(' | ')}` : ''}`,
  );
  console.log(
    `server resident memory (NEWSROOM_WORKERS=${process.env.NEWSROOM_WORKERS ?? 'default: 1'}): idle ${fmt(idleMb, 0)} MB (${describe(idle)}), peak under load ${fmt(peakMb, 0)} MB (${describe(peak)}; aim <= 250 MB)`,
  );
} finally {
  agent.destroy();
  app.stop();
}
