import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import * as peopleActions from '@/app/(newsroom)/newsroom/people/actions';
import { db } from '@/db';
import { listMembers } from '@/lib/newsroom/people';
import { admitSignInAttempt } from '@/lib/auth/sign-in-attempts';
import { consumeSignInLink, hashLinkToken, issueSignInLink, LINK_TTL_MS } from '@/lib/auth/sign-in-links';
import { createUser } from '@/lib/auth/users';
import { events, signInLinks, users, type User } from '@/db/schema';
import { trustedDevice } from '@/lib/auth/device-cookie';
import { DOOR, type RequestFacts } from '@/lib/http/door';
import { authorizeLinkSignIn, authorizeSignIn } from '@/lib/auth/sign-in';
import { SIGN_IN_LOCKED } from '@/lib/shared/sign-in-messages';

// Issue 15.7: a way in for an account's owner that a stranger cannot block — a one-time link an
// admin issues from الفريق — and the admin sees who is being targeted.

const PASSWORD = 'right-password-123';
let admin: User;
let owner: User;
let reporter: User;

before(async () => {
  admin = await createUser({
    email: 'links-admin@test.example',
    name: 'مديرة',
    role: 'admin',
    password: PASSWORD,
  });
  owner = await createUser({
    email: 'links-owner@test.example',
    name: 'صاحبة الحساب',
    role: 'editor',
    password: PASSWORD,
  });
  reporter = await createUser({
    email: 'links-reporter@test.example',
    name: 'صحفي',
    role: 'reporter',
    password: PASSWORD,
  });
});

describe('one-time sign-in links', () => {
  test('stored hashed, logged, single use: the second use is refused', () => {
    const now = Date.now();
    const { token, expiresAt } = issueSignInLink(admin, owner.id, now);
    assert.equal(expiresAt, now + LINK_TTL_MS);
    assert.ok(LINK_TTL_MS <= 30 * 60 * 1000);
    const rows = db.select().from(signInLinks).where(eq(signInLinks.userId, owner.id)).all();
    // Only the hash is kept: nothing in the database (or a backup) signs anyone in.
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.tokenHash, hashLinkToken(token));
    assert.ok(!JSON.stringify(rows).includes(token));
    assert.ok(
      db
        .select()
        .from(events)
        .where(and(eq(events.userId, owner.id), eq(events.action, 'sign_in_link_issued')))
        .get(),
      'issuing it is in سجل النشاط',
    );
    const first = authorizeLinkSignIn({ token }, { address: 'phone' }, now + 1000);
    assert.equal(first?.user.email, owner.email);
    // The browser that used it is trusted from now on (its device cookie is valid for this account).
    assert.ok(trustedDevice(first!.deviceCookie, owner.email));
    assert.equal(authorizeLinkSignIn({ token }, { address: 'phone' }, now + 2000), null);
    assert.equal(consumeSignInLink(token, now + 3000), null);
  });

  test('expired after its time; a made-up or malformed token is refused', () => {
    const now = Date.now();
    const { token } = issueSignInLink(admin, owner.id, now);
    assert.equal(consumeSignInLink(token, now + LINK_TTL_MS), null);
    assert.equal(consumeSignInLink('A'.repeat(43), now), null);
    for (const bad of [undefined, null, 42, '', 'x'.repeat(5000), `${token}=`])
      assert.equal(authorizeLinkSignIn({ token: bad }, { address: 'x' }, now), null);
  });

  test('a disabled account: no link is issued, and one issued before is refused', () => {
    const now = Date.now();
    const { token } = issueSignInLink(admin, reporter.id, now);
    db.update(users).set({ disabled: true }).where(eq(users.id, reporter.id)).run();
    assert.equal(consumeSignInLink(token, now + 1), null);
    assert.throws(() => issueSignInLink(admin, reporter.id, now), /invalid_input/);
    db.update(users).set({ disabled: false }).where(eq(users.id, reporter.id)).run();
  });

  test('only admins issue links: through the door, a reporter is refused', async () => {
    type Door = {
      [DOOR]: { runAs: (f: RequestFacts, raw: unknown) => Promise<{ ok: boolean; code?: string }> };
    };
    const facts = (user: User): RequestFacts => ({
      claims: { userId: user.id, sessionVersion: user.sessionVersion },
      origin: null,
      host: 'news.test',
      fetchSite: 'same-origin',
    });
    const door = (peopleActions.issueSignInLinkAction as unknown as Door)[DOOR];
    assert.equal((await door.runAs(facts(reporter), { userId: owner.id })).code, 'forbidden');
    assert.equal((await door.runAs(facts(admin), { userId: owner.id })).ok, true);
  });

  test('under attack: new browsers are locked out by a stranger, the link still signs the owner in, and the admin sees the attempts', async () => {
    let now = Date.now() + 60_000;
    // A stranger's wrong passwords, from one address, at the owner's account.
    for (let i = 0; i < 6; i++) {
      now += 5_000;
      try {
        await authorizeSignIn(
          { email: owner.email, password: 'guess-password' },
          { address: 'stranger' },
          now,
        );
      } catch {
        // Locked already: the wait has begun.
      }
    }
    // The owner's new phone (no device cookie, another address) must wait…
    now += 1_000;
    await assert.rejects(
      authorizeSignIn({ email: owner.email, password: PASSWORD }, { address: 'owner-phone' }, now),
      new RegExp(SIGN_IN_LOCKED),
    );
    assert.equal(admitSignInAttempt({ email: owner.email, device: null, client: 'other', now }).ok, false);
    // …the admin sees who is targeted on الفريق…
    const seen = listMembers(admin, now).find((m) => m.id === owner.id)!;
    assert.ok(seen.failedAttempts >= 5, `${seen.failedAttempts} attempts shown`);
    assert.ok(seen.lastFailedAt);
    // …and the link signs the owner in anyway.
    const { token } = issueSignInLink(admin, owner.id, now);
    assert.equal(
      authorizeLinkSignIn({ token }, { address: 'owner-phone' }, now + 1)?.user.email,
      owner.email,
    );
  });
});
