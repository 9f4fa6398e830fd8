import { eq, lt, sql } from 'drizzle-orm';
import { db } from '@/db';
import { signInAttempts } from '@/db/schema';

// Online password guessing: an email address (known or not, so the answer reveals nothing) gets
// MAX_SIGN_IN_ATTEMPTS attempts per SIGN_IN_WINDOW_MS until one succeeds; after that it is refused
// until the window ends, even with the right password. Each attempt is counted, in one statement,
// before its password is checked: requests sent in parallel cannot all pass a check made first.
export const MAX_SIGN_IN_ATTEMPTS = 5;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;

// Counts one attempt and says whether it may go on to the password check.
export function admitSignInAttempt(email: string, now: number): boolean {
  const ended = sql`${now} - ${signInAttempts.windowStartedAt} >= ${SIGN_IN_WINDOW_MS}`;
  return db.transaction((tx) => {
    // Addresses whose window ended long ago (made-up ones, mostly) are not kept.
    tx.delete(signInAttempts)
      .where(lt(signInAttempts.windowStartedAt, now - SIGN_IN_WINDOW_MS))
      .run();
    const row = tx
      .insert(signInAttempts)
      .values({ email, attempts: 1, windowStartedAt: now })
      .onConflictDoUpdate({
        target: signInAttempts.email,
        set: {
          attempts: sql`CASE WHEN ${ended} THEN 1 ELSE ${signInAttempts.attempts} + 1 END`,
          windowStartedAt: sql`CASE WHEN ${ended} THEN ${now} ELSE ${signInAttempts.windowStartedAt} END`,
        },
      })
      .returning({ attempts: signInAttempts.attempts })
      .get();
    return row.attempts <= MAX_SIGN_IN_ATTEMPTS;
  });
}

// A success: the address starts again from nothing.
export function clearSignInAttempts(email: string): void {
  db.delete(signInAttempts).where(eq(signInAttempts.email, email)).run();
}
