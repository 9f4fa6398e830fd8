// The production server: Next.js behind a request guard, an in-memory front copy of the reader
// pages and a readers' line, in one or several worker processes (docs/how-it-works.md). Each job
// has its own module in lib/server/: supervisor (workers and restarts), request-guard (X-Forwarded
// headers, server-action and body limits), front-copy, cache-sync (the reader cache generation),
// reader-line; lib/http/route-kinds.mjs says what every address is.
//
// Usage: node server.mjs [-H host] [-p port]   (PORT and HOST are read too; defaults 127.0.0.1:3000)
// First, before any module that could fail on another Node (better-sqlite3 is built for this one).
import { keepCompiledCode } from './lib/server/runtime.mjs';
import { boundedInteger } from './lib/server/config.mjs';
import { allocatorEnv, heapFlags, isSupervisor, supervise } from './lib/server/supervisor.mjs';
import { mediaStoreSettings } from './db/media-config.mjs';
import { refuseUnservedDialect } from './db/dialect.mjs';
import nextConfig from './next.config.js';
import { fileURLToPath } from 'node:url';

keepCompiledCode(fileURLToPath(new URL(nextConfig.distDir ?? '.next', import.meta.url)));

// As `next start` does; set before Next and React load, since they pick their builds by it.
process.env.NODE_ENV = 'production';

// One process by default: on the two-core machine this is measured on, a second worker kept
// journalists' autosave p95 at 553 ms under 200 readers (one: 228 ms) and idled at 425 MB (one:
// 204 MB), for more reader throughput than a newsroom of this size needs (docs/configuration.md).
const workers = boundedInteger('NEWSROOM_WORKERS', 1, 1, 256);
// A postgres:// DATABASE_URL: the query layer is SQLite's only for now (db/dialect.mjs); stop
// before any worker starts, never half-run on SQLite.
const dialect = refuseUnservedDialect(process.env);
if (!dialect.ok) {
  console.error(dialect.message);
  process.exit(1);
}
// The picture store (MEDIA_DIR or a bucket): a wrong or half configuration stops the server here,
// with what to change, rather than at the first upload.
const media = mediaStoreSettings(process.env);
if (!media.ok) {
  console.error(media.message);
  process.exit(1);
}
// The one process gets the workers' heap ceiling and allocator arenas too: it starts itself
// again, in place (same process id), with them, unless node was given a heap ceiling.
const flags = isSupervisor(workers) ? [] : heapFlags();
if (flags.length > 0)
  process.execve(
    process.execPath,
    [process.execPath, ...process.execArgv, ...flags, ...process.argv.slice(1)],
    allocatorEnv(),
  );
if (isSupervisor(workers)) supervise(workers);
else await (await import('./lib/server/worker.mjs')).startWorker();
