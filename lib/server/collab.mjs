// How server.mjs runs writing together (docs/collaboration.md), in plain JavaScript because
// server.mjs loads no TypeScript:
// - superviseCollaboration(): in the supervising process (the cluster's primary, or the one
//   process when NEWSROOM_WORKERS=1), starts the collaboration process (lib/server/collab-main.ts) on a
//   loopback port, starts it again if it dies, and tells every worker its port;
// - collabUpgrades(): a 'listening' listener for each worker's HTTP server; hands WebSocket upgrades on /collab to that
//   port, byte for byte, so everyone on one article reaches the same document whichever worker
//   took their connection. Other upgrades are refused.
// NEWSROOM_COLLAB=0 turns writing together off (the editor then saves the body as before).
import { spawn } from 'node:child_process';
import cluster from 'node:cluster';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const COLLAB_PATH = '/collab';
export const collaborationEnabled = () => process.env.NEWSROOM_COLLAB !== '0';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'collab-main.ts');
let port = null;
// The collaboration process holds documents of a few hundred kB each (100 open 5,000-word
// documents: about 46 MB). Without these, V8 sizes its young generation and heap by the
// machine's memory, and loading the newsroom's modules through tsx left it at 255 MB resident
// while using 58 MB; with them, 115 MB.
const COLLAB_HEAP_FLAGS = ['--max-old-space-size=192', '--max-semi-space-size=4'];

function tellWorkers() {
  if (port === null) return;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ newsroomCollabPort: port });
}

export function superviseCollaboration() {
  if (!collaborationEnabled()) return;
  let child = null;
  let stopping = false;
  let restarts = 0;
  const start = () => {
    child = spawn(
      process.execPath,
      [...COLLAB_HEAP_FLAGS, '--import', 'tsx', '--conditions=react-server', MAIN],
      {
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: process.env,
      },
    );
    child.on('message', (message) => {
      if (typeof message?.newsroomCollabPort !== 'number') return;
      port = message.newsroomCollabPort;
      restarts = 0;
      tellWorkers();
    });
    child.on('exit', (code, signal) => {
      port = null;
      if (stopping) return;
      console.error(`collaboration process ended (${signal ?? code}); starting another`);
      // Immediately the first time, then waiting longer, so a process that cannot start does not spin.
      setTimeout(start, Math.min(10_000, 250 * 2 ** restarts++));
    });
  };
  start();
  // A worker asks once it listens (a message sent before it had a listener would be lost), and
  // one forked later, to replace one that died, asks the same way.
  cluster.on('message', (worker, message) => {
    if (message?.newsroomCollabAsk && port !== null) worker.send({ newsroomCollabPort: port });
  });
  const stop = () => {
    stopping = true;
    child?.kill('SIGTERM');
  };
  process.on('exit', stop);
  // Without other listeners a signal still ends this process, as it did before this one.
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ]) {
    process.once(signal, () => {
      stop();
      if (process.listenerCount(signal) === 0) process.exit(code);
    });
  }
}

// A 'listening' listener for each worker's HTTP server: from then on every upgrade goes to
// `passUpgrade` alone. Next adds an 'upgrade' listener of its own to the server at its first request
// (for its development reloads and rewrites); in production it ends every upgrade it has no route
// for, /collab included, so its listener must never see one.
export function collabUpgrades(options = {}) {
  const passUpgrade = upgradePasser(options);
  return function routeUpgrades() {
    const emit = this.emit;
    this.emit = function (event, ...args) {
      if (event !== 'upgrade') return emit.call(this, event, ...args);
      passUpgrade(...args);
      return true;
    };
  };
}

function upgradePasser({ trustProxy = false }) {
  process.on('message', (message) => {
    if (typeof message?.newsroomCollabPort === 'number') port = message.newsroomCollabPort;
  });
  if (cluster.isWorker) process.send?.({ newsroomCollabAsk: true });
  return (req, socket, head) => {
    const pathname = (req.url ?? '/').split('?')[0];
    if (pathname !== COLLAB_PATH || !collaborationEnabled()) return refuse(socket, '404 Not Found');
    if (port === null) return refuse(socket, '503 Service Unavailable');
    // The host the browser asked for, for the collaboration server's same-origin check; a
    // client's own X-Forwarded-Host counts only behind a declared proxy (NEWSROOM_TRUST_PROXY=1).
    const forwarded = trustProxy ? req.headers['x-forwarded-host'] : undefined;
    const host = String(forwarded ?? req.headers.host ?? '')
      .split(',')[0]
      .trim();
    const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (req.rawHeaders[i].toLowerCase() === 'x-newsroom-host') continue;
      lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
    }
    lines.push(`x-newsroom-host: ${host}`);
    const upstream = net.connect(port, '127.0.0.1', () => {
      upstream.write(lines.join('\r\n') + '\r\n\r\n');
      if (head?.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.setNoDelay(true);
    socket.setNoDelay(true);
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
    upstream.on('close', () => socket.destroy());
    socket.on('close', () => upstream.destroy());
  };
}

function refuse(socket, status) {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
