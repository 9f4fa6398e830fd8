import 'server-only';
import { getServerSession, type NextAuthOptions } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { redirect } from 'next/navigation';
import { findUserByEmail, getActiveUserById } from '@/db/queries/users';
import type { User } from '@/db/schema';
import { verifyAgainstNothing, verifyPassword } from '@/lib/password';
import { authSecret } from '@/lib/secret';
import { signInInput } from '@/lib/validation/article';

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 12 * 60 * 60 },
  pages: { signIn: '/signin' },
  providers: [
    Credentials({
      name: 'email',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw) {
        const parsed = signInInput.safeParse(raw);
        if (!parsed.success) return null;
        const user = findUserByEmail(parsed.data.email);
        // One answer, in the same time, whether the email is unknown, disabled or the password wrong.
        if (!user || user.disabled) return verifyAgainstNothing(parsed.data.password).then(() => null);
        if (!(await verifyPassword(user.passwordHash, parsed.data.password))) return null;
        return { id: String(user.id), name: user.name, email: user.email };
      },
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
  const session = await getServerSession(authOptions);
  const sub = (session as { user?: { id?: string } } | null)?.user?.id;
  const id = Number(sub);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return getActiveUserById(id) ?? null;
}

export async function requireUser(): Promise<User> {
  const user = await getCurrentUser();
  if (!user) redirect('/signin');
  return user;
}
