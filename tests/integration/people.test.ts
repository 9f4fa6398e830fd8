import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { listActivity } from '@/lib/newsroom/activity';
import {
  addMember,
  changeOwnPassword,
  changeRole,
  listMembers,
  resetMemberPassword,
  setMemberDisabled,
  unlockMemberSignIn,
} from '@/lib/newsroom/people';
import { admitSignInAttempt, SIGN_IN_LIMITS } from '@/lib/auth/sign-in-attempts';
import { createUser, getActiveUserById } from '@/lib/auth/users';
import { users, type User } from '@/db/schema';
import { ActionError } from '@/lib/shared/errors';
import { verifyPassword } from '@/lib/auth/password';
import { ForbiddenError } from '@/lib/shared/permissions';
import { authorizeSignIn } from '@/lib/auth/sign-in';

// الفريق on a real SQLite file: adding, changing roles, disabling, resetting and unlocking, and
// the rule that the newsroom always keeps an active admin.

let admin: User;
let editor: User;

before(async () => {
  admin = await createUser({
    email: 'boss@test.example',
    name: 'المديرة',
    role: 'admin',
    password: 'long-enough-password',
  });
  editor = await createUser({
    email: 'desk@test.example',
    name: 'المحرر',
    role: 'editor',
    password: 'long-enough-password',
  });
});

const member = (id: number) => db.select().from(users).where(eq(users.id, id)).get()!;

async function expectActionError(fn: () => unknown, code: string): Promise<ActionError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof ActionError, `expected ActionError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

describe('الفريق', () => {
  test('an admin adds a member who signs in with the first password and must change it', async () => {
    const added = await addMember(admin, {
      name: 'صحفية جديدة',
      email: ' New.Reporter@Test.example ',
      role: 'reporter',
      password: 'first-password-1',
    });
    assert.equal(added.email, 'new.reporter@test.example');
    assert.equal(member(added.id).mustChangePassword, true);
    assert.ok(
      await authorizeSignIn(
        { email: 'new.reporter@test.example', password: 'first-password-1' },
        { address: 'desk' },
      ),
    );
    await changeOwnPassword(member(added.id), 'first-password-1', 'my-own-password-2');
    assert.equal(member(added.id).mustChangePassword, false);
    assert.ok(await verifyPassword(member(added.id).passwordHash, 'my-own-password-2'));
    const log = listActivity(admin, { action: 'member_added' }).entries;
    assert.equal(log[0]!.userId, added.id);
    assert.equal(log[0]!.actorId, admin.id);
  });

  test('a duplicate email is refused next to the field and adds no one', async () => {
    const before = db.select().from(users).all().length;
    const error = await expectActionError(
      () =>
        addMember(admin, {
          name: 'نسخة',
          email: 'DESK@test.example',
          role: 'editor',
          password: 'long-enough-password',
        }),
      'invalid_input',
    );
    assert.match(error.fieldErrors!.email!, /مسجّل/);
    assert.equal(db.select().from(users).all().length, before);
  });

  test('only admins manage people', async () => {
    await assert.rejects(
      addMember(editor, {
        name: 'x',
        email: 'x@test.example',
        role: 'admin',
        password: 'long-enough-password',
      }),
      ForbiddenError,
    );
    assert.throws(() => changeRole(editor, editor.id, 'admin'), ForbiddenError);
    assert.throws(() => setMemberDisabled(editor, admin.id, true), ForbiddenError);
    assert.throws(() => listMembers(editor), ForbiddenError);
    assert.equal(member(editor.id).role, 'editor');
  });

  test('a changed role and a disabled account take effect on the next read of the user', async () => {
    const m = await addMember(admin, {
      name: 'متدرب',
      email: 'intern@test.example',
      role: 'reporter',
      password: 'long-enough-password',
    });
    changeRole(admin, m.id, 'editor');
    assert.equal(getActiveUserById(m.id)!.role, 'editor');
    setMemberDisabled(admin, m.id, true);
    assert.equal(getActiveUserById(m.id), undefined);
    // A disabled account cannot sign in either, even with the right password.
    assert.equal(
      await authorizeSignIn(
        { email: 'intern@test.example', password: 'long-enough-password' },
        { address: 'desk' },
      ),
      null,
    );
    setMemberDisabled(admin, m.id, false);
    assert.equal(getActiveUserById(m.id)!.id, m.id);
    const actions = listActivity(admin, { actorId: admin.id })
      .entries.filter((e) => e.userId === m.id)
      .map((e) => e.action);
    assert.deepEqual(actions, ['member_enabled', 'member_disabled', 'role_changed', 'member_added']);
  });

  test('the last active admin can be neither demoted nor disabled', async () => {
    await expectActionError(() => changeRole(admin, admin.id, 'editor'), 'invalid_input');
    const second = await addMember(admin, {
      name: 'مدير ثان',
      email: 'second@test.example',
      role: 'admin',
      password: 'long-enough-password',
    });
    const error = await expectActionError(() => setMemberDisabled(admin, admin.id, true), 'invalid_input');
    assert.ok(error.fieldErrors?.disabled);
    // With a second admin, one may be demoted — and then the other is the last one.
    changeRole(admin, second.id, 'editor');
    await expectActionError(() => changeRole(admin, admin.id, 'editor'), 'invalid_input');
    assert.equal(member(admin.id).role, 'admin');
    assert.equal(member(admin.id).disabled, false);
  });

  test('a disabled admin does not count as the one that is left', async () => {
    const other = await addMember(admin, {
      name: 'مدير معطّل',
      email: 'sleeping@test.example',
      role: 'admin',
      password: 'long-enough-password',
    });
    setMemberDisabled(admin, other.id, true);
    await expectActionError(() => changeRole(admin, admin.id, 'reporter'), 'invalid_input');
    // Demoting the disabled one is fine: it leaves the active admin in place.
    changeRole(admin, other.id, 'reporter');
    assert.equal(member(other.id).role, 'reporter');
  });

  test('a reset password must be changed; unlocking ends the throttle’s lock', async () => {
    const m = await addMember(admin, {
      name: 'ناسي',
      email: 'forgot@test.example',
      role: 'reporter',
      password: 'long-enough-password',
    });
    await changeOwnPassword(member(m.id), 'long-enough-password', 'another-password-3');
    await resetMemberPassword(admin, m.id, 'reset-password-44');
    assert.equal(member(m.id).mustChangePassword, true);
    assert.ok(await verifyPassword(member(m.id).passwordHash, 'reset-password-44'));
    const now = Date.now();
    for (let i = 0; i < SIGN_IN_LIMITS.account.free; i++)
      admitSignInAttempt({ email: 'forgot@test.example', device: null, client: `c${i}`, now: now + i });
    assert.ok(listMembers(admin, now).find((x) => x.id === m.id)!.lockedUntil);
    unlockMemberSignIn(admin, m.id);
    assert.equal(listMembers(admin, now).find((x) => x.id === m.id)!.lockedUntil, null);
    assert.ok(
      await authorizeSignIn(
        { email: 'forgot@test.example', password: 'reset-password-44' },
        { address: 'desk' },
      ),
    );
  });

  test('changing one’s own password needs the current one', async () => {
    const m = await addMember(admin, {
      name: 'حذر',
      email: 'careful@test.example',
      role: 'reporter',
      password: 'long-enough-password',
    });
    const error = await expectActionError(
      () => changeOwnPassword(member(m.id), 'wrong-password-00', 'new-password-000'),
      'invalid_input',
    );
    assert.ok(error.fieldErrors?.current);
    assert.equal(member(m.id).mustChangePassword, true);
  });
});
