// The one table of route kinds: what every address of the site is, decided by its normalised path
// (and, for a body's limit, its method). Read by server.mjs's request guard and readers' line
// (lib/server/), by its front copy, by proxy.ts (Surrogate-Key) and by the security headers
// (lib/http/security-headers.ts routeKindOf, and next.config.js through nextHeaderSources). Plain
// JavaScript: server.mjs loads it untranspiled (types in route-kinds.d.mts).
//
// A row says:
// - kind: what the address is (a reader page, a newsroom or sign-in page, which API route…);
// - headers: the security policy family (lib/http/security-headers.ts): 'reader-html', 'newsroom',
//   'preview' or 'resource';
// - line: 'reader' (waits its turn behind other readers, lib/server/reader-line.mjs) or
//   'newsroom' (never waits);
// - body: per method, the largest body the route takes, and its own words when refused;
// - copy: the front copy may keep this address's 200 (only the address the site links to: a slug
//   spelled as encodeURIComponent writes it; its variants would each be a copy of one page);
//   signedOutOnly: only for a request without a session cookie (the answer differs for members);
//   query: for an address whose answer depends on its query (search), the query's part of the
//   copy's key: what the answer is written from, read from the parameters (null: never copied);
//   without it, an address with a query is never copied;
// - keys: the Surrogate-Key values of its answer, the names a publication purges
//   (db/reader-cache.ts writes the same names);
// - sources: the address in Next's own pattern language, for next.config.js's static headers.
// The first row that matches wins. An address no row knows is 'unknown': the newsroom's security
// policy (fails closed: a page added outside this table still runs its scripts by nonce and is
// never framed) and the readers' line (it cannot crowd out the newsroom).

import { searchQueryOf } from '../shared/search-query.mjs';

const KB = 1024;
export const DEFAULT_BODY_LIMIT = 16 * KB;
const TOO_LARGE = 'الطلب أكبر من الحد المسموح به.';
const ID = '([1-9][0-9]{0,15})';
const PAGE = '(?:/page/[1-9][0-9]{0,5})?';

/** Whether a percent-encoded segment is spelled exactly as encodeURIComponent spells its text. @param {string | undefined} segment */
function canonical(segment) {
  if (segment === undefined) return true;
  try {
    return encodeURIComponent(decodeURIComponent(segment)) === segment;
  } catch {
    return false;
  }
}

/** The front copy's key for a search: q and page as the page reads them. @param {URLSearchParams} params */
function searchCopyKey(params) {
  for (const name of params.keys())
    if ((name !== 'q' && name !== 'page') || params.getAll(name).length > 1) return null;
  const { query, page } = searchQueryOf(params);
  return `q=${encodeURIComponent(query)}&page=${page}`;
}

/** @typedef {'reader-html' | 'newsroom' | 'preview' | 'resource'} HeaderKind */
/** @typedef {{ bytes: number; message?: string }} BodyLimit */
/**
 * @typedef {{
 *   kind: string;
 *   path: RegExp;
 *   headers: HeaderKind;
 *   line: 'reader' | 'newsroom';
 *   body?: Readonly<Record<string, BodyLimit>>;
 *   copy?: (match: RegExpExecArray) => boolean;
 *   signedOutOnly?: boolean;
 *   query?: (params: URLSearchParams) => string | null;
 *   keys?: (match: RegExpExecArray) => string[];
 *   sources?: readonly string[];
 * }} RouteRow
 */

/** @type {readonly RouteRow[]} */
export const ROUTES = [
  // The newsroom's preview document, framed by its own preview page.
  {
    kind: 'newsroom-preview',
    path: /^\/newsroom\/articles\/\d+\/preview\/document$/,
    headers: 'preview',
    line: 'newsroom',
    sources: ['/newsroom/articles/:id/preview/document'],
  },
  { kind: 'newsroom-page', path: /^\/newsroom(?:\/|$)/, headers: 'newsroom', line: 'newsroom' },
  {
    kind: 'auth-page',
    path: /^\/(?:signin|signin\/link|change-password)$/,
    headers: 'newsroom',
    line: 'newsroom',
  },
  // app/api/health/route.ts: the probes of a load balancer or Varnish never wait behind readers.
  { kind: 'api-health', path: /^\/api\/health$/, headers: 'resource', line: 'newsroom' },
  // app/api/auth/[...nextauth]/route.ts.
  {
    kind: 'api-auth',
    path: /^\/api\/auth\//,
    headers: 'resource',
    line: 'newsroom',
    body: { POST: { bytes: 4 * KB } },
  },
  // app/api/uploads/route.ts: MAX_UPLOAD_BYTES (lib/media-urls.ts) + MULTIPART_ALLOWANCE; the
  // message is lib/media-urls.ts's too_large, so the person sees the same words whichever refused.
  {
    kind: 'api-uploads',
    path: /^\/api\/uploads$/,
    headers: 'resource',
    line: 'newsroom',
    body: { POST: { bytes: 10 * 1024 * KB + 64 * KB, message: 'حجم الصورة أكبر من 10 ميغابايت.' } },
  },
  // app/api/media/[id]/route.ts: the door's JSON default (lib/route.ts JSON_MAX_BYTES).
  {
    kind: 'api-media',
    path: /^\/api\/media(?:\/|$)/,
    headers: 'resource',
    line: 'newsroom',
    body: { PATCH: { bytes: 64 * KB } },
  },
  // The same answer for every signed-out reader of an article (counts, approved comments): copied
  // like a page, for as long as its own Cache-Control lets a shared cache keep it.
  {
    kind: 'api-engagement',
    path: new RegExp(`^/api/articles/${ID}/engagement$`),
    headers: 'resource',
    line: 'reader',
    copy: () => true,
    signedOutOnly: true,
    keys: (m) => [`article-${m[1]}`, 'engagement'],
  },
  // app/api/articles/[id]/comments/route.ts MAX_BODY_BYTES.
  {
    kind: 'api-comments',
    path: /^\/api\/articles\/[^/]+\/comments$/,
    headers: 'resource',
    line: 'reader',
    body: { POST: { bytes: 32 * KB } },
  },
  // Beacons carry nothing.
  {
    kind: 'api-beacon',
    path: /^\/api\/(?:views|shares)\/[^/]+$/,
    headers: 'resource',
    line: 'reader',
    body: { POST: { bytes: 0 } },
  },
  // The public API (docs/api.md). Images as the newsroom's uploads; JSON writes up to the API
  // door's limit (lib/http/api-route.ts JSON_MAX_BYTES); reads wait in the readers' line.
  {
    kind: 'api-v1-images',
    path: /^\/api\/v1\/images$/,
    headers: 'resource',
    line: 'newsroom',
    body: { POST: { bytes: 10 * 1024 * KB + 64 * KB, message: 'حجم الصورة أكبر من 10 ميغابايت.' } },
  },
  {
    kind: 'api-v1',
    path: /^\/api\/v1\//,
    headers: 'resource',
    line: 'reader',
    body: { POST: { bytes: 256 * KB }, PATCH: { bytes: 256 * KB } },
  },
  { kind: 'api', path: /^\/api\//, headers: 'resource', line: 'reader', sources: ['/api/:path*'] },
  // Next's build files: the newsroom's scripts and styles must not queue behind readers (reader
  // pages load none of them).
  {
    kind: 'next-files',
    path: /^\/_next\//,
    headers: 'resource',
    line: 'newsroom',
    sources: ['/_next/:path*'],
  },
  {
    kind: 'public-file',
    path: /^\/(?:media|fonts)\/|^\/(?:icon\.svg|favicon\.ico)$/,
    headers: 'resource',
    line: 'reader',
    sources: ['/media/:path*', '/fonts/:path*', '/icon.svg', '/favicon.ico'],
  },
  // The reader's pages (lib/reader/templates.ts writes every one; lib/shared/urls.ts and lib/reader/templates.ts
  // link to them).
  {
    kind: 'reader-article',
    path: new RegExp(`^/news/${ID}/([^/]+)$`),
    headers: 'reader-html',
    line: 'reader',
    copy: (m) => canonical(m[2]),
    keys: (m) => [`article-${m[1]}`],
  },
  // An article's short address (/news/<id>) redirects to its canonical one, or is its 404: purged
  // with the article, so a cache in front never keeps either past a change.
  {
    kind: 'reader-page',
    path: new RegExp(`^/news/${ID}$`),
    headers: 'reader-html',
    line: 'reader',
    keys: (m) => [`article-${m[1]}`],
  },
  {
    kind: 'reader-home',
    path: new RegExp(`^/$|^/page/[1-9][0-9]{0,5}$`),
    headers: 'reader-html',
    line: 'reader',
    copy: () => true,
    keys: () => ['home'],
    sources: ['/'],
  },
  {
    kind: 'reader-feed',
    path: /^\/(section|tag)\/([^/]+)\/(?:feed|atom)\.xml$/,
    headers: 'resource',
    line: 'reader',
    copy: (m) => canonical(m[2]),
    keys: (m) => ['feeds', `${m[1]}-${m[2]}`],
  },
  {
    kind: 'reader-list',
    path: new RegExp(`^/(section|tag)/([^/]+)${PAGE}$`),
    headers: 'reader-html',
    line: 'reader',
    copy: (m) => canonical(m[2]),
    keys: (m) => [`${m[1]}-${m[2]}`],
  },
  {
    kind: 'reader-list',
    path: new RegExp(`^/author/${ID}${PAGE}$`),
    headers: 'reader-html',
    line: 'reader',
    copy: () => true,
    keys: (m) => [`author-${m[1]}`],
  },
  // Search results list any article: purged with every publication. Copied per query (its q and
  // page as the page reads them, however the address spells them: the page is written from those
  // values only), so a query many readers ask is rendered once per publication or minute, not per
  // reader. Another parameter, or one given twice, is never copied.
  {
    kind: 'reader-search',
    path: /^\/search$/,
    headers: 'reader-html',
    line: 'reader',
    copy: () => true,
    query: searchCopyKey,
    keys: () => ['search'],
    sources: ['/search'],
  },
  {
    kind: 'reader-feed',
    path: /^\/(?:feed\.xml|atom\.xml|sitemap\.xml|news-sitemap\.xml)$/,
    headers: 'resource',
    line: 'reader',
    copy: () => true,
    keys: () => ['feeds'],
    sources: ['/feed.xml', '/atom.xml', '/sitemap.xml', '/news-sitemap.xml'],
  },
  {
    kind: 'reader-file',
    path: /^\/robots\.txt$/,
    headers: 'resource',
    line: 'reader',
    copy: () => true,
    sources: ['/robots.txt'],
  },
  // Any other address under the reader's roots is a reader page too (a redirect, its 404).
  {
    kind: 'reader-page',
    path: /^\/(?:page|news|section|tag|author)(?:\/.*)?$/,
    headers: 'reader-html',
    line: 'reader',
    sources: ['/page/:path*', '/news/:path*', '/section/:path*', '/tag/:path*', '/author/:path*'],
  },
];

/** @type {RouteRow} */
const UNKNOWN = { kind: 'unknown', path: /(?:)/, headers: 'newsroom', line: 'reader' };

/**
 * The request's path as Next will route it: dot segments resolved (also written %2e), so that
 * "/_next/../search" is "/search". The raw path when it cannot be parsed (Next answers it 404).
 * @param {string} rawPathname the path of the request line, without its query
 */
export function normalizedPath(rawPathname) {
  try {
    return new URL(rawPathname, 'http://newsroom.invalid').pathname;
  } catch {
    return rawPathname;
  }
}

/**
 * What an address is, by its path already normalised (Next's nextUrl.pathname, or normalizedPath).
 * @param {string} pathname
 */
export function routeOfPath(pathname) {
  for (const row of ROUTES) {
    const match = row.path.exec(pathname);
    if (!match) continue;
    return {
      kind: row.kind,
      headers: row.headers,
      line: row.line,
      copy: row.copy ? row.copy(match) : false,
      signedOutOnly: row.signedOutOnly ?? false,
      query: row.query,
      keys: row.keys ? row.keys(match) : [],
      body: row.body,
    };
  }
  return {
    kind: UNKNOWN.kind,
    headers: UNKNOWN.headers,
    line: UNKNOWN.line,
    copy: false,
    signedOutOnly: false,
    query: undefined,
    keys: [],
    body: undefined,
  };
}

/**
 * Everything server.mjs decides about one request before Next sees it, from its method and the raw
 * path of its request line (normalised here; never from a header a client chooses, except that a
 * server action is a POST with `Next-Action`, and Next runs no action for another method).
 * @param {string | undefined} method
 * @param {string} rawPathname
 * @param {import('node:http').IncomingHttpHeaders} [headers]
 */
export function routeOf(method, rawPathname, headers = {}) {
  const pathname = normalizedPath(rawPathname);
  const route = routeOfPath(pathname);
  const limit = method ? route.body?.[method] : undefined;
  const action = method === 'POST' && typeof headers['next-action'] === 'string';
  return {
    ...route,
    pathname,
    line: action ? /** @type {const} */ ('newsroom') : route.line,
    bodyLimit: limit?.bytes ?? DEFAULT_BODY_LIMIT,
    tooLarge: limit?.message ?? TOO_LARGE,
  };
}

/** Whether a request goes in the newsroom's line (never waits) rather than the readers' one. @param {string | undefined} method @param {string} rawPathname @param {import('node:http').IncomingHttpHeaders} headers */
export function isNewsroomRequest(method, rawPathname, headers) {
  return routeOf(method, rawPathname, headers).line === 'newsroom';
}

/** @param {string | undefined} method @param {string} rawPathname */
export function bodyLimitOf(method, rawPathname) {
  return routeOf(method, rawPathname).bodyLimit;
}

/** What a body over the route's limit is told. @param {string | undefined} method @param {string} rawPathname */
export function tooLargeMessageOf(method, rawPathname) {
  return routeOf(method, rawPathname).tooLarge;
}

/**
 * next.config.js's static headers, as Next `source` patterns by header kind: every address not
 * listed gets the newsroom's (unknown fails closed).
 * @returns {Record<HeaderKind, string[]>}
 */
export function nextHeaderSources() {
  /** @type {Record<HeaderKind, string[]>} */
  const sources = { 'reader-html': [], newsroom: [], preview: [], resource: [] };
  for (const row of ROUTES) for (const source of row.sources ?? []) sources[row.headers].push(source);
  return sources;
}
