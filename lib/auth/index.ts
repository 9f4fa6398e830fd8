import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { db } from '@/db';
import { endSessionsOf } from '@/lib/auth/sessions';
import { whenWritable } from '@/db/write-lock';
import type { User } from '@/db/schema';
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_S } from '@/lib/auth/device-cookie';
import { authSecret } from '@/lib/auth/secret';
import { authorizeLinkSignIn, authorizeSignIn, type SignInOutcome } from '@/lib/auth/sign-in';
import {
  claimsOf,
  sessionStateFor,
  userForSession,
  type SessionClaims,
  type SessionState,
} from '@/lib/auth/session';
import { siteIsHttps } from '@/lib/shared/settings';
import { clientAddressOf } from '@/lib/shared/client-address';

export const SESSION_MAX_AGE_S = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  // Behind https every cookie is Secure (and next-auth's get the __Secure- prefix).
  useSecureCookies: siteIsHttps(),
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      name: 'email',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      // Counting the attempt is a write: it waits for another process's lock without blocking.
      authorize: async (raw) => {
        const jar = await cookies();
        const address = clientAddressOf(await headers()) || 'unknown';
        const outcome = await whenWritable(() =>
          authorizeSignIn(raw, {
            deviceCookie: jar.get(DEVICE_COOKIE)?.value,
            address,
          }),
        );
        return signedIn(jar, outcome);
      },
    }),
    // A one-time link an admin issued from الفريق (lib/auth/sign-in-links.ts).
    Credentials({
      id: 'link',
      name: 'link',
      credentials: { token: { type: 'text' } },
      authorize: async (raw) => {
        const jar = await cookies();
        const address = clientAddressOf(await headers()) || 'unknown';
        const outcome = await whenWritable(() =>
          authorizeLinkSignIn(raw, { deviceCookie: jar.get(DEVICE_COOKIE)?.value, address }),
        );
        return signedIn(jar, outcome);
      },
    }),
  ],
  callbacks: {
    // On sign-in, the token keeps the user's session version: a later bump ends this session.
    jwt({ token, user }) {
      if (user) token.ver = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      return token;
    },
    // next-auth puts the user id in token.sub; hand it and the version to getCurrentUser.
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, ver: token.ver } };
    },
  },
  events: {
    // Signing out ends every session of this person, not only this browser's cookie: a copied
    // token is worth nothing afterwards.
    async signOut({ token }) {
      const id = claimsOf({ user: { id: token?.sub, ver: token?.ver } })?.userId;
      if (id) await whenWritable(() => endSessionsOf(db, id));
    },
  },
};

// The user next-auth signs in, and this browser's device cookie (it is trusted from now on).
function signedIn(jar: Awaited<ReturnType<typeof cookies>>, outcome: SignInOutcome) {
  if (!outcome) return null;
  jar.set(DEVICE_COOKIE, outcome.deviceCookie, {
    httpOnly: true,
    sameSite: 'strict',
    secure: siteIsHttps(),
    path: '/api/auth/',
    maxAge: DEVICE_COOKIE_MAX_AGE_S,
  });
  return outcome.user;
}

export async function sessionClaimsFromCookie(): Promise<SessionClaims | null> {
  return claimsOf(await getServerSession(authOptions));
}

// The only place that reads the session.
export async function getCurrentUser(): Promise<User | null> {
  return userForSession(await sessionClaimsFromCookie());
}

// The same, saying why there is no user: an open session of a disabled account is refused with
// its own message, so an open editor's autosave can say why it was not saved.
export async function getSessionState(): Promise<SessionState> {
  return sessionStateFor(await sessionClaimsFromCookie());
}

// The header proxy.ts sets on every newsroom page request: the path and query asked for, so that
// a signed-out deep link (/newsroom/articles/12) returns there after sign-in (safeNextPath keeps
// it on this site whatever the header says).
export const REQUEST_PATH_HEADER = 'x-newsroom-path';

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) {
    const asked = (await headers()).get(REQUEST_PATH_HEADER);
    redirect(asked && asked !== '/newsroom' ? `/signin?next=${encodeURIComponent(asked)}` : '/signin');
  }
  return user;
}
