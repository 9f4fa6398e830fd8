import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { redirect } from 'next/navigation';
import { getUserById } from '@/db/queries/users';
import { whenWritable } from '@/db/write-lock';
import type { User } from '@/db/schema';
import { authSecret } from '@/lib/secret';
import { authorizeSignIn } from '@/lib/sign-in';

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      name: 'email',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      // Counting the attempt is a write: it waits for another process's lock without blocking.
      authorize: (raw) => whenWritable(() => authorizeSignIn(raw)),
    }),
  ],
  callbacks: {
    // next-auth puts the user id in token.sub; hand it to getCurrentUser through the session.
    session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub } };
    },
  },
};

// The only place that reads the session. The token carries just the user id; the role and the
// disabled flag are read from the database on every request so changes take effect at once.
export async function getCurrentUser(): Promise<User | null> {
  const state = await getSessionState();
  return 'user' in state ? state.user : null;
}

// The same, saying why there is no user: an open session of a disabled account is refused with
// its own message, so an open editor's autosave can say why it was not saved.
export async function getSessionState(): Promise<
  { user: User } | { refused: 'unauthenticated' | 'account_disabled' }
> {
  const session = await getServerSession(authOptions);
  const sub = (session as { user?: { id?: string } } | null)?.user?.id;
  const id = Number(sub);
  if (!Number.isSafeInteger(id) || id <= 0) return { refused: 'unauthenticated' };
  const user = getUserById(id);
  if (!user) return { refused: 'unauthenticated' };
  if (user.disabled) return { refused: 'account_disabled' };
  return { user };
}

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  return user;
}
