// The production server: Next.js behind a request guard, an in-memory front copy of the reader
// pages and a readers' line, in one or several worker processes (docs/how-it-works.md). Each job
// has its own module in lib/server/: supervisor (workers and restarts), request-guard (X-Forwarded
// headers, server-action and body limits), front-copy, cache-sync (the reader cache generation),
// reader-line; lib/http/route-kinds.mjs says what every address is.
//
// Usage: node server.mjs [-H host] [-p port]   (PORT and HOST are read too; defaults 127.0.0.1:3000)
// First, before any module that could fail on another Node (better-sqlite3 is built for this one).
import './lib/server/runtime.mjs';
import { availableParallelism } from 'node:os';
import { boundedInteger } from './lib/server/config.mjs';
import { isSupervisor, supervise } from './lib/server/supervisor.mjs';

// As `next start` does; set before Next and React load, since they pick their builds by it.
process.env.NODE_ENV = 'production';

const workers = boundedInteger('NEWSROOM_WORKERS', availableParallelism(), 1, 256);
if (isSupervisor(workers)) supervise(workers);
else await (await import('./lib/server/worker.mjs')).startWorker();
