// Issue 4, "Throughput": requests per second of the demo article page from the production server
// (server.mjs: its in-memory copy in front of Next; Next's own cache alone is printed too), beside a plain Node server returning the same bytes from memory,
// and beside the same page rendered on every request (Next's on-demand revalidation header with
// the build's preview id: the route renders anew, and writes the cache, on each request). One
// run, same machine, so the ratios are what to read.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { benchPort, demoArticleUrl, fmt, runLoadGenerator, startApp, stopProcess, waitFor } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PLAIN_PORT = benchPort(3251) + 8;

const load = (url: string, header = '') => runLoadGenerator(url, SECONDS, CONCURRENCY, header);

const app = await startApp('reader', benchPort(3251), { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
try {
  const url = await demoArticleUrl(app.url);
  const page = await fetch(url);
  const html = Buffer.from(await page.arrayBuffer());
  console.log(
    `article page: ${html.length} bytes, x-nextjs-cache: ${page.headers.get('x-nextjs-cache')}, cache-control: ${page.headers.get('cache-control')}`,
  );
  mkdirSync('tmp', { recursive: true });
  const file = path.resolve('tmp/bench-article.html');
  writeFileSync(file, html);

  const plain = spawn(
    'npx',
    ['tsx', path.join(import.meta.dirname, 'plain-server.ts'), file, String(PLAIN_PORT)],
    { detached: true, stdio: 'ignore' },
  );
  await waitFor(`http://127.0.0.1:${PLAIN_PORT}/`);

  const manifest = JSON.parse(readFileSync(path.join(app.distDir, 'prerender-manifest.json'), 'utf8')) as {
    preview: { previewModeId: string };
  };
  const rerender: [string, string] = ['x-prerender-revalidate', manifest.preview.previewModeId];
  const dynamicCheck = await fetch(url, { headers: [rerender] });
  console.log(
    `per-request render check: status ${dynamicCheck.status}, x-nextjs-cache: ${dynamicCheck.headers.get('x-nextjs-cache') ?? '(none)'}`,
  );

  load(url); // warm-up
  const cached = load(url);
  // The same page from Next's own cache, past server.mjs's copy (its fill requests do this).
  const nextCache = load(url, 'x-front-copy-bypass: 1');
  const bare = load(`http://127.0.0.1:${PLAIN_PORT}/`);
  const dynamic = load(url, rerender.join(': '));
  stopProcess(plain);

  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s each`);
  console.log(`plain node server (same bytes): ${fmt(bare.rps)} req/s`);
  console.log(`server.mjs, cached article page: ${fmt(cached.rps)} req/s (${cached.failed} non-200)`);
  console.log(`next's cache alone:             ${fmt(nextCache.rps)} req/s (${nextCache.failed} non-200)`);
  console.log(`rendered per request:           ${fmt(dynamic.rps)} req/s (${dynamic.failed} non-200)`);
  console.log(`ratio cached/plain:   ${fmt(cached.rps / bare.rps, 3)}  (aim >= 0.08)`);
  console.log(`ratio cached/dynamic: ${fmt(cached.rps / dynamic.rps, 2)}  (aim >= 4)`);
  console.log(
    `ratio next's cache alone/plain: ${fmt(nextCache.rps / bare.rps, 3)}, /dynamic: ${fmt(nextCache.rps / dynamic.rps, 2)}`,
  );
} finally {
  app.stop();
}
