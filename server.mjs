// The production server: Next.js, with a small in-memory cache in front of the reader pages.
//
// Why: every request that reaches Next pays its router's fixed cost, about 1 ms here — even a file
// from public/ is served at ~1,700 req/s on this machine, against ~14,000 for a plain Node server
// (bench/reader-throughput.ts). Reader pages (articles, home, lists, feeds, sitemaps, robots.txt)
// are the same for every reader and rendered by Next per request from SQLite, so their bytes are
// kept here, gzip included, and served without entering Next. A page is copied from Next's own
// answer, and publishing or unpublishing anything empties this cache before the next reader asks. Entries also expire after
// a minute, like a CDN's copy.
//
// Several worker processes (NEWSROOM_WORKERS, default one per core) share the port through
// node:cluster. Nothing tells a worker that another one published: before each request, every
// worker reads the reader cache generation from SQLite (one integer, bumped in the same transaction
// as every publish and unpublish, db/queries/reader-cache.ts); when it moved, the worker expires
// in its own Next the tags written beside it and empties its front copy. So a publish is seen by
// every worker on its very next request, and a worker that starts late catches up the same way.
//
// Usage: node server.mjs [-H host] [-p port]   (PORT and HOST are read too; defaults 127.0.0.1:3000)
// First, before any module that could fail on another Node (better-sqlite3 is built for this one).
import './lib/server/runtime.mjs';
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import {
  guardActionRequest,
  hasOverlongSegment,
  isServerActionRequest,
} from './lib/action-request-guard.mjs';
import { bodyLimitOf, guardBodyLimit, isNewsroomRequest } from './lib/request-limits.mjs';
import { collabUpgrades, superviseCollaboration } from './lib/collab/hook.mjs';
import { publicAuthUrl } from './lib/server-config.mjs';
import nextConfig from './next.config.js';

// As `next start` does; set before Next and React load, since they pick their builds by it.
process.env.NODE_ENV = 'production';

const workers = boundedInteger('NEWSROOM_WORKERS', availableParallelism(), 1, 256);
if (workers > 1 && cluster.isPrimary) {
  runPrimary(workers);
} else {
  await runWorker();
}

function boundedInteger(name, fallback, min, max) {
  const value = process.env[name];
  if (value === undefined || value.trim() === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    console.error(`${name} must be a whole number from ${min} to ${max}, not "${value}"`);
    process.exit(1);
  }
  return n;
}

// V8 sizes its heap by the machine's memory (4 GB here) and, under load, lets each worker's heap
// grow to several times what it holds before collecting: 200 readers took two workers from 170 to
// 360 MB each (bench/load.ts), for a live set under 160 MB. Workers get a ceiling instead
// (NEWSROOM_HEAP_MB, default 192, at least 96; 0 leaves V8's own), so they collect sooner; a --max-old-space-size
// given to node itself wins. One process (NEWSROOM_WORKERS=1) is not forked: give it the flag
// yourself (NODE_OPTIONS=--max-old-space-size=192).
function heapFlags() {
  if (process.execArgv.some((arg) => arg.startsWith('--max-old-space-size'))) return [];
  const mb = boundedInteger('NEWSROOM_HEAP_MB', 192, 0, 65536);
  return mb === 0 ? [] : [`--max-old-space-size=${Math.max(mb, 96)}`];
}

// The primary only starts the workers, starts one again if it dies, and stops them all when it is
// stopped itself. It opens no database and loads no Next.
function runPrimary(count) {
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

async function runWorker() {
  function option(flag, fallback) {
    const at = process.argv.indexOf(flag);
    return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
  }
  const hostname = option('-H', process.env.HOST || '127.0.0.1');
  const port = Number(option('-p', process.env.PORT || '3000'));
  // Where this server reaches itself to copy a page from Next (a wildcard address is not one).
  const self =
    hostname === '0.0.0.0'
      ? '127.0.0.1'
      : hostname === '::'
        ? '[::1]'
        : hostname.includes(':')
          ? `[${hostname}]`
          : hostname;

  // next-auth's links and redirects: NEXTAUTH_URL, else NEWSROOM_SITE_URL, else (listening on this
  // machine only) the address served here (lib/server-config.mjs). Set before Next and the app load.
  const authUrl = publicAuthUrl(process.env, { hostname, self, port });
  if (!authUrl.ok) {
    console.error(authUrl.message);
    process.exit(1);
  }
  process.env.NEXTAUTH_URL = authUrl.url;
  const { default: next } = await import('next');

  // Behind a reverse proxy that the deployment declares (NEWSROOM_TRUST_PROXY=1), its X-Forwarded-*
  // headers say who asked and which host; otherwise they are whatever a client wrote, and are
  // removed before the action guard, the doors (lib/door.ts) or Next compare an Origin with them.
  const trustProxy = process.env.NEWSROOM_TRUST_PROXY === '1';

  // The server-action body limit Next enforces (next.config.js), enforced here before Next reads it.
  const parseBytes = createRequire(import.meta.url)('next/dist/compiled/bytes');
  const actionGuard = {
    bodyLimit: parseBytes.parse(nextConfig.experimental?.serverActions?.bodySizeLimit ?? '1mb'),
    knownActions: knownActionIds(),
    trustProxy,
  };

  // The build's server-action ids (an unknown one is refused without Next's stack trace).
  function knownActionIds() {
    const file = path.join(nextConfig.distDir ?? '.next', 'server', 'server-reference-manifest.json');
    try {
      return new Set(Object.keys(JSON.parse(readFileSync(file, 'utf8')).node ?? {}));
    } catch {
      return null;
    }
  }

  const TTL_MS = 60_000;
  const MAX_BYTES = 64 * 1024 * 1024; // raw and gzipped pages together
  // The reader addresses the site links to (lib/urls.ts, lib/reader-html.ts). Unknown addresses
  // answer 404 and are never copied; only 200s of these types are.
  const PAGE = String.raw`(?:/page/[1-9][0-9]{0,5})?`;
  const READER_PATHS = [
    /^\/news\/[1-9][0-9]{0,15}\/([^/?#]+)$/,
    /^\/$|^\/page\/[1-9][0-9]{0,5}$/,
    new RegExp(String.raw`^/(?:section|tag)/([^/?#]+)(?:${PAGE}|/feed\.xml|/atom\.xml)$`),
    new RegExp(String.raw`^/author/[1-9][0-9]{0,15}${PAGE}$`),
    /^\/(?:feed\.xml|atom\.xml|sitemap\.xml|news-sitemap\.xml|robots\.txt)$/,
  ];
  const CACHED_TYPES = [
    'text/html',
    'application/rss+xml',
    'application/atom+xml',
    'application/xml',
    'text/plain',
  ];
  // Requests Next must answer itself: its own revalidation and preview, and our own fills.
  // lib/security-headers.ts SECURITY_HEADER_NAMES (this file cannot import the app's TypeScript).
  const SECURITY_HEADERS = [
    'content-security-policy',
    'x-content-type-options',
    'referrer-policy',
    'permissions-policy',
    'x-frame-options',
    'strict-transport-security',
  ];
  const BYPASS_HEADERS = ['x-prerender-revalidate', 'x-front-cache-fill', 'rsc', 'next-router-state-tree'];

  /** @type {Map<string, { expires: number; headers: Record<string, string>; body: Buffer; gzip: Buffer }>} */
  const pages = new Map(); // in order of last use: the first entry is the one to evict
  let bytes = 0;
  const filling = new Set();
  // The reader cache generation this worker has applied (-1: none yet, so the first request applies
  // every expiry ever written, which is also how a restarted server learns what was unpublished).
  let generation = -1;

  // Read-only: this process never writes the database outside Next. Opened lazily so that a server
  // started before `npm run db:setup` has made the file fails its first request, not its start.
  let readGeneration;
  let readExpiriesSince;
  function openGenerationQueries() {
    const file = path.resolve(process.env.DATABASE_PATH ?? path.join('data', 'newsroom.db'));
    const database = new Database(file, { readonly: true, fileMustExist: true });
    database.pragma('busy_timeout = 5000');
    readGeneration = database.prepare('SELECT generation FROM reader_cache_generation WHERE id = 1').pluck();
    readExpiriesSince = database.prepare(
      'SELECT tag, expired_at AS expiredAt FROM reader_cache_expiries WHERE generation > ?',
    );
  }

  // Next 16 keeps cache tag expiry in this one in-memory map per process (lib/reader-cache-restore.ts
  // says more); an ".external" module is loaded once per process, so this is the map Next consults.
  const { tagsManifest } = createRequire(import.meta.url)(
    'next/dist/server/lib/incremental-cache/tags-manifest.external.js',
  );
  if (!(tagsManifest instanceof Map)) throw new Error('Next no longer exports tagsManifest');

  // Before every request: one prepared read of one integer. When it moved, the tags expired since
  // are expired here too, as of now on Next's own clock, so that every page this worker holds,
  // including one it finished rendering from old data a moment ago, is rendered again.
  function syncWithDatabase() {
    if (!readGeneration) openGenerationQueries();
    const current = readGeneration.get() ?? 0;
    if (current === generation) return;
    const now = performance.timeOrigin + performance.now();
    for (const { tag, expiredAt } of readExpiriesSince.all(generation)) {
      const state = tagsManifest.get(tag) ?? {};
      // At start-up (generation -1) the time written is kept: pages cached after it are current.
      const expired = generation < 0 ? Math.min(expiredAt, now) : now;
      if ((state.expired ?? 0) < expired) tagsManifest.set(tag, { ...state, expired });
    }
    generation = current;
    pages.clear();
    bytes = 0;
  }

  function forget(pathname) {
    const page = pages.get(pathname);
    if (!page) return;
    pages.delete(pathname);
    bytes -= page.body.length + page.gzip.length;
  }

  // Only the address the site itself links to (slugs percent-encoded as encodeURIComponent writes
  // them): its variants would each be a copy of the same page.
  function isCanonicalReaderPath(pathname) {
    for (const pattern of READER_PATHS) {
      const match = pattern.exec(pathname);
      if (!match) continue;
      const slug = match[1];
      if (slug === undefined) return true;
      try {
        return encodeURIComponent(decodeURIComponent(slug)) === slug;
      } catch {
        return false;
      }
    }
    return false;
  }

  function cacheable(req, pathname, search) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (search || !isCanonicalReaderPath(pathname)) return false;
    if (BYPASS_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
    return !/(?:^|;\s*)__prerender_bypass=/.test(req.headers.cookie ?? '');
  }

  // Copies the page from Next, uncompressed, and keeps it if it is a normal cached page and nothing
  // was published while it was being fetched.
  async function fill(pathname) {
    if (filling.has(pathname)) return;
    filling.add(pathname);
    syncWithDatabase();
    const started = generation;
    try {
      const response = await fetch(`http://${self}:${port}${pathname}`, {
        headers: { 'x-front-cache-fill': '1', 'accept-encoding': 'identity' },
        redirect: 'manual',
      });
      const body = Buffer.from(await response.arrayBuffer());
      const type = response.headers.get('content-type') ?? '';
      syncWithDatabase();
      if (started !== generation) return;
      // What is no longer a normal page (gone, moved) stops being served from an old copy.
      if (response.status !== 200 || !CACHED_TYPES.some((cached) => type.startsWith(cached)))
        return forget(pathname);
      const gzip = gzipSync(body);
      forget(pathname);
      bytes += body.length + gzip.length;
      while (bytes > MAX_BYTES && pages.size > 0) forget(pages.keys().next().value);
      pages.set(pathname, {
        expires: Date.now() + TTL_MS,
        headers: {
          // The security headers Next gave this page (next.config.js, proxy.ts): the copy is served
          // with the same ones.
          ...Object.fromEntries(
            SECURITY_HEADERS.flatMap((name) => {
              const value = response.headers.get(name);
              return value ? [[name, value]] : [];
            }),
          ),
          'content-type': type,
          'cache-control': response.headers.get('cache-control') ?? 'public, max-age=0, s-maxage=60',
          'x-nextjs-cache': 'HIT',
          vary: 'Accept-Encoding',
        },
        body,
        gzip,
      });
    } catch {
      // Next will simply answer the next request itself.
      forget(pathname);
    } finally {
      filling.delete(pathname);
    }
  }

  function serve(req, res, page) {
    const gzip = /\bgzip\b(?!\s*;\s*q=0(?:\.0*)?\s*(?:,|$))/.test(req.headers['accept-encoding'] ?? '');
    const body = gzip ? page.gzip : page.body;
    res.writeHead(200, {
      ...page.headers,
      'content-length': body.length,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      'x-front-cache': 'hit',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  // Which worker answered, for the test that checks every worker sees a publish
  // (e2e/workers.spec.ts); never sent unless that test asks for it.
  const workerHeader =
    process.env.NEWSROOM_EXPOSE_WORKER === '1' ? { 'x-newsroom-worker': String(process.pid) } : {};
  // The reader's address for the counters' visitor hash (lib/visitors.ts): the socket's, or behind a
  // reverse proxy that the deployment says it has (NEWSROOM_TRUST_PROXY=1), the address that proxy
  // added last to X-Forwarded-For. Always overwritten, so a client cannot choose its own.
  function clientAddress(req) {
    if (trustProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .at(-1)
        ?.trim();
      if (forwarded) return forwarded;
    }
    return req.socket.remoteAddress ?? '';
  }

  // Readers wait their turn here, not inside Next. With 200 readers at once, each worker's Next
  // held a hundred requests in flight: a journalist's autosave, which awaits several times on its
  // way through Next, queued behind all of them at every await (p95 4.7-10 s, bench/load.ts), and
  // every one of those renders held its memory at the same time. Reader requests run no I/O but
  // SQLite's (synchronous), so a few at a time keep the core as busy as a hundred; with 4 the same
  // load gave autosaves p50 120 ms, p95 290-650 ms. So at most READER_SLOTS (default 4) reader
  // requests are inside this worker's Next at once; the rest wait in order (at most READER_QUEUE,
  // then 503 with Retry-After rather than a queue without end). The newsroom — its pages, server
  // actions, sign-in, uploads — and Next's own files never wait; which is which is decided by the
  // normalised path and the method (lib/request-limits.mjs isNewsroomRequest), never by a header.
  const READER_SLOTS = boundedInteger('NEWSROOM_READER_SLOTS', 4, 1, 4096);
  const READER_QUEUE = boundedInteger('NEWSROOM_READER_QUEUE', 2000, 0, 1_000_000);
  let readersInside = 0;
  const waiting = [];
  function admitReader(res, enter) {
    if (readersInside < READER_SLOTS) return enterAsReader(res, enter);
    if (waiting.length >= READER_QUEUE) {
      res.writeHead(503, {
        'retry-after': '1',
        'cache-control': 'no-store',
        'content-type': 'text/plain; charset=utf-8',
      });
      return res.end('الخادم مشغول. أعد المحاولة بعد لحظة.');
    }
    waiting.push({ res, enter });
  }
  function enterAsReader(res, enter) {
    readersInside++;
    // 'close' comes once the answer is sent or the client went away, whichever is first.
    res.once('close', () => {
      readersInside--;
      while (waiting.length > 0 && readersInside < READER_SLOTS) {
        const next = waiting.shift();
        if (!next.res.destroyed) enterAsReader(next.res, next.enter);
      }
    });
    enter();
  }

  // One process (NEWSROOM_WORKERS=1) supervises the collaboration process itself.
  if (cluster.isPrimary) superviseCollaboration();
  const app = next({ dev: false, hostname, port });
  const handle = app.getRequestHandler();
  await app.prepare();

  http
    .createServer(async (incoming, res) => {
      // Malformed server-action requests get their 4xx here (lib/action-request-guard.mjs), and
      // every other body over its route's limit its 413 (lib/request-limits.mjs), before Next or
      // its proxy reads any of it.
      if (!trustProxy) {
        delete incoming.headers['x-forwarded-host'];
        delete incoming.headers['x-forwarded-proto'];
      }
      const rawPath = (incoming.url ?? '/').split('?')[0];
      const req = isServerActionRequest(incoming)
        ? await guardActionRequest(incoming, res, actionGuard)
        : await guardBodyLimit(incoming, res, bodyLimitOf(incoming.method, rawPath));
      if (!req) return;
      try {
        syncWithDatabase();
      } catch (error) {
        console.error(error);
        res.statusCode = 503;
        return res.end();
      }
      req.headers['x-newsroom-client-address'] = clientAddress(req);
      if (workerHeader['x-newsroom-worker'])
        res.setHeader('x-newsroom-worker', workerHeader['x-newsroom-worker']);
      const url = req.url ?? '/';
      const query = url.indexOf('?');
      const pathname = query < 0 ? url : url.slice(0, query);
      if (hasOverlongSegment(pathname)) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
        return res.end('الصفحة غير موجودة.');
      }
      if (cacheable(req, pathname, query < 0 ? '' : url.slice(query))) {
        const page = pages.get(pathname);
        if (page) {
          // An expired copy is served while it is copied again, once, in the background: a
          // minute's expiry must not send every reader of that moment into Next at once (each
          // a render of up to 24 ms, bench/workers.ts). A publish empties the copy instead.
          if (page.expires <= Date.now()) void fill(pathname);
          pages.delete(pathname); // moved to the end: most recently used
          pages.set(pathname, page);
          return serve(req, res, page);
        }
        res.on('finish', () => {
          if (res.statusCode === 200) void fill(pathname);
        });
      }
      const enter = () =>
        handle(req, res).catch((error) => {
          console.error(error);
          if (res.headersSent) res.destroy();
          else {
            res.statusCode = 500;
            res.end();
          }
        });
      if (isNewsroomRequest(req.method, pathname, req.headers)) enter();
      else admitReader(res, enter);
    })
    // WebSocket upgrades on /collab go to the collaboration process (lib/collab/hook.mjs).
    .once('listening', collabUpgrades({ trustProxy }))
    .listen(port, hostname, () => {
      console.log(`newsroom ready on http://${hostname}:${port} (process ${process.pid})`);
    });
}
