import { createHash } from 'node:crypto';
import { routeOfPath, type HeaderKind } from '@/lib/http/route-kinds.mjs';
import { READER_INLINE_SCRIPTS } from '@/lib/reader/scripts';
import { siteIsHttps } from '@/lib/shared/settings';

// The security headers of every response, by the kind of route (next.config.js and proxy.ts set
// them; server.mjs's front copy keeps them with the pages it copies). Decided at run time, never
// at build time: HSTS and Secure cookies follow the site URL the server is started with.
//
// - Reader pages — every one is plain HTML written by lib/reader/templates.ts readerDocument, the 404
//   included — run only the script constants of lib/reader/scripts.ts, allowed by their sha256
//   hashes: the page is the same bytes for every reader, so it stays cacheable, and any other
//   inline script (injected text) is refused. They may be framed by this site only.
// - The newsroom and sign-in are rendered per request anyway: a fresh nonce per response, as in
//   Next's CSP guide, and they may not be framed by anyone (clickjacking publish buttons).
// - The preview document (the working copy as the reader's page, in a frame of the newsroom's
//   preview page) runs no script at all and may be framed by this site only.
// - Everything else (JSON, feeds, images) may run nothing at all.
// - An address that is none of these (a new newsroom page, a made-up address, whose reader 404 has
//   no script) gets the newsroom's policy: unknown fails closed.

export type RouteKind = HeaderKind;

// Which of these an address is: the route kinds table's `headers` (lib/http/route-kinds.mjs, which
// server.mjs and proxy.ts read too). It fails closed: a path that is not one of the reader's pages
// nor a resource gets the newsroom's policy (a nonce per response, no framing). A page added
// outside the table (/change-password was one: it fell to the reader's hash-only policy, so a
// direct load ran none of its scripts and its form submitted by GET) still works, and is never
// framed.
export function routeKindOf(pathname: string): RouteKind {
  return routeOfPath(pathname).headers;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Computed once, when the server starts, from the script constants themselves.
const READER_SCRIPT_HASHES = READER_INLINE_SCRIPTS.map(sha256).join(' ');

// Styles: React writes style attributes and Next inlines the CSS, so inline styles are allowed;
// a style cannot run code.
const COMMON = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
];

export function contentSecurityPolicy(kind: RouteKind, nonce?: string): string {
  const https = siteIsHttps() ? ['upgrade-insecure-requests'] : [];
  switch (kind) {
    case 'reader-html':
      return [...COMMON, `script-src ${READER_SCRIPT_HASHES}`, "frame-ancestors 'self'", ...https].join('; ');
    case 'newsroom':
      return [
        ...COMMON,
        `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
        "frame-ancestors 'none'",
        ...https,
      ].join('; ');
    case 'preview':
      return [...COMMON, "script-src 'none'", "frame-ancestors 'self'", ...https].join('; ');
    case 'resource':
      return "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'";
  }
}

// Headers that depend on nothing configurable, so next.config.js sends them on every response
// (including the ones the proxy skips: server action posts and uploads, whose bodies the proxy
// would otherwise buffer in memory); tests/unit/security-headers.test.ts checks it does.
export function staticSecurityHeaders(kind: RouteKind): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    // The newsroom's addresses (article ids, drafts) are nobody else's business.
    'Referrer-Policy':
      kind === 'newsroom' || kind === 'preview' ? 'same-origin' : 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
    ...(kind === 'newsroom' ? { 'X-Frame-Options': 'DENY' } : {}),
    // Everything else may be framed by this site only (the CSP's frame-ancestors says the same,
    // or 'none' for resources, to browsers that read it).
    ...(kind !== 'newsroom' ? { 'X-Frame-Options': 'SAMEORIGIN' } : {}),
  };
}

// Headers decided when the server runs (the site URL, the hashes, a nonce): set by proxy.ts.
export function runtimeSecurityHeaders(kind: RouteKind, nonce?: string): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(kind, nonce),
    ...(siteIsHttps() ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

export function securityHeaders(kind: RouteKind, nonce?: string): Record<string, string> {
  return { ...staticSecurityHeaders(kind), ...runtimeSecurityHeaders(kind, nonce) };
}
