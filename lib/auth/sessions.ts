import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '@/db/transaction';
import { users } from '@/db/schema';

// Ends every open session of a user at its next request: each session token carries the version
// it was issued with (lib/auth/index.ts), and a token whose version is not the user's is refused.
// Called on sign-out and wherever a password is reset or an account is disabled (not on a change
// of role: the role is read from the database on every request, lib/newsroom/people.ts changeRole);
// pass the write transaction so the change and the end of the sessions commit together.
export function endSessionsOf(tx: Queryable, userId: number): void {
  tx.update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .run();
}
