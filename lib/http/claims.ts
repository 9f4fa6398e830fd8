import 'server-only';
import type { SessionClaims } from '@/lib/auth/session';

// The claims of the request being answered, for the doors. next-auth is loaded on first use, not
// at the top: the doors' integration tests import the doors without Next's runtime and pass claims
// themselves. Here rather than in lib/auth/session.ts, which lib/auth/index.ts imports: the
// dynamic import from there made the two files a circle.
export async function currentSessionClaims(): Promise<SessionClaims | null> {
  const { sessionClaimsFromCookie } = await import('@/lib/auth');
  return sessionClaimsFromCookie();
}
