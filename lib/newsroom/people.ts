import { and, asc, eq, ne, sql } from 'drizzle-orm';
import { db } from '@/db';
import { events, users, type Role, type User } from '@/db/schema';
import { endSessionsOf } from '@/lib/auth/sessions';
import { accountLockedUntil, unlockAccount, untrustedAttemptsOf } from '@/lib/auth/sign-in-attempts';
import { ActionError } from '@/lib/shared/errors';
import { canInNewsroom, ForbiddenError, type Actor } from '@/lib/shared/permissions';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { transaction, type Tx } from '@/db/transaction';

// الفريق: the admins' queries over people. Each one checks the permission and the rule that the
// newsroom keeps an active admin inside its own write transaction (two admins demoting each
// other at once cannot both pass), and writes its سجل النشاط row in the same transaction.

export const PEOPLE_MESSAGES = {
  duplicateEmail: 'هذا البريد الإلكتروني مسجّل لعضو آخر في الفريق.',
  lastAdminRole: 'لا يمكن تغيير دور آخر مدير فعّال: أضف مديراً آخر أولاً.',
  lastAdminDisable: 'لا يمكن تعطيل آخر مدير فعّال: أضف مديراً آخر أولاً.',
  disableSelf: 'لا يمكنك تعطيل حسابك بنفسك.',
  unknownMember: 'هذا العضو غير موجود.',
  wrongPassword: 'كلمة المرور الحالية غير صحيحة.',
} as const;

export type Member = {
  id: number;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  // Locked by the sign-in throttle (lib/auth/sign-in.ts) until this time; null when not locked.
  lockedUntil: Date | null;
  // Wrong passwords from browsers new to this account since its last sign-in: who is targeted.
  failedAttempts: number;
  lastFailedAt: Date | null;
};

function assertManagesPeople(actor: Actor): void {
  if (!canInNewsroom(actor, 'manageUsers')) throw new ForbiddenError('manageUsers');
}

export function listMembers(actor: Actor, now = Date.now()): Member[] {
  assertManagesPeople(actor);
  const rows = db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      disabled: users.disabled,
      mustChangePassword: users.mustChangePassword,
      createdAt: users.createdAt,
    })
    .from(users)
    .orderBy(asc(users.disabled), asc(users.name))
    .all();
  return rows.map((member) => {
    const until = accountLockedUntil(member.email, now);
    const failed = untrustedAttemptsOf(member.email);
    return {
      ...member,
      lockedUntil: until === null ? null : new Date(until),
      failedAttempts: failed?.attempts ?? 0,
      lastFailedAt: failed ? new Date(failed.lastAt) : null,
    };
  });
}

export function listMemberNames(): { id: number; name: string }[] {
  return db.select({ id: users.id, name: users.name }).from(users).orderBy(asc(users.name)).all();
}

function recordPeopleEvent(tx: Tx, actor: Actor, userId: number, action: string, now: Date, detail?: string) {
  tx.insert(events).values({ actorId: actor.id, userId, action, detail, createdAt: now }).run();
}

function loadMember(tx: Tx, userId: number): User {
  const member = tx.select().from(users).where(eq(users.id, userId)).get();
  if (!member) throw new ActionError('not_found', { form: PEOPLE_MESSAGES.unknownMember });
  return member;
}

// Admins who can sign in, other than `exceptId`.
function otherActiveAdmins(tx: Tx, exceptId: number): number {
  return (
    tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(and(eq(users.role, 'admin'), eq(users.disabled, false), ne(users.id, exceptId)))
      .get()?.n ?? 0
  );
}

export type NewMember = { name: string; email: string; role: Role; password: string };

// A new member signs in with the first password the admin chose and must change it then.
export async function addMember(actor: Actor, input: NewMember, now = new Date()): Promise<Member> {
  assertManagesPeople(actor);
  // Hashing takes tens of milliseconds: done before the write transaction, never inside it.
  const passwordHash = await hashPassword(input.password);
  const email = input.email.trim().toLowerCase();
  return transaction((tx) => {
    assertManagesPeople(actor);
    if (tx.select({ id: users.id }).from(users).where(eq(users.email, email)).get()) {
      throw new ActionError('invalid_input', { email: PEOPLE_MESSAGES.duplicateEmail });
    }
    const member = tx
      .insert(users)
      .values({
        name: input.name.trim(),
        email,
        role: input.role,
        passwordHash,
        mustChangePassword: true,
        createdAt: now,
      })
      .returning()
      .get();
    recordPeopleEvent(tx, actor, member.id, 'member_added', now, member.role);
    return { ...member, lockedUntil: null, failedAttempts: 0, lastFailedAt: null };
  });
}

// Takes effect on the member's next request, without signing them out: every door reads the
// role from the database (lib/auth/session.ts sessionStateFor), and so does the collaboration
// server at each poll (lib/collab/store.ts accessTo). A member mid-edit keeps their session and
// their text, and the open editor says that their role changed (its heartbeat answers with it).
export function changeRole(actor: Actor, userId: number, role: Role, now = new Date()): void {
  transaction((tx) => {
    assertManagesPeople(actor);
    const member = loadMember(tx, userId);
    if (member.role === role) return;
    if (member.role === 'admin' && !member.disabled && otherActiveAdmins(tx, member.id) === 0) {
      throw new ActionError('invalid_input', { role: PEOPLE_MESSAGES.lastAdminRole });
    }
    tx.update(users).set({ role }).where(eq(users.id, userId)).run();
    recordPeopleEvent(tx, actor, userId, 'role_changed', now, `${member.role} → ${role}`);
  });
}

// A disabled member is refused on the very next request, open sessions included (lib/auth/index.ts).
export function setMemberDisabled(actor: Actor, userId: number, disabled: boolean, now = new Date()): void {
  transaction((tx) => {
    assertManagesPeople(actor);
    const member = loadMember(tx, userId);
    if (member.disabled === disabled) return;
    if (disabled && member.id === actor.id) {
      throw new ActionError('invalid_input', { disabled: PEOPLE_MESSAGES.disableSelf });
    }
    if (disabled && member.role === 'admin' && otherActiveAdmins(tx, member.id) === 0) {
      throw new ActionError('invalid_input', { disabled: PEOPLE_MESSAGES.lastAdminDisable });
    }
    tx.update(users).set({ disabled }).where(eq(users.id, userId)).run();
    // Its sessions end too, so enabling the account again does not bring them back.
    endSessionsOf(tx, userId);
    recordPeopleEvent(tx, actor, userId, disabled ? 'member_disabled' : 'member_enabled', now);
  });
}

// The admin gives a new first password; the member must change it at the next sign-in.
export async function resetMemberPassword(
  actor: Actor,
  userId: number,
  password: string,
  now = new Date(),
): Promise<void> {
  assertManagesPeople(actor);
  const passwordHash = await hashPassword(password);
  transaction((tx) => {
    assertManagesPeople(actor);
    loadMember(tx, userId);
    tx.update(users).set({ passwordHash, mustChangePassword: true }).where(eq(users.id, userId)).run();
    endSessionsOf(tx, userId);
    recordPeopleEvent(tx, actor, userId, 'password_reset', now);
  });
}

// Ends the wait for untrusted clients on the member's account (lib/auth/sign-in-attempts.ts) at once.
export function unlockMemberSignIn(actor: Actor, userId: number, now = new Date()): void {
  transaction((tx) => {
    assertManagesPeople(actor);
    const member = loadMember(tx, userId);
    unlockAccount(tx, member.email);
    recordPeopleEvent(tx, actor, userId, 'sign_in_unlocked', now);
  });
}

// A member replaces a password an admin chose (or their own), proving they know the current one.
export async function changeOwnPassword(
  member: User,
  current: string,
  password: string,
  now = new Date(),
): Promise<void> {
  if (!(await verifyPassword(member.passwordHash, current))) {
    throw new ActionError('invalid_input', { current: PEOPLE_MESSAGES.wrongPassword });
  }
  const passwordHash = await hashPassword(password);
  transaction((tx) => {
    const changed = tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      // Only over the hash that was checked: a reset in between wins.
      .where(and(eq(users.id, member.id), eq(users.passwordHash, member.passwordHash)))
      .run();
    if (changed.changes === 0) throw new ActionError('conflict');
    recordPeopleEvent(tx, member, member.id, 'password_changed', now);
  });
}
