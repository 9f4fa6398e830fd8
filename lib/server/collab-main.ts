// The collaboration process (docs/collaboration.md): started by server.mjs's supervisor through
// lib/server/collab.mjs, one per machine, listening on a loopback port only the app's workers reach.
// Usage: node --import tsx --conditions=react-server lib/server/collab-main.ts
// NEWSROOM_COLLAB_PORT chooses the port (default: any free one, reported to the supervisor).
import './runtime.mjs';
import { createCollabServer } from '../collab/server';

const wanted = Number(process.env.NEWSROOM_COLLAB_PORT ?? 0);
// NEWSROOM_REDIS_URL (redis://host:port): several collaboration processes, on several machines or
// several app processes, share their documents through Redis (lib/collab/redis.ts).
const collab = createCollabServer({
  port: Number.isInteger(wanted) && wanted >= 0 ? wanted : 0,
  redisUrl: process.env.NEWSROOM_REDIS_URL || undefined,
});
const port = await collab.start();
process.send?.({ newsroomCollabPort: port });
console.log(
  `collaboration ready on 127.0.0.1:${port} (process ${process.pid}${process.env.NEWSROOM_REDIS_URL ? ', sharing documents through Redis' : ''})`,
);

// Stopping stores every document with changes not yet stored, then closes the connections
// (the browsers keep their copies and reconnect to the next process).
let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await collab.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
// The supervisor went away without a word (killed): this process goes too.
process.on('disconnect', stop);
