import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/auth/secret';

// OWASP's device cookie: proof that this browser once signed in to this account. It is bound to
// the account (an HMAC over the email and a random device id, keyed by the auth secret), so it
// cannot be made up or moved to another account; it only buys the browser its own allowance of
// sign-in attempts (lib/auth/sign-in-attempts.ts), never a session.
export const DEVICE_COOKIE = 'newsroom-device';
export const DEVICE_COOKIE_MAX_AGE_S = 365 * 24 * 60 * 60;

const mac = (email: string, device: string) =>
  createHmac('sha256', authSecret()).update(`device\u0000${email}\u0000${device}`).digest('base64url');

export function issueDeviceCookie(email: string, device = randomBytes(16).toString('base64url')): string {
  return `${device}.${mac(email, device)}`;
}

// The device id of a valid cookie for this email, or null.
export function trustedDevice(cookie: string | undefined, email: string): string | null {
  if (!cookie || cookie.length > 200) return null;
  const [device, given, extra] = cookie.split('.');
  if (!device || !given || extra !== undefined || !/^[A-Za-z0-9_-]{22}$/.test(device)) return null;
  const expected = Buffer.from(mac(email, device));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? device : null;
}
