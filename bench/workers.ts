// Issue 10, "Speed": throughput of the production server (server.mjs, as `npm start` runs it) with
// NEWSROOM_WORKERS=1 and NEWSROOM_WORKERS=2, route by route, on one build and one database, in one
// run. The load generator (bench/load.ts: keep-alive connections, closed loop) is a separate Node
// process on the same machine, so on two cores it competes with the workers; node:cluster hands
// each of its connections to a worker in turn. Beside each rate: the server's CPU time per request,
// summed over every process of the server (the cluster's primary and each worker), from
// /proc/<pid>/stat before and after the run.
//
// Usage: npx tsx bench/workers.ts   (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_REUSE_BUILD=1)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { demoArticleUrl, fmt, startApp } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PORT = 3363;
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

type Load = { ok: number; failed: number; rps: number };

function load(url: string): Load {
  const out = execFileSync(
    'npx',
    ['tsx', path.join(import.meta.dirname, 'load.ts'), url, String(SECONDS), String(CONCURRENCY)],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as Load;
}

// The server's processes: the one started, and its children (the cluster's workers).
function serverPids(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
    readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number),
  );
  return [pid, ...children];
}

// utime + stime of each process, in ms (fields 14 and 15 of /proc/<pid>/stat, after the name).
function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

type Result = { route: string; rps: number; cpuPerRequestMs: number; failed: number };

async function measure(workers: 1 | 2, reuseBuild: boolean): Promise<Result[]> {
  const app = await startApp('workers', PORT, {
    reuseBuild,
    keepDatabase: reuseBuild,
    env: { NEWSROOM_WORKERS: String(workers) },
  });
  try {
    const pids = serverPids(app.pid);
    if (pids.length !== (workers === 1 ? 1 : workers + 1))
      throw new Error(`expected ${workers} worker(s), found processes ${pids.join(', ')}`);
    const article = await demoArticleUrl(app.url);
    const routes: [string, string][] = [
      ['front page /', `${app.url}/`],
      ['article page', article],
      ['section page', `${app.url}/section/${encodeURIComponent('سياسة')}`],
      ['RSS /feed.xml', `${app.url}/feed.xml`],
      ['search', `${app.url}/search?q=${encodeURIComponent('طشقند')}`],
      ['engagement API', `${app.url}/api/articles/1/engagement`],
    ];
    const results: Result[] = [];
    for (const [route, url] of routes) {
      const status = (await fetch(url)).status;
      if (status !== 200) {
        console.log(`  (${route}: status ${status}, skipped)`);
        continue;
      }
      load(url); // warm-up: every worker renders and caches the page
      const before = cpuMs(pids);
      const run = load(url);
      const after = cpuMs(pids);
      results.push({
        route,
        rps: run.rps,
        cpuPerRequestMs: (after - before) / Math.max(1, run.ok),
        failed: run.failed,
      });
    }
    return results;
  } finally {
    app.stop();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

console.log(
  `${SECONDS} s per route, ${CONCURRENCY} connections, CPU from /proc (${TICKS_PER_SECOND} ticks/s)`,
);
const one = await measure(1, process.env.BENCH_REUSE_BUILD === '1');
const two = await measure(2, true);
console.log('\nroute             | 1 worker req/s (CPU ms/req) | 2 workers req/s (CPU ms/req) | ratio');
console.log('------------------|-----------------------------|------------------------------|------');
for (const a of one) {
  const b = two.find((r) => r.route === a.route);
  if (!b) continue;
  console.log(
    `${a.route.padEnd(18)}| ${fmt(a.rps, 0).padStart(8)} (${fmt(a.cpuPerRequestMs, 3)})${' '.repeat(12)}| ${fmt(b.rps, 0).padStart(8)} (${fmt(b.cpuPerRequestMs, 3)})${' '.repeat(13)}| ${fmt(b.rps / a.rps, 2)}×${a.failed + b.failed ? ` (${a.failed + b.failed} failed)` : ''}`,
  );
}
