// Only these schemes may appear in a link, in the editor and again on the server.
export const ALLOWED_LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

// Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so the
// check runs on the string with those removed, the way the browser will read it.
export function isSafeHref(href: string): boolean {
  // Browsers also read a backslash as a slash, so "/\evil.example" is "//evil.example".
  const cleaned = href
    .replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '')
    .replace(/\\/g, '/');
  if (cleaned === '') return false;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  if (!scheme) {
    // Relative addresses carry no scheme; "//host" is protocol-relative and leaves the site.
    return !cleaned.startsWith('//');
  }
  const name = scheme[1]!.toLowerCase();
  return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(name);
}
