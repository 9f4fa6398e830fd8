// Restart to first page: how long from starting the production server (server.mjs, as `npm start`
// does after its database step) until the front page answers 200, with one worker and with two,
// against a plain Node server started the same way and answering its first request (the floor any
// Node server pays: the runtime's own start). Several rounds each, in turns, on one build.
//
//   npx tsx bench/restart.ts        (BENCH_ROUNDS, BENCH_PORT, BENCH_REUSE_BUILD=1)
import { spawn, type ChildProcess } from 'node:child_process';
import { benchEnv, benchPort, fmt, startApp, stopProcess, summarize } from './lib';

const PORT = benchPort(3391);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

// Builds once and seeds the demo newsroom; the timed starts reuse both.
const app = await startApp('restart', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
app.stop();
await new Promise((r) => setTimeout(r, 1000));

const PLAIN = `require('node:http').createServer((q, s) => s.end('ok')).listen(${PORT}, '127.0.0.1')`;

function start(kind: string): ChildProcess {
  const env = { ...benchEnv('restart'), NEWSROOM_WORKERS: kind === 'two workers' ? '2' : '1' };
  const args = kind === 'plain Node' ? ['-e', PLAIN] : ['server.mjs', '-H', '127.0.0.1', '-p', String(PORT)];
  return spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'], detached: true });
}

// Milliseconds from spawn until GET / answers 200, polled every 5 ms.
async function timeToFirstPage(kind: string): Promise<number> {
  const started = performance.now();
  const child = start(kind);
  try {
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${PORT}/`);
        await response.arrayBuffer();
        if (response.status === 200) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (performance.now() - started > 60_000) throw new Error(`${kind}: no page within 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    stopProcess(child);
    await new Promise((r) => child.once('exit', r));
  }
}

const kinds = ['plain Node', 'one worker', 'two workers'];
const samples = new Map(kinds.map((k) => [k, [] as number[]]));
for (let round = 0; round < ROUNDS; round++) {
  for (const kind of kinds) samples.get(kind)!.push(await timeToFirstPage(kind));
}
const floor = summarize(samples.get('plain Node')!).p50;
console.log(`restart to first page, ${ROUNDS} rounds in turns (p50 / max, ms):`);
for (const kind of kinds) {
  const s = summarize(samples.get(kind)!);
  const max = Math.max(...samples.get(kind)!);
  console.log(
    `  ${kind.padEnd(12)} ${fmt(s.p50, 0)} / ${fmt(max, 0)}   ${fmt(s.p50 / floor, 1)}× plain Node`,
  );
}
