import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import {
  MAX_SIGN_IN_ATTEMPTS,
  SIGN_IN_WINDOW_MS,
  admitSignInAttempt,
  clearSignInAttempts,
} from '@/db/queries/sign-in';
import { createUser } from '@/db/queries/users';
import { authorizeSignIn } from '@/lib/sign-in';
import { SIGN_IN_LOCKED } from '@/lib/sign-in-messages';

// Online password guessing is slowed per email address, on a real SQLite file, through the
// authorize step next-auth calls (lib/auth.ts).

const attempt = (email: string, password: string) => authorizeSignIn({ email, password });

describe('sign-in attempts per address', () => {
  test('admitted up to the maximum within the window, refused after, admitted again when it ends', () => {
    const email = 'window@test.example';
    const start = 1_000_000;
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++) assert.equal(admitSignInAttempt(email, start + i), true);
    assert.equal(admitSignInAttempt(email, start + 10), false);
    assert.equal(admitSignInAttempt(email, start + SIGN_IN_WINDOW_MS - 1), false);
    // The window started at the first attempt; once it has ended, counting starts again.
    assert.equal(admitSignInAttempt(email, start + SIGN_IN_WINDOW_MS), true);
    for (let i = 1; i < MAX_SIGN_IN_ATTEMPTS; i++) admitSignInAttempt(email, start + SIGN_IN_WINDOW_MS + i);
    assert.equal(admitSignInAttempt(email, start + SIGN_IN_WINDOW_MS + 10), false);
    clearSignInAttempts(email);
    assert.equal(admitSignInAttempt(email, start + SIGN_IN_WINDOW_MS + 11), true);
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
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++)
      assert.equal(await attempt('guarded@test.example', 'wrong'), null);
    await assert.rejects(attempt('GUARDED@test.example ', 'right-password-123'), { message: SIGN_IN_LOCKED });
  });

  test('an unknown address is locked the same way, so the answer tells nothing', async () => {
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS; i++)
      assert.equal(await attempt('nobody@test.example', 'x'), null);
    await assert.rejects(attempt('nobody@test.example', 'x'), { message: SIGN_IN_LOCKED });
  });

  test('guesses sent all at once get no more password checks than guesses sent one by one', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => attempt('parallel@test.example', `guess-${i}`)),
    );
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, MAX_SIGN_IN_ATTEMPTS);
    assert.equal(results.filter((r) => r.status === 'rejected').length, 20 - MAX_SIGN_IN_ATTEMPTS);
  });

  test('a success clears earlier failures', async () => {
    await createUser({
      email: 'again@test.example',
      name: 'محرر',
      role: 'editor',
      password: 'right-password-456',
    });
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS - 1; i++) await attempt('again@test.example', 'wrong');
    assert.ok(await attempt('again@test.example', 'right-password-456'));
    for (let i = 0; i < MAX_SIGN_IN_ATTEMPTS - 1; i++) await attempt('again@test.example', 'wrong');
    assert.ok(await attempt('again@test.example', 'right-password-456'));
  });
});
