import 'server-only';
import { admitSignInAttempt, clearSignInAttempts } from '@/lib/auth/sign-in-attempts';
import { consumeSignInLink } from '@/lib/auth/sign-in-links';
import { findUserByEmail, replacePasswordHash } from '@/lib/auth/users';
import { issueDeviceCookie, trustedDevice } from '@/lib/auth/device-cookie';
import { hashPassword, needsRehash, verifyAgainstNothing, verifyPassword } from '@/lib/auth/password';
import { SIGN_IN_BUSY, SIGN_IN_LOCKED } from '@/lib/shared/sign-in-messages';
import { signInInput } from '@/lib/shared/validation/article';

export type SignedIn = { id: string; name: string; email: string; sessionVersion: number };

// Who is asking: the browser's device cookie (if any) and the client's address.
export type SignInClient = { deviceCookie?: string; address: string };

export type SignInOutcome = { user: SignedIn; deviceCookie: string } | null;

// next-auth's credentials step (lib/auth/index.ts): the user for an email and password and the device
// cookie to give this browser, or null; throws SIGN_IN_LOCKED or SIGN_IN_BUSY when the attempt is
// refused before its password is checked (lib/auth/sign-in-attempts.ts).
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

// next-auth's one-time link step (lib/auth/index.ts, provider "link"): the user a link an admin issued
// signs in, and a device cookie for this browser, so that a stranger's wrong passwords never make
// it wait afterwards. No password is checked, so neither the account's back-off nor the argon2
// budget applies: a 256-bit token cannot be guessed, and this is the way in they cannot block.
export function authorizeLinkSignIn(raw: unknown, client: SignInClient, now = Date.now()): SignInOutcome {
  const token = (raw as { token?: unknown } | null | undefined)?.token;
  const user = consumeSignInLink(token, now);
  if (!user) return null;
  const device = trustedDevice(client.deviceCookie, user.email);
  return {
    user: { id: String(user.id), name: user.name, email: user.email, sessionVersion: user.sessionVersion },
    deviceCookie: issueDeviceCookie(user.email, device ?? undefined),
  };
}
