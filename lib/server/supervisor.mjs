// The process supervisor: several worker processes (NEWSROOM_WORKERS, default 1: then there is no supervisor) share
// the port through node:cluster. The primary only starts the workers, starts one again if it dies,
// and stops them all when it is stopped itself. It opens no database and loads no Next.
import cluster from 'node:cluster';
import { stopCollaboration, superviseCollaboration } from './collab.mjs';
import { boundedInteger } from './config.mjs';

// V8 sizes its heap by the machine's memory (4 GB here) and, under load, lets each worker's heap
// grow to several times what it holds before collecting: 200 readers took two workers from 170 to
// 360 MB each (bench/load.ts), for a live set under 160 MB. Workers get a ceiling instead
// (NEWSROOM_HEAP_MB, default 192, at least 96; 0 leaves V8's own), so they collect sooner; a
// --max-old-space-size given to node itself wins. One process (NEWSROOM_WORKERS=1) gets the same
// flags by starting itself again in place (server.mjs).
// The young generation too: V8 gives it up to 3 × 16 MB semi-spaces on this machine, and a
// worker kept them filled between collections; with 2 MB semi-spaces the default start (one
// process, writing together on) idles about 16 MB lower (aim: 200 MB), and a Next render costs
// no more CPU (bench/reader-visit.ts, two runs each way: 4.6-6.0 ms against 6.9-10.5 ms for a
// search page; bench/README.md, "Memory"). The desk's long pages pay for it (a plan of 300 stories
// or a week of 1,000 items is collected many times over while it renders: p95 55 → 88 ms and
// 91 → 116 ms against 8 MB), so the size is a setting, NEWSROOM_SEMI_SPACE_MB (docs/configuration.md).
export function heapFlags() {
  if (process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'))) return [];
  const mb = boundedInteger('NEWSROOM_HEAP_MB', 192, 0, 65536);
  if (mb === 0) return [];
  const young = process.execArgv.some((arg) => arg.startsWith('--max-semi-space-size'))
    ? []
    : [`--max-semi-space-size=${boundedInteger('NEWSROOM_SEMI_SPACE_MB', 2, 1, 256)}`];
  return [`--max-old-space-size=${Math.max(mb, 96)}`, ...young];
}

// glibc gives each thread that allocates an arena of its own (up to 8 per core): the collaboration
// thread and libuv's pool left a worker 20-30 MB larger at its peak under load (bench/load.ts: 270
// against 233 MB). Two arenas, unless the operator chose; read by glibc when a process starts, so
// it is set for the processes started from here (server.mjs's restart in place, the workers).
export function allocatorEnv() {
  return { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX || '2' };
}

/** Whether this process is the one to start workers rather than serve. @param {number} workers */
export function isSupervisor(workers) {
  return workers > 1 && cluster.isPrimary;
}

/** @param {number} count */
export function supervise(count) {
  let stopping = false;
  process.env.MALLOC_ARENA_MAX = allocatorEnv().MALLOC_ARENA_MAX;
  cluster.setupPrimary({ execArgv: [...process.execArgv, ...heapFlags()] });
  superviseCollaboration();
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    // The collaboration thread stores its open documents first.
    void stopCollaboration().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
