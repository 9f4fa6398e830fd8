import 'server-only';
import { getUserById } from '@/lib/auth/users';
import type { User } from '@/db/schema';

// What a session token says about its holder (lib/auth/index.ts puts it there at sign-in); checked
// against the database on every request. No next-auth here, so the doors' tests can load it.
export type SessionClaims = { userId: number; sessionVersion: number };

export function claimsOf(session: unknown): SessionClaims | null {
  const user = (session as { user?: { id?: unknown; ver?: unknown } } | null)?.user;
  const userId = Number(user?.id);
  const sessionVersion = Number(user?.ver ?? 0);
  if (!Number.isSafeInteger(userId) || userId <= 0 || !Number.isSafeInteger(sessionVersion)) return null;
  return { userId, sessionVersion };
}

export type SessionState = { user: User } | { refused: 'unauthenticated' | 'account_disabled' };

// The user a session belongs to, read from the database so that a disabled account, a changed
// role or a signed-out session takes effect at once: refused unless the account is active and the
// token's version is the user's current one. A disabled account is said as such (its own message).
export function sessionStateFor(claims: SessionClaims | null): SessionState {
  if (!claims) return { refused: 'unauthenticated' };
  const user = getUserById(claims.userId);
  if (!user) return { refused: 'unauthenticated' };
  if (user.disabled) return { refused: 'account_disabled' };
  if (user.sessionVersion !== claims.sessionVersion) return { refused: 'unauthenticated' };
  return { user };
}

export function userForSession(claims: SessionClaims | null): User | null {
  const state = sessionStateFor(claims);
  return 'user' in state ? state.user : null;
}
