import 'server-only';
import { admitSignInAttempt, clearSignInAttempts } from '@/db/queries/sign-in';
import { findUserByEmail } from '@/db/queries/users';
import { verifyAgainstNothing, verifyPassword } from '@/lib/password';
import { SIGN_IN_LOCKED } from '@/lib/sign-in-messages';
import { signInInput } from '@/lib/validation/article';

export type SignedIn = { id: string; name: string; email: string };

// next-auth's credentials step (lib/auth.ts): the user for an email and password, or null; throws
// SIGN_IN_LOCKED while the address is locked after too many attempts (db/queries/sign-in.ts).
export async function authorizeSignIn(raw: unknown): Promise<SignedIn | null> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  // Too many attempts for this address (known or not): refused before any password check.
  if (!admitSignInAttempt(email, Date.now())) throw new Error(SIGN_IN_LOCKED);
  const user = findUserByEmail(email);
  // One answer, in the same time, whether the email is unknown, disabled or the password wrong.
  const valid =
    user && !user.disabled
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstNothing(password);
  if (!valid || !user) return null;
  clearSignInAttempts(email);
  return { id: String(user.id), name: user.name, email: user.email };
}
