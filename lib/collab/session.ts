import 'server-only';
import { getToken } from 'next-auth/jwt';
import { authSecret } from '@/lib/auth/secret';
import { claimsOf, type SessionClaims } from '@/lib/auth/session';

// The person behind a WebSocket, from the same next-auth session cookie every page and write
// reads (lib/auth.ts): the browser sends it with the upgrade to /collab, which is same-origin.
// The token's claims are then checked against the database like every request's
// (lib/collab/store.ts accessTo: an account disabled or signed out since is refused).

const COOKIE_NAMES = ['__Secure-next-auth.session-token', 'next-auth.session-token'];

function cookieMap(header: string | null): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    try {
      map.set(name, decodeURIComponent(part.slice(at + 1).trim()));
    } catch {
      // A cookie that is not ours, badly encoded: not a reason to refuse the others.
    }
  }
  return map;
}

export type CollabClaims = SessionClaims & { expiresAt: number | null };

export async function claimsFromCookies(header: string | null): Promise<CollabClaims | null> {
  const cookies = cookieMap(header);
  for (const cookieName of COOKIE_NAMES) {
    if (![...cookies.keys()].some((name) => name.startsWith(cookieName))) continue;
    const token = await getToken({
      req: { cookies, headers: {} } as unknown as Parameters<typeof getToken>[0]['req'],
      secret: authSecret(),
      cookieName,
      secureCookie: cookieName.startsWith('__Secure-'),
    }).catch(() => null);
    const claims = token ? claimsOf({ user: { id: token.sub, ver: token.ver } }) : null;
    if (claims) {
      const exp = Number(token?.exp);
      return { ...claims, expiresAt: Number.isFinite(exp) ? exp * 1000 : null };
    }
  }
  return null;
}
