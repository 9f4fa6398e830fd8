// The collaboration server (docs/collaboration.md), one per machine, listening on a loopback port
// only the app's workers reach. Run two ways:
// - in production, bundled at build time (scripts/build-collab.mjs) and started by server.mjs's
//   supervisor (lib/server/collab.mjs) as a worker thread: it reports its port and is stopped
//   through the thread's parentPort;
// - as a process of its own (the tests' stand-ins for several machines, an operator's choice):
//   node --import tsx --conditions=react-server lib/server/collab-main.ts
//   reporting its port to a parent through IPC (process.send) if it has one.
// NEWSROOM_COLLAB_PORT chooses the port (default: any free one).
import './runtime.mjs';
import { parentPort, threadId } from 'node:worker_threads';
import { createCollabServer } from '../collab/server';

const wanted = Number(process.env.NEWSROOM_COLLAB_PORT ?? 0);
// NEWSROOM_REDIS_URL (redis://host:port): several collaboration processes, on several machines or
// several app processes, share their documents through Redis (lib/collab/redis.ts), loaded only
// then (without Redis its client would be 5 MB of this thread's memory for nothing).
const redisUrl = process.env.NEWSROOM_REDIS_URL || undefined;
const collab = createCollabServer({
  port: Number.isInteger(wanted) && wanted >= 0 ? wanted : 0,
  redis: redisUrl ? { url: redisUrl, connect: (await import('../collab/redis')).newsroomRedis } : undefined,
});
const port = await collab.start();
if (parentPort) parentPort.postMessage({ newsroomCollabPort: port });
else process.send?.({ newsroomCollabPort: port });
console.log(
  `collaboration ready on 127.0.0.1:${port} (process ${process.pid}${parentPort ? `, thread ${threadId}` : ''}${process.env.NEWSROOM_REDIS_URL ? ', sharing documents through Redis' : ''})`,
);

// Stopping stores every document with changes not yet stored, then closes the connections
// (the browsers keep their copies and reconnect to the next server).
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await collab.stop();
  } finally {
    if (parentPort) parentPort.close();
    process.exit(0);
  }
}
if (parentPort) {
  parentPort.on('message', (message: { newsroomCollabStop?: boolean }) => {
    if (message?.newsroomCollabStop) void stop();
  });
} else {
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // The supervisor went away without a word (killed): this process goes too.
  process.on('disconnect', stop);
}
