import { NextResponse, type NextRequest } from 'next/server';
import { routeKindOf, runtimeSecurityHeaders } from '@/lib/http/security-headers';

// Runs before the requests Next answers (Next 16's proxy, on the Node.js runtime): the security
// headers of the route's kind that are decided at run time (lib/security-headers.ts: the CSP, HSTS), and for the newsroom and sign-in a fresh
// CSP nonce, handed to Next's renderer through the request's own CSP header as Next's CSP guide
// describes, so that Next's scripts carry it.
export function proxy(request: NextRequest) {
  const kind = routeKindOf(request.nextUrl.pathname);
  if (kind !== 'newsroom') {
    const response = NextResponse.next();
    for (const [name, value] of Object.entries(runtimeSecurityHeaders(kind)))
      response.headers.set(name, value);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = runtimeSecurityHeaders(kind, nonce);
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Skipped: Next's build files, uploads and server action posts (the proxy would buffer their
  // bodies in memory; they answer JSON or RSC data, not documents). They get next.config.js's
  // headers only.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|api/uploads).*)',
      missing: [{ type: 'header', key: 'next-action' }],
    },
  ],
};
