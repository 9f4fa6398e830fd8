// Issue 18, "Speed": the front page and an article through Varnish (deploy/varnish/newsroom.vcl in
// front of the production server), each beside a plain Node server returning the very same bytes
// from memory, and beside the app alone (server.mjs and its front copy). The load generator shares
// the machine's cores with the servers, so read the ratios of this one run, not the rates.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchPort, demoArticleUrl, fmt, runLoadGenerator, startApp, stopProcess, waitFor } from './lib';
import { startVarnish } from './lib-varnish';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const APP_PORT = benchPort(3275);
const VARNISH_PORT = APP_PORT + 1;
const PLAIN_PORT = APP_PORT + 2;

// A fetch that retries once: Varnish closes a keep-alive socket idle for 5 s (timeout_idle), and
// the previous page's load run leaves this process's sockets idle longer than that.
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

const app = await startApp('varnish', APP_PORT, {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
  env: { NEWSROOM_PURGE_URLS: `http://127.0.0.1:${VARNISH_PORT}` },
});
const varnish = await startVarnish('bench', VARNISH_PORT, [APP_PORT]);
try {
  const article = new URL(await demoArticleUrl(app.url)).pathname;
  const pages = [
    { name: 'front page', path: '/' },
    { name: 'article', path: article },
  ];
  mkdirSync('tmp', { recursive: true });
  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s each`);
  for (const page of pages) {
    const through = `${varnish.url}${page.path}`;
    const response = await get(through);
    const bytes = Buffer.from(await response.arrayBuffer());
    const file = path.resolve(`tmp/bench-varnish-${page.name.replace(/\W+/g, '-')}.html`);
    writeFileSync(file, bytes);
    const plain = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'plain-server.ts'), file, String(PLAIN_PORT)],
      { detached: true, stdio: 'ignore' },
    );
    await waitFor(`http://127.0.0.1:${PLAIN_PORT}/`);
    runLoadGenerator(through, 2, CONCURRENCY); // warm-up
    const before = varnish.counter('MAIN.backend_req');
    const cached = runLoadGenerator(through, SECONDS, CONCURRENCY);
    const origin = varnish.counter('MAIN.backend_req') - before;
    const alone = runLoadGenerator(`${app.url}${page.path}`, SECONDS, CONCURRENCY);
    const bare = runLoadGenerator(`http://127.0.0.1:${PLAIN_PORT}/`, SECONDS, CONCURRENCY);
    stopProcess(plain);
    console.log(`\n${page.name}: ${bytes.length} bytes`);
    console.log(
      `plain node server (same bytes)  ${fmt(bare.rps, 0).padStart(7)} req/s (${bare.failed} non-200)`,
    );
    console.log(
      `through Varnish                 ${fmt(cached.rps, 0).padStart(7)} req/s (${cached.failed} non-200), ${origin} reached the app`,
    );
    console.log(
      `the app alone (server.mjs)      ${fmt(alone.rps, 0).padStart(7)} req/s (${alone.failed} non-200)`,
    );
    console.log(
      `ratio Varnish/plain: ${fmt(cached.rps / bare.rps, 2)}; Varnish/app alone: ${fmt(cached.rps / alone.rps, 2)}`,
    );
  }
} finally {
  varnish.stop();
  app.stop();
}
