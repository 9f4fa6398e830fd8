// The collaboration process (docs/collaboration.md): started by server.mjs's supervisor through
// lib/server/collab.mjs, one per machine, listening on a loopback port only the app's workers reach.
// Usage: node --import tsx --conditions=react-server lib/server/collab-main.ts
// NEWSROOM_COLLAB_PORT chooses the port (default: any free one, reported to the supervisor).
import './runtime.mjs';
import { createCollabServer } from '../collab/server';

const wanted = Number(process.env.NEWSROOM_COLLAB_PORT ?? 0);
const collab = createCollabServer({ port: Number.isInteger(wanted) && wanted >= 0 ? wanted : 0 });
const port = await collab.start();
process.send?.({ newsroomCollabPort: port });
console.log(`collaboration ready on 127.0.0.1:${port} (process ${process.pid})`);

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
