// Article addresses keep Arabic words: /news/<id>/<arabic-slug>. The id finds the article.
export function articlePath(article: { id: number; slug: string }): string {
  return `/news/${article.id}/${encodeURIComponent(article.slug)}`;
}

// A positive integer id from a URL segment, or null for anything else ("12abc", "-1", "1e3").
export function parseId(segment: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(segment)) return null;
  const id = Number(segment);
  return Number.isSafeInteger(id) ? id : null;
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// Where to go after signing in: only a path on this site. The value is parsed as a URL against
// the site's own origin, the way a browser will read it, so "//evil.test", "/\evil.test" and
// "/<tab>/evil.test" (which browsers fold into "//evil.test") all resolve elsewhere and are refused.
export function safeNextPath(next: unknown, fallback = '/newsroom'): string {
  if (typeof next !== 'string' || next.length > 2000 || !next.startsWith('/')) return fallback;
  // Backslashes are slashes to a browser, and controls and whitespace inside a URL are dropped.
  if (/[\\\u0000-\u0020\u007f]/.test(next)) return fallback;
  const base = 'http://newsroom.invalid';
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments resolve away: "/..//evil.test", "/newsroom/../..//evil.test", "/./..//evil.test"
  // and "/%2e%2e//evil.test" all resolve to the path "//evil.test", which a Location header sends
  // to another host. Such a result is refused, and what is returned must read the same again.
  if (path.startsWith('//') || path.startsWith('/\\')) return fallback;
  try {
    const again = new URL(path, base);
    if (again.origin !== base || `${again.pathname}${again.search}${again.hash}` !== path) return fallback;
  } catch {
    return fallback;
  }
  return path;
}
