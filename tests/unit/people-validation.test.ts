import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  addMemberInput,
  changeOwnPasswordInput,
  changeRoleInput,
  resetPasswordInput,
} from '@/lib/shared/validation/people';

// الفريق's forms: what they refuse, each with an Arabic message on its own field.

const fieldOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message]));

const member = { name: 'ليلى', email: 'Layla@Example.org ', role: 'reporter', password: 'long-enough-1' };

describe('people validation', () => {
  test('a valid member is accepted with the email folded to lower case', () => {
    const parsed = addMemberInput.parse(member);
    assert.equal(parsed.email, 'layla@example.org');
  });
  test('a password under 10 characters, an invalid role and a bad email are refused in Arabic', () => {
    const errors = fieldOf(
      addMemberInput.safeParse({ ...member, password: 'قصيرة', role: 'owner', email: 'not-an-email' }),
    );
    assert.match(errors.password!, /أقصر من 10/);
    assert.match(errors.role!, /الدور غير صالح/);
    assert.match(errors.email!, /غير صالح/);
    assert.match(fieldOf(changeRoleInput.safeParse({ userId: 3, role: 'root' })).role!, /الدور غير صالح/);
    assert.match(
      fieldOf(resetPasswordInput.safeParse({ userId: 3, password: '123456789' })).password!,
      /أقصر/,
    );
  });
  test('an empty first password is allowed: the server makes one up', () => {
    assert.equal(addMemberInput.parse({ ...member, password: '' }).password, '');
  });
  test('an empty or 10,000-character name is refused', () => {
    assert.ok(fieldOf(addMemberInput.safeParse({ ...member, name: '   ' })).name);
    assert.ok(fieldOf(addMemberInput.safeParse({ ...member, name: 'س'.repeat(10_000) })).name);
  });
  test('a new password must be confirmed and differ from the current one', () => {
    assert.match(
      fieldOf(
        changeOwnPasswordInput.safeParse({
          current: 'old-password-1',
          password: 'new-password-1',
          confirm: 'x',
        }),
      ).confirm!,
      /غير متطابقتين/,
    );
    assert.ok(
      fieldOf(
        changeOwnPasswordInput.safeParse({
          current: 'same-password-1',
          password: 'same-password-1',
          confirm: 'same-password-1',
        }),
      ).password,
    );
  });
});
