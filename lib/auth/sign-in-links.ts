import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { events, signInLinks, users, type User } from '@/db/schema';
import { ActionError } from '@/lib/shared/errors';
import { canInNewsroom, ForbiddenError, type Actor } from '@/lib/shared/permissions';
import { transaction } from '@/db/transaction';

// One-time sign-in links (issue 15.7). A stranger who guesses an account's password can make every
// browser that has not signed in before wait (lib/auth/sign-in-attempts.ts), and flood the argon2 budget
// until new browsers are told "busy": the owner on a new phone is locked out. An admin issues a
// link from الفريق instead: it does not pass through the password limits (it checks no password),
// works once, for LINK_TTL_MS, and only the SHA-256 of its token is stored, so the database (or a
// backup of it) holds nothing that signs anyone in. Using it gives that browser a device cookie
// (lib/auth/sign-in.ts), so it is trusted afterwards.

export const LINK_TTL_MS = 30 * 60 * 1000;
export const LINK_MESSAGES = {
  disabled: 'هذا الحساب معطّل: فعّله أولاً ثم أصدر رابط الدخول.',
} as const;

// 32 random bytes: 256 bits, base64url (43 characters).
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
export const hashLinkToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export type IssuedLink = { token: string; expiresAt: number };

// The admin's half: checked and logged in one write transaction, as every write of الفريق.
export function issueSignInLink(actor: Actor, userId: number, now = Date.now()): IssuedLink {
  return transaction((tx) => {
    if (!canInNewsroom(actor, 'manageUsers')) throw new ForbiddenError('manageUsers');
    const member = tx.select().from(users).where(eq(users.id, userId)).get();
    if (!member) throw new ActionError('not_found', { form: 'هذا العضو غير موجود.' });
    if (member.disabled) throw new ActionError('invalid_input', { form: LINK_MESSAGES.disabled });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + LINK_TTL_MS;
    tx.insert(signInLinks)
      .values({ userId, tokenHash: hashLinkToken(token), createdBy: actor.id, createdAt: now, expiresAt })
      .run();
    tx.insert(events)
      .values({ actorId: actor.id, userId, action: 'sign_in_link_issued', createdAt: new Date(now) })
      .run();
    return { token, expiresAt };
  });
}

// The member's half: the user the link signs in, or null for a token that is unknown, used,
// expired, or whose account is disabled. Marked used in the same transaction that finds it, so two
// requests racing with one link cannot both sign in.
export function consumeSignInLink(token: unknown, now = Date.now()): User | null {
  if (typeof token !== 'string' || !TOKEN.test(token)) return null;
  const tokenHash = hashLinkToken(token);
  return transaction((tx) => {
    const link = tx.select().from(signInLinks).where(eq(signInLinks.tokenHash, tokenHash)).get();
    if (!link || link.usedAt !== null || link.expiresAt <= now) return null;
    const user = tx.select().from(users).where(eq(users.id, link.userId)).get();
    if (!user || user.disabled) return null;
    const used = tx
      .update(signInLinks)
      .set({ usedAt: now })
      .where(and(eq(signInLinks.id, link.id), isNull(signInLinks.usedAt)))
      .run();
    if (used.changes !== 1) return null;
    tx.insert(events)
      .values({ actorId: user.id, userId: user.id, action: 'sign_in_link_used', createdAt: new Date(now) })
      .run();
    return user;
  });
}
