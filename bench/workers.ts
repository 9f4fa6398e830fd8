// Issue 10, "Speed": throughput of the production server (server.mjs, as `npm start` runs it) with
// NEWSROOM_WORKERS=1 and NEWSROOM_WORKERS=2, route by route, on one build and one database, in one
// run. The load generator is a separate process on the same machine, so on two cores it competes
// with the workers; node:cluster hands each of its connections to a worker in turn. It is `wrk`
// (Debian's package: `apt-get install -y wrk`) when installed — written in C, it needs a fraction
// of a core for what costs our Node generator a whole one, which leaves the second core to the
// second worker — else bench/load-generator.ts (keep-alive connections, closed loop). The first
// line printed says which. Beside each rate: the server's CPU time per request,
// summed over every process of the server (the cluster's primary and each worker), from
// /proc/<pid>/stat before and after the run.
//
// Usage: npx tsx bench/workers.ts   (BENCH_SECONDS, BENCH_CONCURRENCY, BENCH_ROUNDS, BENCH_REUSE_BUILD=1)
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { benchPort, demoArticleUrl, fmt, runLoadGenerator, startApp } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PORT = benchPort(3363);
const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

type Load = { ok: number; failed: number; rps: number };

// One request on a connection of its own (a kept-alive one may have been closed by the server
// while the load ran).
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      })
      .on('error', reject);
  });
}

const WRK = (() => {
  if (process.env.BENCH_GENERATOR === 'node') return null;
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing its version; only a missing binary is ENOENT.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
  }
  return 'wrk';
})();

// wrk's summary: "Requests/sec: 12345.67", "N requests in 5.00s", and a line of socket errors.
function loadWithWrk(url: string): Load {
  const out = execFileSync(
    'wrk',
    ['-t1', `-c${CONCURRENCY}`, `-d${SECONDS}s`, '-H', 'Accept-Encoding: gzip', url],
    { encoding: 'utf8' },
  );
  const ok = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const failed = non2xx + (errors ? errors.slice(1).reduce((n, x) => n + Number(x), 0) : 0);
  return { ok: ok - non2xx, failed, rps };
}

function load(url: string): Load {
  return WRK ? loadWithWrk(url) : runLoadGenerator(url, SECONDS, CONCURRENCY);
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

type Sample = { rps: number; cpuPerRequestMs: number; failed: number; serverShare: number; idle: number };

// The machine's CPU ticks, all and idle, from /proc/stat: how much of both cores the server used
// during a run, and how much nobody used (none left means the machine, not the server, is the limit).
function machineTicks(): { total: number; idle: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  return { total: fields.reduce((a, b) => a + b, 0), idle: fields[3]! + (fields[4] ?? 0) };
}
type Server = { name: string; url: string; pids: number[] };

function sample(server: Server, url: string): Sample {
  const before = cpuMs(server.pids);
  const machineBefore = machineTicks();
  const run = load(url.replace(/^http:\/\/[^/]+/, server.url));
  const after = cpuMs(server.pids);
  const machineAfter = machineTicks();
  const ticks = Math.max(1, machineAfter.total - machineBefore.total);
  return {
    rps: run.rps,
    cpuPerRequestMs: (after - before) / Math.max(1, run.ok),
    failed: run.failed,
    // Shares of the whole machine (both cores = 1).
    serverShare: ((after - before) * TICKS_PER_SECOND) / 1000 / ticks,
    idle: (machineAfter.idle - machineBefore.idle) / ticks,
  };
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const load1 = () => readFileSync('/proc/loadavg', 'utf8').split(' ')[0];

// Both servers run at once on one build and one database (which is also how two deployments of
// this app may share a machine), and are measured in turns, route by route, ROUNDS times: the
// machine's other load then weighs on both alike. Medians are printed.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const reuse = process.env.BENCH_REUSE_BUILD === '1';
const one = await startApp('workers', PORT, { reuseBuild: reuse, env: { NEWSROOM_WORKERS: '1' } });
const two = await startApp('workers', PORT + 2, {
  reuseBuild: true,
  keepDatabase: true,
  env: { NEWSROOM_WORKERS: '2' },
});
try {
  const servers: Server[] = [
    { name: '1 worker', url: one.url, pids: serverPids(one.pid) },
    { name: '2 workers', url: two.url, pids: serverPids(two.pid) },
  ];
  if (servers[0]!.pids.length !== 1 || servers[1]!.pids.length !== 3)
    throw new Error(`unexpected processes: ${servers.map((s) => s.pids.join(',')).join(' / ')}`);
  const article = await demoArticleUrl(one.url);
  const section = /href="(\/section\/[^"]+)"/.exec((await get(article)).body)?.[1] ?? '/section/none';
  const routes: [string, string][] = [
    ['front page /', `${one.url}/`],
    ['article page', article],
    ['section page', `${one.url}${section}`],
    ['RSS /feed.xml', `${one.url}/feed.xml`],
    ['search', `${one.url}/search?q=${encodeURIComponent('طشقند')}`],
    ['engagement API', `${one.url}/api/articles/1/engagement`],
  ];
  console.log(
    `load generator: ${WRK ? 'wrk (1 thread)' : 'bench/load-generator.ts (Node)'}; ${SECONDS} s per run, ${CONCURRENCY} connections, ${ROUNDS} rounds in turns, CPU from /proc (${TICKS_PER_SECOND} ticks/s); load average at start ${load1()}`,
  );
  console.log(
    '\nroute             | 1 worker req/s (CPU ms/req) | 2 workers req/s (CPU ms/req) | ratio | machine (1 worker / 2 workers)',
  );
  console.log(
    '------------------|-----------------------------|------------------------------|-------|-------------------------------',
  );
  for (const [route, url] of routes) {
    const status = (await get(url)).status;
    if (status !== 200) {
      console.log(`${route.padEnd(18)}| status ${status}, skipped`);
      continue;
    }
    for (const server of servers) load(url.replace(/^http:\/\/[^/]+/, server.url)); // warm-up: every worker caches it
    const runs: Sample[][] = [[], []];
    for (let round = 0; round < ROUNDS; round++)
      servers.forEach((server, i) => runs[i]!.push(sample(server, url)));
    const [a, b] = runs.map((samples) => ({
      rps: median(samples.map((x) => x.rps)),
      cpu: median(samples.map((x) => x.cpuPerRequestMs)),
      failed: samples.reduce((n, x) => n + x.failed, 0),
      share: median(samples.map((x) => x.serverShare)),
      idle: median(samples.map((x) => x.idle)),
    }));
    console.log(
      `${route.padEnd(18)}| ${fmt(a!.rps, 0).padStart(8)} (${fmt(a!.cpu, 3)})${' '.repeat(12)}| ${fmt(b!.rps, 0).padStart(8)} (${fmt(b!.cpu, 3)})${' '.repeat(13)}| ${fmt(b!.rps / a!.rps, 2)}×${a!.failed + b!.failed ? ` (${a!.failed + b!.failed} failed)` : ''}  | server ${pct(a!.share)} / ${pct(b!.share)} of the machine, idle ${pct(a!.idle)} / ${pct(b!.idle)}`,
    );
  }
  console.log(`\nload average at the end ${load1()} (other work on this machine weighs on both servers)`);
} finally {
  one.stop();
  two.stop();
}
