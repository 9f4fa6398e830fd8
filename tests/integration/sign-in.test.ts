import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { endSessionsOf } from '@/lib/auth/sessions';
import { SIGN_IN_LIMITS, accountDelayMs, admitSignInAttempt } from '@/lib/auth/sign-in-attempts';
import { createUser, findUserByEmail, resetPassword } from '@/lib/auth/users';
import { users } from '@/db/schema';
import { userForSession } from '@/lib/auth/session';
import { issueDeviceCookie, trustedDevice } from '@/lib/auth/device-cookie';
import { PASSWORD_HASH_OPTIONS, needsRehash } from '@/lib/auth/password';
import { authorizeSignIn, type SignInClient } from '@/lib/auth/sign-in';
import { SIGN_IN_BUSY, SIGN_IN_LOCKED } from '@/lib/shared/sign-in-messages';
import { hash } from '@node-rs/argon2';

// Sign-in that cannot be turned against its owner, on a real SQLite file, through the authorize
// step next-auth calls (lib/auth/index.ts). Each test uses its own addresses, clients and instants.

const PASSWORD = 'right-password-123';
let clock = 10_000_000;
// Attempts a few seconds apart, so that the per-second argon2 budget is not what a test measures.
const tick = (ms = 5_000) => (clock += ms);

const attempt = (email: string, password: string, client: SignInClient, now = tick()) =>
  authorizeSignIn({ email, password }, client, now);

const outcome = async (promise: Promise<unknown>) => {
  try {
    return (await promise) ? 'signed in' : 'wrong';
  } catch (error) {
    return (error as Error).message;
  }
};

async function ownerWithBrowser(email: string): Promise<string> {
  await createUser({ email, name: 'صحفية', role: 'reporter', password: PASSWORD });
  const first = await attempt(email, PASSWORD, { address: 'home' });
  assert.ok(first, 'the owner signs in once');
  return first.deviceCookie;
}

describe('an attacker cannot lock the owner out', () => {
  test("wrong passwords from anywhere lock untrusted clients, not the owner's own browser", async () => {
    const email = 'owner@test.example';
    const cookie = await ownerWithBrowser(email);
    const seen: string[] = [];
    for (let i = 0; i < 30; i++)
      seen.push(await outcome(attempt(email, 'guess', { address: `attacker-${i % 3}` }, tick(100))));
    assert.deepEqual(
      seen.slice(0, SIGN_IN_LIMITS.account.free),
      Array(SIGN_IN_LIMITS.account.free).fill('wrong'),
    );
    assert.ok(seen.slice(SIGN_IN_LIMITS.account.free).includes(SIGN_IN_LOCKED));
    // Even the right password is refused from an untrusted client while the back-off lasts…
    assert.equal(
      await outcome(attempt(email, PASSWORD, { address: 'new-laptop' }, tick(100))),
      SIGN_IN_LOCKED,
    );
    // …but the browser that signed in before keeps its own allowance.
    assert.equal(
      await outcome(attempt(email, PASSWORD, { address: 'cafe', deviceCookie: cookie }, tick(100))),
      'signed in',
    );
  });

  test('a device cookie is bound to its account and cannot be made up', async () => {
    const email = 'bound@test.example';
    const cookie = await ownerWithBrowser(email);
    assert.ok(trustedDevice(cookie, email));
    assert.equal(trustedDevice(cookie, 'someone-else@test.example'), null);
    assert.equal(trustedDevice(cookie.slice(0, -2) + 'xx', email), null);
    assert.equal(trustedDevice('made-up.cookie', email), null);
    assert.equal(trustedDevice(issueDeviceCookie('someone-else@test.example'), email), null);
  });

  test("a trusted browser's own wrong passwords lock that browser only", async () => {
    const email = 'careless@test.example';
    const cookie = await ownerWithBrowser(email);
    const client = { address: 'office', deviceCookie: cookie };
    for (let i = 0; i < SIGN_IN_LIMITS.device.attempts; i++)
      assert.equal(await outcome(attempt(email, 'typo', client)), 'wrong');
    assert.equal(await outcome(attempt(email, PASSWORD, client)), SIGN_IN_LOCKED);
    // Another browser (untrusted, with its own allowance) still gets in.
    assert.equal(await outcome(attempt(email, PASSWORD, { address: 'phone' })), 'signed in');
  });

  test('the back-off doubles after the free attempts and lets the next attempt through when it ends', () => {
    const { free, firstDelayMs, maxDelayMs } = SIGN_IN_LIMITS.account;
    assert.equal(accountDelayMs(free - 1), 0);
    assert.equal(accountDelayMs(free), firstDelayMs);
    assert.equal(accountDelayMs(free + 3), firstDelayMs * 8);
    assert.equal(accountDelayMs(free + 40), maxDelayMs);
    const email = 'backoff@test.example';
    const start = tick(60_000);
    for (let i = 0; i < free; i++)
      assert.equal(
        admitSignInAttempt({ email, device: null, client: `c${i}`, now: start + i * 2000 }).ok,
        true,
      );
    const last = start + (free - 1) * 2000;
    assert.equal(
      admitSignInAttempt({ email, device: null, client: 'x', now: last + firstDelayMs - 1 }).ok,
      false,
    );
    assert.equal(admitSignInAttempt({ email, device: null, client: 'x', now: last + firstDelayMs }).ok, true);
    // Now six attempts: the next waits twice as long.
    const sixth = last + firstDelayMs;
    assert.equal(
      admitSignInAttempt({ email, device: null, client: 'y', now: sixth + 2 * firstDelayMs - 1 }).ok,
      false,
    );
    assert.equal(
      admitSignInAttempt({ email, device: null, client: 'y', now: sixth + 2 * firstDelayMs }).ok,
      true,
    );
  });
});

describe('limits per client and for the whole server', () => {
  test('one untrusted client cannot try address after address', async () => {
    const results: string[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.client.attempts + 5; i++)
      results.push(await outcome(attempt(`sprayed-${i}@test.example`, 'x', { address: 'sprayer' })));
    assert.equal(results.filter((r) => r === 'wrong').length, SIGN_IN_LIMITS.client.attempts);
    assert.deepEqual(results.slice(SIGN_IN_LIMITS.client.attempts), Array(5).fill(SIGN_IN_LOCKED));
  });

  test('guesses sent all at once get no more password checks than guesses sent one by one', async () => {
    const now = tick(60_000);
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        outcome(attempt('parallel@test.example', `guess-${i}`, { address: `p${i}` }, now + i)),
      ),
    );
    assert.equal(results.filter((r) => r === 'wrong').length, SIGN_IN_LIMITS.account.free);
    assert.equal(results.filter((r) => r === SIGN_IN_LOCKED).length, 20 - SIGN_IN_LIMITS.account.free);
  });

  test('argon2 checks are capped per second, and untrusted clients leave room for trusted browsers', async () => {
    const email = 'flooded@test.example';
    const cookie = await ownerWithBrowser(email);
    const now = tick(60_000);
    const flood = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        outcome(attempt(`flood-${i}@test.example`, 'x', { address: `bot-${i}` }, now)),
      ),
    );
    const { untrustedPerSecond } = SIGN_IN_LIMITS.argon2;
    assert.equal(flood.filter((r) => r === 'wrong').length, untrustedPerSecond);
    assert.equal(flood.filter((r) => r === SIGN_IN_BUSY).length, 30 - untrustedPerSecond);
    assert.equal(
      await outcome(attempt(email, PASSWORD, { address: 'x', deviceCookie: cookie }, now)),
      'signed in',
    );
    // The next second has a fresh budget.
    assert.equal(
      await outcome(attempt('flood-0@test.example', 'x', { address: 'later' }, now + 1000)),
      'wrong',
    );
  });
});

describe('passwords', () => {
  test('an old weaker hash is replaced at the next successful sign-in', async () => {
    const email = 'old-hash@test.example';
    const user = await createUser({ email, name: 'قديم', role: 'editor', password: PASSWORD });
    const weak = await hash(PASSWORD, { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    db.update(users).set({ passwordHash: weak }).where(eq(users.id, user.id)).run();
    assert.equal(needsRehash(weak), true);
    assert.ok(await attempt(email, PASSWORD, { address: 'desk' }));
    const stored = findUserByEmail(email)!.passwordHash;
    assert.notEqual(stored, weak);
    assert.match(
      stored,
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${PASSWORD_HASH_OPTIONS.memoryCost},t=${PASSWORD_HASH_OPTIONS.timeCost},`,
      ),
    );
    assert.equal(needsRehash(stored), false);
    assert.ok(await attempt(email, PASSWORD, { address: 'desk' }));
  });

  test('passphrases up to 128 characters sign in; longer ones are refused without a check', async () => {
    const email = 'long@test.example';
    const long = 'كلمة سر طويلة '.repeat(20).slice(0, 128);
    await createUser({ email, name: 'طويل', role: 'reporter', password: long });
    assert.ok(await attempt(email, long, { address: 'l' }));
    assert.equal(await attempt(email, long + 'x', { address: 'l' }), null);
  });
});

describe('sessions end when they should', () => {
  test('a bumped version, a disabled account or a reset password ends every open session', async () => {
    const user = await createUser({
      email: 'sessions@test.example',
      name: 'جلسات',
      role: 'editor',
      password: PASSWORD,
    });
    const claims = { userId: user.id, sessionVersion: user.sessionVersion };
    assert.equal(userForSession(claims)?.id, user.id);
    assert.equal(userForSession({ userId: user.id, sessionVersion: user.sessionVersion + 1 }), null);
    assert.equal(userForSession(null), null);

    endSessionsOf(db, user.id);
    assert.equal(userForSession(claims), null, 'the old token is refused');
    const renewed = { userId: user.id, sessionVersion: claims.sessionVersion + 1 };
    assert.equal(userForSession(renewed)?.id, user.id);

    await resetPassword(user.id, 'a-new-password-456');
    assert.equal(userForSession(renewed), null, 'a reset password ends the session');

    const current = { userId: user.id, sessionVersion: findUserByEmail(user.email)!.sessionVersion };
    assert.equal(userForSession(current)?.id, user.id);
    db.update(users).set({ disabled: true }).where(eq(users.id, user.id)).run();
    assert.equal(userForSession(current), null, 'a disabled account has no session');
  });

  test('the session version signed into a token is the one stored with the user', async () => {
    const email = 'versioned@test.example';
    const user = await createUser({ email, name: 'نسخة', role: 'reporter', password: PASSWORD });
    endSessionsOf(db, user.id);
    const signedIn = await attempt(email, PASSWORD, { address: 'v' });
    assert.equal(signedIn?.user.sessionVersion, user.sessionVersion + 1);
  });
});

describe('an office behind one address', () => {
  test('right passwords give the client its attempts back, so colleagues keep signing in', async () => {
    const people = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        createUser({ email: `office-${i}@test.example`, name: 'زميل', role: 'reporter', password: PASSWORD }),
      ),
    );
    // More sign-ins in all than the client's limit.
    for (let round = 0; round < SIGN_IN_LIMITS.client.attempts / people.length + 5; round++)
      for (const person of people)
        assert.equal(
          await outcome(attempt(person.email, PASSWORD, { address: 'office-nat' }, tick(300))),
          'signed in',
        );
  });
});
