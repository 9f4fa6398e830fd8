// The production server: Next.js, with a small in-memory cache in front of the article pages.
//
// Why: every request that reaches Next pays its router's fixed cost, about 1 ms here — even a file
// from public/ is served at ~1,700 req/s on this machine, against ~14,000 for a plain Node server
// (bench/reader-throughput.ts). Article pages are the same for every reader and are what readers
// arrive on, so their bytes are kept here, gzip included, and served without entering Next. Next's
// cache stays the source of truth: a page is copied from Next's own answer, and publishing or
// unpublishing anything empties this cache (lib/reader-cache.ts calls the hook registered below)
// before the next reader asks. Entries also expire after a minute, like a CDN's copy.
//
// Usage: node server.mjs [-H host] [-p port]   (PORT and HOST are read too; defaults 127.0.0.1:3000)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { guardActionRequest } from './lib/action-request-guard.mjs';
import nextConfig from './next.config.js';

// As `next start` does; set before Next and React load, since they pick their builds by it.
process.env.NODE_ENV = 'production';
const { default: next } = await import('next');

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

// The server-action body limit Next enforces (next.config.js), enforced here before Next reads it.
const parseBytes = createRequire(import.meta.url)('next/dist/compiled/bytes');
const actionGuard = {
  bodyLimit: parseBytes.parse(nextConfig.experimental?.serverActions?.bodySizeLimit ?? '1mb'),
  knownActions: knownActionIds(),
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
const ARTICLE_PATH = /^\/news\/[1-9][0-9]{0,15}\/([^/?#]+)$/;
// Requests Next must answer itself: its own revalidation and preview, and our own fills.
const BYPASS_HEADERS = ['x-prerender-revalidate', 'x-front-cache-fill', 'rsc', 'next-router-state-tree'];

/** @type {Map<string, { expires: number; headers: Record<string, string>; body: Buffer; gzip: Buffer }>} */
const pages = new Map(); // in order of last use: the first entry is the one to evict
let bytes = 0;
const filling = new Set();
let generation = 0;

// lib/reader-cache.ts finds this hook on globalThis (the app's bundle and this file share the
// process, not their modules) and calls it after every publish and unpublish.
globalThis[Symbol.for('newsroom.front-cache.clear')] = () => {
  generation++;
  pages.clear();
  bytes = 0;
};

function forget(pathname) {
  const page = pages.get(pathname);
  if (!page) return;
  pages.delete(pathname);
  bytes -= page.body.length + page.gzip.length;
}

// Only the address the site itself links to (lib/urls.ts articlePath: the slug percent-encoded
// as encodeURIComponent writes it): its variants would each be a copy of the same page.
function isCanonicalArticlePath(pathname) {
  const slug = ARTICLE_PATH.exec(pathname)?.[1];
  if (!slug) return false;
  try {
    return encodeURIComponent(decodeURIComponent(slug)) === slug;
  } catch {
    return false;
  }
}

function cacheable(req, pathname, search) {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (search || !isCanonicalArticlePath(pathname)) return false;
  if (BYPASS_HEADERS.some((name) => req.headers[name] !== undefined)) return false;
  return !/(?:^|;\s*)__prerender_bypass=/.test(req.headers.cookie ?? '');
}

// Copies the page from Next, uncompressed, and keeps it if it is a normal cached page and nothing
// was published while it was being fetched.
async function fill(pathname) {
  if (filling.has(pathname)) return;
  filling.add(pathname);
  const started = generation;
  try {
    const response = await fetch(`http://${self}:${port}${pathname}`, {
      headers: { 'x-front-cache-fill': '1', 'accept-encoding': 'identity' },
      redirect: 'manual',
    });
    const body = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !type.startsWith('text/html') || started !== generation) return;
    const gzip = gzipSync(body);
    forget(pathname);
    bytes += body.length + gzip.length;
    while (bytes > MAX_BYTES && pages.size > 0) forget(pages.keys().next().value);
    pages.set(pathname, {
      expires: Date.now() + TTL_MS,
      headers: {
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

const app = next({ dev: false, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

http
  .createServer(async (incoming, res) => {
    // Malformed server-action requests get their 4xx here (lib/action-request-guard.mjs).
    const req = await guardActionRequest(incoming, res, actionGuard);
    if (!req) return;
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);
    if (cacheable(req, pathname, query < 0 ? '' : url.slice(query))) {
      const page = pages.get(pathname);
      if (page && page.expires > Date.now()) {
        pages.delete(pathname); // moved to the end: most recently used
        pages.set(pathname, page);
        return serve(req, res, page);
      }
      forget(pathname);
      res.on('finish', () => {
        if (res.statusCode === 200) void fill(pathname);
      });
    }
    handle(req, res).catch((error) => {
      console.error(error);
      if (res.headersSent) res.destroy();
      else {
        res.statusCode = 500;
        res.end();
      }
    });
  })
  .listen(port, hostname, () => {
    console.log(`newsroom ready on http://${hostname}:${port}`);
  });
