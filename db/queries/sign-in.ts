import { eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { signInFailures } from '@/db/schema';

// Online password guessing: an email address (known or not, so the answer reveals nothing) that
// failed MAX_SIGN_IN_FAILURES times within SIGN_IN_WINDOW_MS is refused until that window ends,
// even with the right password. A success clears the count.
export const MAX_SIGN_IN_FAILURES = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

export function isSignInLocked(email: string, now: number): boolean {
  const row = db.select().from(signInFailures).where(eq(signInFailures.email, email)).get();
  return !!row && row.failures >= MAX_SIGN_IN_FAILURES && now - row.windowStartedAt < SIGN_IN_WINDOW_MS;
}

export function recordFailedSignIn(email: string, now: number): void {
  // A window that ended starts again at this failure; otherwise the failure adds to it.
  const ended = sql`${now} - ${signInFailures.windowStartedAt} >= ${SIGN_IN_WINDOW_MS}`;
  db.insert(signInFailures)
    .values({ email, failures: 1, windowStartedAt: now })
    .onConflictDoUpdate({
      target: signInFailures.email,
      set: {
        failures: sql`CASE WHEN ${ended} THEN 1 ELSE ${signInFailures.failures} + 1 END`,
        windowStartedAt: sql`CASE WHEN ${ended} THEN ${now} ELSE ${signInFailures.windowStartedAt} END`,
      },
    })
    .run();
}

export function clearFailedSignIns(email: string): void {
  db.delete(signInFailures).where(eq(signInFailures.email, email)).run();
}
