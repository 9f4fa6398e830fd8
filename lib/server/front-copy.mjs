// The front copy: reader pages kept in this worker's memory and served without entering Next.
// docs/decisions/front-copy.md says why, what is copied, and when it is forgotten; in short:
//
// - only a 200 of an address the route kinds table marks `copy` (lib/http/route-kinds.mjs: the
//   addresses the site links to), asked by GET without a query, is kept; an address whose row
//   says what of its query the answer depends on (search: q and page) is kept once per value of
//   that, in a smaller budget of its own (made-up queries cannot push the pages out);
// - it is copied from the answer Next gives the reader who asked (the response is teed as it is
//   written; there is no second render), gzipped once here;
// - every copy is forgotten when the reader cache generation moves (a publication anywhere, seen
//   through lib/server/cache-sync.mjs), and a copy made from an answer during which it moved is
//   never kept; copies also expire after `ttlMs`, like a CDN's: the first reader after that is
//   answered by Next (without waiting in the readers' line: it refreshes a copy others are still
//   served from meanwhile);
// - NEWSROOM_FRONT_COPY=0 turns it off, for an operator whose CDN or Varnish keeps the pages by
//   their Cache-Control and Surrogate-Key instead.
import { brotliDecompressSync, gunzipSync, gzipSync, inflateSync } from 'node:zlib';

const CACHED_TYPES = [
  'text/html',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/plain',
  'application/json',
];
// next-auth's session cookies: a request carrying one is a member's, never answered from a copy of
// an answer that differs for members (the route kinds table's signedOutOnly).
const SESSION_COOKIE = /(?:^|;\s*)(?:__Secure-)?next-auth\.session-token=/;
// Requests Next must answer itself: its own revalidation and client router, and a look past the
// copy (x-front-copy-bypass: the tests compare the copy with Next's answer).
const BYPASS_HEADERS = ['x-prerender-revalidate', 'x-front-copy-bypass', 'rsc', 'next-router-state-tree'];
// Headers of Next's answer that belong to that one response, not to the page.
const NOT_KEPT = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-length',
  'content-encoding',
  'date',
  'x-newsroom-worker',
]);
const DECODE = {
  gzip: gunzipSync,
  'x-gzip': gunzipSync,
  deflate: inflateSync,
  br: brotliDecompressSync,
};

/** @typedef {{ expires: number; headers: Record<string, string | number | string[]>; body: Buffer; gzip: Buffer }} Page */

/** @typedef {{ pages: Map<string, Page>; bytes: number; maxBytes: number }} Store */

/**
 * @param {{ ttlMs: number; maxBytes: number; maxQueryBytes?: number; generation: () => number }} options
 *   `maxQueryBytes` (default an eighth of `maxBytes`) bounds the answers kept per query (search),
 *   apart from the pages; `generation` reads the reader cache generation (lib/server/cache-sync.mjs)
 */
export function frontCopy({ ttlMs, maxBytes, maxQueryBytes = maxBytes / 8, generation }) {
  // Each in order of last use: the first entry is the one to evict.
  /** @type {Store} */
  const paths = { pages: new Map(), bytes: 0, maxBytes };
  /** @type {Store} */
  const queries = { pages: new Map(), bytes: 0, maxBytes: maxQueryBytes };
  /** @type {Set<string>} expired pages one reader is refreshing now */
  const refreshing = new Set();
  let seen = -1;

  /** @param {string} key */
  const storeOf = (key) => (key.includes('?') ? queries : paths);

  /** Empties the copy when the generation moved; returns the generation now. */
  function sync() {
    const current = generation();
    if (current !== seen) {
      for (const store of [paths, queries]) {
        store.pages.clear();
        store.bytes = 0;
      }
      refreshing.clear();
      seen = current;
    }
    return current;
  }

  /** @param {string} key */
  function forget(key) {
    const store = storeOf(key);
    const page = store.pages.get(key);
    if (!page) return;
    store.pages.delete(key);
    store.bytes -= page.body.length + page.gzip.length;
  }

  /**
   * The key this request is answered from (and fills) the copy under, or null when it may not be:
   * its path, and for an address whose answer depends on its query, what the route's `query` reads
   * from it (lib/http/route-kinds.mjs), so every spelling of one query (a form's "+" or a link's
   * "%20", parameters in either order) shares one copy.
   * @param {import('node:http').IncomingMessage} req
   * @param {{ copy: boolean; signedOutOnly: boolean; query?: ((params: URLSearchParams) => string | null) | undefined }} route
   * @param {string} pathname @param {string} search the query, with its "?", or ""
   * @returns {string | null}
   */
  function keyOf(req, route, pathname, search) {
    if (req.method !== 'GET' && req.method !== 'HEAD') return null;
    if (!route.copy) return null;
    if (BYPASS_HEADERS.some((name) => req.headers[name] !== undefined)) return null;
    const cookie = req.headers.cookie ?? '';
    if (route.signedOutOnly && SESSION_COOKIE.test(cookie)) return null;
    if (/(?:^|;\s*)__prerender_bypass=/.test(cookie)) return null;
    if (!route.query) return search ? null : pathname;
    const query = route.query(new URLSearchParams(search));
    return query === null ? null : `${pathname}?${query}`;
  }

  /**
   * Answers from the copy ('served'), or says the request goes to Next: 'refresh' when it renews an
   * expired copy (it then need not wait in the readers' line), 'miss' otherwise.
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {string} key from keyOf
   * @returns {'served' | 'refresh' | 'miss'}
   */
  function answer(req, res, key) {
    const { pages } = storeOf(key);
    const page = pages.get(key);
    if (!page) return 'miss';
    if (page.expires <= Date.now() && req.method === 'GET' && !refreshing.has(key)) {
      refreshing.add(key);
      return 'refresh';
    }
    pages.delete(key); // moved to the end: most recently used
    pages.set(key, page);
    serve(req, res, page);
    return 'served';
  }

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res @param {Page} page */
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

  /**
   * Keeps a copy of the answer Next writes for this GET, as it is written: kept once it is
   * complete, if it is a 200 of a page type, sets no cookie, and the generation did not move while
   * it was made (its data may be older than the publication: the copy would outlive it).
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {string} key from keyOf @param {number} started the generation synced before Next was asked
   */
  function tee(req, res, key, started) {
    if (req.method !== 'GET') return;
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let overflow = false;
    /** @param {unknown} chunk @param {unknown} encoding */
    const collect = (chunk, encoding) => {
      if (overflow || chunk === undefined || chunk === null || typeof chunk === 'function') return;
      // Only a 200 is ever kept: a 404 or a redirect is not copied at all (a crawler's thousand
      // made-up addresses would otherwise each leave a body's worth of garbage behind).
      if (res.statusCode !== 200) return void (overflow = true);
      const buffer =
        typeof chunk === 'string'
          ? Buffer.from(
              chunk,
              typeof encoding === 'string' ? /** @type {BufferEncoding} */ (encoding) : 'utf8',
            )
          : Buffer.from(/** @type {Uint8Array} */ (chunk));
      size += buffer.length;
      if (size > maxBytes / 4) overflow = true;
      else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = /** @type {typeof res.write} */ (
      function (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) {
        collect(chunk, encoding);
        return write.call(res, chunk, encoding, callback);
      }
    );
    res.end = /** @type {typeof res.end} */ (
      function (/** @type {any} */ chunk, /** @type {any} */ encoding, /** @type {any} */ callback) {
        collect(chunk, encoding);
        return end.call(res, chunk, encoding, callback);
      }
    );
    // 'close' comes after 'finish', or alone when the reader went away before the end.
    res.once('close', () => {
      refreshing.delete(key);
      if (!res.writableFinished) return;
      try {
        keep(res, key, started, overflow ? null : Buffer.concat(chunks));
      } catch {
        // A body that does not decode is simply not kept; Next answers the next reader.
        forget(key);
      }
    });
  }

  /** @param {import('node:http').ServerResponse} res @param {string} key @param {number} started @param {Buffer | null} raw */
  function keep(res, key, started, raw) {
    if (sync() !== started) return;
    const type = String(res.getHeader('content-type') ?? '');
    const encoding = String(res.getHeader('content-encoding') ?? 'identity').toLowerCase();
    const decode =
      encoding === 'identity'
        ? (/** @type {Buffer} */ b) => b
        : DECODE[/** @type {keyof DECODE} */ (encoding)];
    // What is no longer a normal page (gone, moved) stops being served from an old copy.
    if (
      raw === null ||
      !decode ||
      res.statusCode !== 200 ||
      res.getHeader('set-cookie') !== undefined ||
      !CACHED_TYPES.some((cached) => type.startsWith(cached))
    )
      return forget(key);
    // Kept no longer than the answer lets a shared cache keep it (s-maxage), a minute at most, and
    // never when it says it is one person's (private, no-store).
    const control = String(res.getHeader('cache-control') ?? '');
    const shared = /(?:^|,)\s*s-maxage=(\d+)/.exec(control);
    const lifetime = shared ? Math.min(ttlMs, Number(shared[1]) * 1000) : ttlMs;
    if (lifetime <= 0 || /\b(?:private|no-store)\b/.test(control)) return forget(key);
    const body = decode(raw);
    const gzip = encoding === 'gzip' ? raw : gzipSync(body);
    /** @type {Record<string, string | number | string[]>} */
    const headers = {};
    for (const [name, value] of Object.entries(res.getHeaders()))
      if (value !== undefined && !NOT_KEPT.has(name)) headers[name] = value;
    // The copy varies by encoding whatever Next said; what Next varies by (Cookie) is kept.
    const vary = String(headers.vary ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name && name.toLowerCase() !== 'accept-encoding');
    headers.vary = [...vary, 'Accept-Encoding'].join(', ');
    forget(key);
    const store = storeOf(key);
    store.bytes += body.length + gzip.length;
    while (store.bytes > store.maxBytes && store.pages.size > 0)
      forget(/** @type {string} */ (store.pages.keys().next().value));
    store.pages.set(key, { expires: Date.now() + lifetime, headers, body, gzip });
  }

  return { sync, keyOf, answer, tee };
}
