import { eq, inArray, lt, sql } from 'drizzle-orm';
import { db } from '@/db';
import { lockedDevices, signInLimits } from '@/db/schema';
import { transaction, type Queryable } from '@/db/transaction';

// Online password guessing, slowed so that it cannot be turned against the account's owner
// (OWASP's "device cookies"). Every attempt is counted, in one immediate transaction, before its
// password is checked: requests sent in parallel cannot all pass a check made first.
//
// - A browser that signed in to this account before (a valid device cookie) has an allowance of
//   its own; spending it locks that one browser, nobody else.
// - Every other client shares the account's small allowance for untrusted clients, which then
//   waits longer after each further failure (exponential back-off), so guessing from anywhere
//   gets nowhere while the owner's own browser still signs in.
// - An untrusted client (its address) has a limit across all accounts, so one client cannot try
//   sixty addresses in a second.
// - argon2 checks are capped per second across every worker process (the budget is a row here),
//   and untrusted clients may use only part of it: a flood cannot starve readers of CPU, nor
//   keep the owners' own browsers out.
export const SIGN_IN_LIMITS = {
  device: { attempts: 5, windowMs: 15 * 60 * 1000, lockMs: 15 * 60 * 1000 },
  client: { attempts: 100, windowMs: 15 * 60 * 1000 },
  account: { free: 5, firstDelayMs: 30 * 1000, maxDelayMs: 15 * 60 * 1000 },
  argon2: { perSecond: 16, untrustedPerSecond: 12 },
  // Counters not touched for this long are forgotten (made-up addresses, mostly).
  forgetAfterMs: 24 * 60 * 60 * 1000,
} as const;

export type SignInAttempt = {
  email: string;
  // The device id from a valid device cookie for this very email, or null (untrusted).
  device: string | null;
  // The client's address (or another stable id of the untrusted client).
  client: string;
  now: number;
};

export type Admission = { ok: true } | { ok: false; reason: 'locked' | 'busy'; retryAfterMs: number };

const keyOf = {
  device: (device: string) => `device:${device}`,
  client: (client: string) => `client:${client}`,
  account: (email: string) => `account:${email}`,
  argon2: 'argon2:second',
};

// The wait before the next untrusted attempt on an account that has had `attempts` of them.
export function accountDelayMs(attempts: number): number {
  const { free, firstDelayMs, maxDelayMs } = SIGN_IN_LIMITS.account;
  if (attempts < free) return 0;
  return Math.min(maxDelayMs, firstDelayMs * 2 ** (attempts - free));
}

type Counter = { attempts: number; windowStartedAt: number; lastAttemptAt: number };

// Counts one attempt and says whether it may go on to the password check.
export function admitSignInAttempt(attempt: SignInAttempt): Admission {
  const { email, device, client, now } = attempt;
  return transaction((tx) => {
    tx.delete(signInLimits)
      .where(lt(signInLimits.lastAttemptAt, now - SIGN_IN_LIMITS.forgetAfterMs))
      .run();
    tx.delete(lockedDevices).where(lt(lockedDevices.lockedUntil, now)).run();
    const read = (key: string): Counter | undefined =>
      tx.select().from(signInLimits).where(eq(signInLimits.key, key)).get();
    // Adds one to a counter whose window is `windowMs` long (starting again once it has ended).
    const count = (key: string, windowMs: number) => {
      // abs(): a window another process started a moment "later" (clocks read out of order) is no
      // reason to refuse, and an instant far from it starts a new one.
      const ended = sql`abs(${now} - ${signInLimits.windowStartedAt}) >= ${windowMs}`;
      tx.insert(signInLimits)
        .values({ key, attempts: 1, windowStartedAt: now, lastAttemptAt: now })
        .onConflictDoUpdate({
          target: signInLimits.key,
          set: {
            attempts: sql`CASE WHEN ${ended} THEN 1 ELSE ${signInLimits.attempts} + 1 END`,
            windowStartedAt: sql`CASE WHEN ${ended} THEN ${now} ELSE ${signInLimits.windowStartedAt} END`,
            lastAttemptAt: now,
          },
        })
        .run();
    };
    const inWindow = (counter: Counter | undefined, windowMs: number) =>
      counter && Math.abs(now - counter.windowStartedAt) < windowMs ? counter.attempts : 0;

    if (device !== null) {
      const lock = tx.select().from(lockedDevices).where(eq(lockedDevices.device, device)).get();
      if (lock) return { ok: false, reason: 'locked', retryAfterMs: lock.lockedUntil - now };
    }
    const trusted = device !== null;

    if (device !== null) {
      const { attempts, windowMs, lockMs } = SIGN_IN_LIMITS.device;
      if (inWindow(read(keyOf.device(device)), windowMs) >= attempts) {
        tx.insert(lockedDevices)
          .values({ device, lockedUntil: now + lockMs })
          .onConflictDoUpdate({ target: lockedDevices.device, set: { lockedUntil: now + lockMs } })
          .run();
        tx.delete(signInLimits)
          .where(eq(signInLimits.key, keyOf.device(device)))
          .run();
        return { ok: false, reason: 'locked', retryAfterMs: lockMs };
      }
    } else {
      const { attempts, windowMs } = SIGN_IN_LIMITS.client;
      const byClient = read(keyOf.client(client));
      if (inWindow(byClient, windowMs) >= attempts)
        return { ok: false, reason: 'locked', retryAfterMs: byClient!.windowStartedAt + windowMs - now };
      const byAccount = read(keyOf.account(email));
      const wait = byAccount ? byAccount.lastAttemptAt + accountDelayMs(byAccount.attempts) - now : 0;
      if (wait > 0) return { ok: false, reason: 'locked', retryAfterMs: wait };
    }

    const { perSecond, untrustedPerSecond } = SIGN_IN_LIMITS.argon2;
    const budget = read(keyOf.argon2);
    if (inWindow(budget, 1000) >= (trusted ? perSecond : untrustedPerSecond))
      return { ok: false, reason: 'busy', retryAfterMs: budget!.windowStartedAt + 1000 - now };

    count(keyOf.argon2, 1000);
    if (device !== null) count(keyOf.device(device), SIGN_IN_LIMITS.device.windowMs);
    else {
      count(keyOf.client(client), SIGN_IN_LIMITS.client.windowMs);
      // The back-off counts every untrusted attempt since the last success, whatever the window.
      count(keyOf.account(email), Number.MAX_SAFE_INTEGER);
    }
    return { ok: true };
  });
}

// A success: this account's untrusted allowance and this browser's own start again from nothing,
// and the client gets its attempt back, so that an office behind one address, whose people sign
// in rightly all day, never reaches the client's limit (which is meant for wrong passwords).
export function clearSignInAttempts(attempt: Pick<SignInAttempt, 'email' | 'device' | 'client'>): void {
  transaction((tx) => {
    const keys = [keyOf.account(attempt.email)];
    if (attempt.device) keys.push(keyOf.device(attempt.device));
    tx.delete(signInLimits).where(inArray(signInLimits.key, keys)).run();
    if (!attempt.device)
      tx.update(signInLimits)
        .set({ attempts: sql`max(${signInLimits.attempts} - 1, 0)` })
        .where(eq(signInLimits.key, keyOf.client(attempt.client)))
        .run();
  });
}

// Until when untrusted clients must wait before trying this account again (the people page shows
// it); null when they need not wait. The owner's own browsers are never locked by this.
export function accountLockedUntil(email: string, now: number): number | null {
  const row = db
    .select()
    .from(signInLimits)
    .where(eq(signInLimits.key, keyOf.account(email)))
    .get();
  if (!row) return null;
  const until = row.lastAttemptAt + accountDelayMs(row.attempts);
  return until > now ? until : null;
}

// An admin lifts the wait for untrusted clients on this account (الفريق, unlock).
export function unlockAccount(tx: Queryable, email: string): void {
  tx.delete(signInLimits)
    .where(eq(signInLimits.key, keyOf.account(email)))
    .run();
}

// Who is being targeted (الفريق): the wrong-password attempts from browsers that never signed in
// to this account, since its last success, and when the last one came. Counted by
// admitSignInAttempt before the password is checked, and cleared by a success, so what is left
// are failures (or refusals of a locked account).
export function untrustedAttemptsOf(email: string): { attempts: number; lastAt: number } | null {
  const row = db
    .select()
    .from(signInLimits)
    .where(eq(signInLimits.key, keyOf.account(email)))
    .get();
  return row ? { attempts: row.attempts, lastAt: row.lastAttemptAt } : null;
}
