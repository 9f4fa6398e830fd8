import 'server-only';
import { admitSignInAttempt, clearSignInAttempts } from '@/db/queries/sign-in';
import { findUserByEmail, replacePasswordHash } from '@/db/queries/users';
import { issueDeviceCookie, trustedDevice } from '@/lib/device-cookie';
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from '@/lib/password';
import { SIGN_IN_BUSY, SIGN_IN_LOCKED } from '@/lib/sign-in-messages';
import { signInInput } from '@/lib/validation/article';

export type SignedIn = { id: string; name: string; email: string; sessionVersion: number };

// Who is asking: the browser's device cookie (if any) and the client's address.
export type SignInClient = { deviceCookie?: string; address: string };

export type SignInOutcome = { user: SignedIn; deviceCookie: string } | null;

// next-auth's credentials step (lib/auth.ts): the user for an email and password and the device
// cookie to give this browser, or null; throws SIGN_IN_LOCKED or SIGN_IN_BUSY when the attempt is
// refused before its password is checked (db/queries/sign-in.ts).
export async function authorizeSignIn(
  raw: unknown,
  client: SignInClient,
  now = Date.now(),
): Promise<SignInOutcome> {
  const parsed = signInInput.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const device = trustedDevice(client.deviceCookie, email);
  const admission = admitSignInAttempt({ email, device, client: client.address, now });
  if (!admission.ok) throw new Error(admission.reason === 'busy' ? SIGN_IN_BUSY : SIGN_IN_LOCKED);
  const user = findUserByEmail(email);
  // One answer, in the same time, whether the email is unknown, disabled or the password wrong.
  const valid =
    user && !user.disabled
      ? await verifyPassword(user.passwordHash, password)
      : await verifyAgainstNothing(password);
  if (!valid || !user) return null;
  clearSignInAttempts({ email, device, client: client.address });
  if (needsRehash(user.passwordHash)) replacePasswordHash(user.id, await hashPassword(password));
  return {
    user: { id: String(user.id), name: user.name, email: user.email, sessionVersion: user.sessionVersion },
    deviceCookie: issueDeviceCookie(email, device ?? undefined),
  };
}
