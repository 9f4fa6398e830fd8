// The process supervisor: several worker processes (NEWSROOM_WORKERS, default 1: then there is no supervisor) share
// the port through node:cluster. The primary only starts the workers, starts one again if it dies,
// and stops them all when it is stopped itself. It opens no database and loads no Next.
import cluster from 'node:cluster';
import { superviseCollaboration } from './collab.mjs';
import { boundedInteger } from './config.mjs';

// V8 sizes its heap by the machine's memory (4 GB here) and, under load, lets each worker's heap
// grow to several times what it holds before collecting: 200 readers took two workers from 170 to
// 360 MB each (bench/load.ts), for a live set under 160 MB. Workers get a ceiling instead
// (NEWSROOM_HEAP_MB, default 192, at least 96; 0 leaves V8's own), so they collect sooner; a
// --max-old-space-size given to node itself wins. One process (NEWSROOM_WORKERS=1) gets the same
// flags by starting itself again in place (server.mjs).
export function heapFlags() {
  if (process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'))) return [];
  const mb = boundedInteger('NEWSROOM_HEAP_MB', 192, 0, 65536);
  return mb === 0 ? [] : [`--max-old-space-size=${Math.max(mb, 96)}`];
}

/** Whether this process is the one to start workers rather than serve. @param {number} workers */
export function isSupervisor(workers) {
  return workers > 1 && cluster.isPrimary;
}

/** @param {number} count */
export function supervise(count) {
  let stopping = false;
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
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
