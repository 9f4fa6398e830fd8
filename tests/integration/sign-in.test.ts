import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  MAX_SIGN_IN_FAILURES,
  SIGN_IN_WINDOW_MS,
  clearFailedSignIns,
  isSignInLocked,
  recordFailedSignIn,
} from '@/db/queries/sign-in';
import { createUser } from '@/db/queries/users';
import { authorizeSignIn } from '@/lib/sign-in';
import { SIGN_IN_LOCKED } from '@/lib/sign-in-messages';

// Online password guessing is slowed per email address, on a real SQLite file, through the
// authorize step next-auth calls (lib/auth.ts).

const attempt = (email: string, password: string) => authorizeSignIn({ email, password });

describe('sign-in failures per address', () => {
  test('locked after the maximum failures within the window, open again when it ends', () => {
    const email = 'window@test.example';
    const start = 1_000_000;
    for (let i = 0; i < MAX_SIGN_IN_FAILURES - 1; i++) recordFailedSignIn(email, start + i);
    assert.equal(isSignInLocked(email, start + 10), false);
    recordFailedSignIn(email, start + 10);
    assert.equal(isSignInLocked(email, start + 11), true);
    assert.equal(isSignInLocked(email, start + SIGN_IN_WINDOW_MS - 1), true);
    assert.equal(isSignInLocked(email, start + SIGN_IN_WINDOW_MS), false);
    // A failure after the window starts a new count of one.
    recordFailedSignIn(email, start + SIGN_IN_WINDOW_MS + 5);
    assert.equal(isSignInLocked(email, start + SIGN_IN_WINDOW_MS + 6), false);
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) recordFailedSignIn(email, start + SIGN_IN_WINDOW_MS + 10);
    assert.equal(isSignInLocked(email, start + SIGN_IN_WINDOW_MS + 11), true);
    clearFailedSignIns(email);
    assert.equal(isSignInLocked(email, start + SIGN_IN_WINDOW_MS + 12), false);
  });
});

describe('authorize', () => {
  before(async () => {
    await createUser({
      email: 'guarded@test.example',
      name: 'صحفية',
      role: 'reporter',
      password: 'right-password-123',
    });
  });

  test('wrong passwords lock the address; then even the right password is refused', async () => {
    assert.equal(
      (await attempt('guarded@test.example', 'right-password-123'))?.email,
      'guarded@test.example',
    );
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++)
      assert.equal(await attempt('guarded@test.example', 'wrong'), null);
    await assert.rejects(attempt('GUARDED@test.example ', 'right-password-123'), { message: SIGN_IN_LOCKED });
  });

  test('an unknown address is locked the same way, so the answer tells nothing', async () => {
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++)
      assert.equal(await attempt('nobody@test.example', 'x'), null);
    await assert.rejects(attempt('nobody@test.example', 'x'), { message: SIGN_IN_LOCKED });
  });

  test('a success clears earlier failures', async () => {
    await createUser({
      email: 'again@test.example',
      name: 'محرر',
      role: 'editor',
      password: 'right-password-456',
    });
    for (let i = 0; i < MAX_SIGN_IN_FAILURES - 1; i++) await attempt('again@test.example', 'wrong');
    assert.ok(await attempt('again@test.example', 'right-password-456'));
    for (let i = 0; i < MAX_SIGN_IN_FAILURES - 1; i++) await attempt('again@test.example', 'wrong');
    assert.ok(await attempt('again@test.example', 'right-password-456'));
  });
});
