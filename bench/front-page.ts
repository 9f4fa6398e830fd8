// Issue 10, "Speed": requests per second of the front page and of an article with a body image
// from the production server (server.mjs, its in-memory copy in front of Next), each beside a
// plain Node server returning the very same bytes from memory, and beside the page rendered by
// Next on every request (what a copy miss costs). The load generator shares the machine's cores
// with the server, so its rate saturates; the server's CPU time per request, read from
// /proc/<pid>/stat before and after each run, is printed beside each rate and compared too.
// One run, same machine, so the ratios are what to read.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { benchPort, cpuMs, fmt, runLoadGenerator, startApp, stopProcess, waitFor } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PLAIN_PORT = benchPort(3255) + 3;

// A fetch that retries once: the server may have closed an idle keep-alive socket during a run.
async function get(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch {
    return fetch(url);
  }
}

type Run = { ok: number; failed: number; rps: number; cpuPerRequestMs: number };

function load(url: string, pid: number, header = ''): Run {
  const before = cpuMs(pid);
  const result = runLoadGenerator(url, SECONDS, CONCURRENCY, header);
  const cpu = cpuMs(pid) - before;
  return { ...result, cpuPerRequestMs: result.ok > 0 ? cpu / result.ok : NaN };
}

const line = (name: string, r: Run) =>
  `${name.padEnd(34)} ${fmt(r.rps, 0).padStart(7)} req/s, ${fmt(r.cpuPerRequestMs, 3)} ms CPU/request (${r.failed} non-200)`;

const app = await startApp('front', benchPort(3255), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
  seed: ['bench/seed-front-page.ts'],
  // One process, so that the pid whose CPU is read is the one that answers.
  env: { NEWSROOM_WORKERS: '1' },
});
try {
  // The seed prints nothing the bench can read here, so find the article with a body image by
  // its headline in its address (the slug), through the reader's search: with the demo day, the
  // seeded stories are not all on the front page.
  const found = await (await fetch(`${app.url}/search?q=${encodeURIComponent('صور من طشقند')}`)).text();
  const href = [...found.matchAll(/href="(\/news\/\d+\/[^"]+)"/g)]
    .map((m) => m[1]!)
    .find((link) => decodeURIComponent(link).includes('صور-من-طشقند'));
  if (!href) throw new Error('the seeded article with a body image is not found by the reader search');
  const pages = [
    { name: 'front page', url: `${app.url}/` },
    { name: 'article with a body image', url: `${app.url}${href}` },
  ];
  mkdirSync('tmp', { recursive: true });
  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s each`);
  for (const page of pages) {
    const response = await fetch(page.url);
    const bytes = Buffer.from(await response.arrayBuffer());
    const file = path.resolve(`tmp/bench-front-${page.name.replace(/\W+/g, '-')}.html`);
    writeFileSync(file, bytes);
    // node --import tsx: one process, so /proc/<pid>/stat is the plain server's own CPU.
    const plain = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'plain-server.ts'), file, String(PLAIN_PORT)],
      { detached: true, stdio: 'ignore' },
    );
    await waitFor(`http://127.0.0.1:${PLAIN_PORT}/`);
    load(page.url, app.pid); // warm-up, and server.mjs copies the page
    const served = load(page.url, app.pid);
    const rendered = load(page.url, app.pid, 'x-front-copy-bypass: 1');
    const bare = load(`http://127.0.0.1:${PLAIN_PORT}/`, plain.pid!);
    stopProcess(plain);
    console.log(
      `\n${page.name}: ${bytes.length} bytes, x-front-cache on a repeat: ${(await get(page.url)).headers.get('x-front-cache')}`,
    );
    console.log(line('plain node server (same bytes)', bare));
    console.log(line('server.mjs (copy in front of Next)', served));
    console.log(line('rendered by Next per request', rendered));
    console.log(
      `ratio served/plain: ${fmt(served.rps / bare.rps, 3)} req/s, ${fmt(bare.cpuPerRequestMs / served.cpuPerRequestMs, 3)} by CPU per request (aim >= ${page.name === 'front page' ? '0.5' : '0.8'})`,
    );
    console.log(`ratio served/rendered: ${fmt(served.rps / rendered.rps, 2)}`);
  }
} finally {
  app.stop();
}
