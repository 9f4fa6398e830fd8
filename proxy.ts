import { NextResponse, type NextRequest } from 'next/server';
import { routeOfPath } from '@/lib/http/route-kinds.mjs';
import { runtimeSecurityHeaders } from '@/lib/http/security-headers';

// Runs before the requests Next answers (Next 16's proxy, on the Node.js runtime). From the route
// kinds table (lib/http/route-kinds.mjs): the security headers of the route's kind that are
// decided at run time (lib/http/security-headers.ts: the CSP, HSTS), for the newsroom and sign-in with a
// fresh CSP nonce, handed to Next's renderer through the request's own CSP header as Next's CSP
// guide describes, so that Next's scripts carry it; and on reader answers the Surrogate-Key names
// a CDN or Varnish purges them by (a publication's names: db/reader-cache.ts).
export function proxy(request: NextRequest) {
  const route = routeOfPath(request.nextUrl.pathname);
  const kind = route.headers;
  let response: NextResponse;
  let headers: Record<string, string>;
  if (kind !== 'newsroom') {
    response = NextResponse.next();
    headers = runtimeSecurityHeaders(kind);
  } else {
    const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
    headers = runtimeSecurityHeaders(kind, nonce);
    const forwarded = new Headers(request.headers);
    forwarded.set('x-nonce', nonce);
    // Where a signed-out member was going (lib/auth requireUser): set here, never taken from the client.
    forwarded.set('x-newsroom-path', request.nextUrl.pathname + request.nextUrl.search);
    forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  if (route.keys.length > 0) response.headers.set('Surrogate-Key', route.keys.join(' '));
  return response;
}

export const config = {
  // Skipped: Next's build files, uploads and server action posts (the proxy would buffer their
  // bodies in memory; they answer JSON or RSC data, not documents). They get next.config.js's
  // headers only. (A literal: Next reads this matcher from the source at build time.)
  matcher: [
    {
      source: '/((?!_next/static|_next/image|api/uploads).*)',
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
};
