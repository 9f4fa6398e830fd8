import { eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { users, type Role, type User } from '@/db/schema';
import { endSessionsOf } from '@/lib/auth/sessions';
import { hashPassword } from '@/lib/auth/password';
import { transaction } from '@/db/transaction';

const userById = prepareOnFirstUse(() =>
  db
    .select()
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare(),
);

const userByEmail = prepareOnFirstUse(() =>
  db
    .select()
    .from(users)
    .where(eq(users.email, sql.placeholder('email')))
    .prepare(),
);

// Read on every request, so that a disabled account or a changed role takes effect at once.
export function getActiveUserById(id: number): User | undefined {
  const user = userById().get({ id });
  return user && !user.disabled ? user : undefined;
}

// Disabled or not: lib/auth/index.ts refuses a disabled account itself, with its own message.
export function getUserById(id: number): User | undefined {
  return userById().get({ id });
}

export function findUserByEmail(email: string): User | undefined {
  return userByEmail().get({ email: email.trim().toLowerCase() });
}

export function countUsers(): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .get()?.n ?? 0
  );
}

export async function createUser(input: {
  email: string;
  name: string;
  role: Role;
  password: string;
}): Promise<User> {
  const passwordHash = await hashPassword(input.password);
  return db
    .insert(users)
    .values({ email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash })
    .returning()
    .get();
}

// The password's hash, made again with today's settings (lib/auth/password.ts needsRehash).
export function replacePasswordHash(userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

// A new password chosen for the user (by an admin or by themselves): every open session ends.
export async function resetPassword(userId: number, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  transaction((tx) => {
    tx.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
    endSessionsOf(tx, userId);
  });
}
