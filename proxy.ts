import { NextResponse, type NextRequest } from 'next/server';
import { routeKindOf, securityHeaders } from '@/lib/security-headers';

// Runs before every request Next answers (Next 16's proxy, on the Node.js runtime): the security
// headers of the route's kind (lib/security-headers.ts), and for the newsroom and sign-in a fresh
// CSP nonce, handed to Next's renderer through the request's own CSP header as Next's CSP guide
// describes, so that Next's scripts carry it.
export function proxy(request: NextRequest) {
  const kind = routeKindOf(request.nextUrl.pathname);
  if (kind !== 'newsroom') {
    const response = NextResponse.next();
    for (const [name, value] of Object.entries(securityHeaders(kind))) response.headers.set(name, value);
    return response;
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const headers = securityHeaders(kind, nonce);
  const forwarded = new Headers(request.headers);
  forwarded.set('x-nonce', nonce);
  forwarded.set('Content-Security-Policy', headers['Content-Security-Policy']!);
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Next's build output is served with the headers of next.config.js instead.
  matcher: ['/((?!_next/static|_next/image).*)'],
};
