// How server.mjs runs writing together (docs/collaboration.md), in plain JavaScript because
// server.mjs loads no TypeScript:
// - superviseCollaboration(): in the supervising process (the cluster's primary, or the one
//   process when NEWSROOM_WORKERS=1), runs the collaboration server in a worker thread (the build's
//   bundle of lib/server/collab-main.ts, scripts/build-collab.mjs) on a loopback port, starts it
//   again if it ends, and tells every worker its port;
// - collabUpgrades(): a 'listening' listener for each worker's HTTP server; hands WebSocket upgrades on /collab to that
//   port, byte for byte, so everyone on one article reaches the same document whichever worker
//   took their connection. Other upgrades are refused.
// NEWSROOM_COLLAB=0 turns writing together off (the editor then saves the body as before).
//
// A thread, not a process of its own: a second Node process (through tsx) was 153 MB resident
// idle, the bundle in plain node 106 MB; a thread adds 46 MB to the process it runs in, which
// keeps the default start (one process) inside its 200 MB (bench/README.md, "Memory"). It keeps a
// process's isolation where it matters: its own event loop (typing never waits for a page render),
// its own heap with a ceiling (an out-of-memory ends the thread, not the site), and an uncaught
// error ends the thread alone; the supervisor starts another either way, and the browsers
// reconnect with their copies.
import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import nextConfig from '../../next.config.js';

export const COLLAB_PATH = '/collab';
export const collaborationEnabled = () => process.env.NEWSROOM_COLLAB !== '0';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = path.resolve(ROOT, nextConfig.distDir ?? '.next', 'newsroom', 'collab-main.mjs');
let port = null;
// The collaboration server holds documents of a few hundred kB each (100 open 5,000-word
// documents: about 46 MB). Without a ceiling V8 sizes the heap and the young generation by the
// machine's memory (as a process through tsx it idled at 255 MB for 58 MB in use).
const COLLAB_LIMITS = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 6 };
// How long a stop may take to store the documents with changes not yet stored.
const STOP_WAIT_MS = 10_000;

function tellWorkers() {
  if (port === null) return;
  for (const worker of Object.values(cluster.workers ?? {})) worker?.send({ newsroomCollabPort: port });
}

/** @type {() => Promise<void>} */
let stopCurrent = async () => {};

/** Stops writing together: the documents with changes not yet stored are stored first (10 s at most). */
export function stopCollaboration() {
  return stopCurrent();
}

export function superviseCollaboration() {
  if (!collaborationEnabled()) return;
  if (!existsSync(BUNDLE)) {
    console.error(
      `writing together is off: ${path.relative(ROOT, BUNDLE)} is missing (made by \`npm run build\`, scripts/build-collab.mjs)`,
    );
    return;
  }
  /** @type {Worker | null} */
  let thread = null;
  let stopping = false;
  let restarts = 0;
  const start = () => {
    const current = new Worker(BUNDLE, { resourceLimits: COLLAB_LIMITS, stdout: false, stderr: false });
    thread = current;
    current.on('message', (message) => {
      if (typeof message?.newsroomCollabPort !== 'number') return;
      port = message.newsroomCollabPort;
      restarts = 0;
      tellWorkers();
    });
    // An uncaught error or an out-of-memory in the thread: said here, then 'exit' follows.
    current.on('error', (error) => console.error('collaboration server failed:', error));
    current.on('exit', (code) => {
      if (thread === current) thread = null;
      port = null;
      if (stopping) return;
      console.error(`collaboration server ended (${code}); starting another`);
      // Immediately the first time, then waiting longer, so a server that cannot start does not spin.
      setTimeout(start, Math.min(10_000, 250 * 2 ** restarts++));
    });
  };
  start();
  // A worker asks once it listens (a message sent before it had a listener would be lost), and
  // one forked later, to replace one that died, asks the same way.
  cluster.on('message', (worker, message) => {
    if (message?.newsroomCollabAsk && port !== null) worker.send({ newsroomCollabPort: port });
  });
  /** @type {Promise<void> | null} */
  let stopped = null;
  stopCurrent = () => {
    stopping = true;
    const current = thread;
    if (!current) return Promise.resolve();
    return (stopped ??= new Promise((resolve) => {
      const timer = setTimeout(() => void current.terminate().then(() => resolve()), STOP_WAIT_MS);
      current.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      current.postMessage({ newsroomCollabStop: true });
    }));
  };
  // SIGUSR2 ends the thread at once, as a crash would (nothing stored first): the supervisor starts
  // another and the browsers reconnect with what they typed. For an operator whose writing together
  // is stuck, without stopping the site; e2e/collab.spec.ts uses it to prove nothing is lost.
  process.on('SIGUSR2', () => {
    console.error('SIGUSR2: ending the collaboration server at once');
    void thread?.terminate();
  });
  // Stopping the server stores the open documents before the process ends. Without other
  // listeners a signal still ends this process, as it did before this one.
  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ]) {
    process.once(signal, () => {
      void stopCollaboration().finally(() => {
        if (process.listenerCount(signal) === 0) process.exit(code);
      });
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
