import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { createUser } from '@/lib/auth/users';
import type { User } from '@/db/schema';
import { MAX_OTHERS_IN_ANSWER, MAX_TABS_PER_PERSON, touchPresence } from '@/lib/newsroom/presence';

// Presence on a real SQLite file (shared by every worker process): bounded per person and per
// answer, so made-up tab ids cannot grow the heartbeat's answer.

let writer: User;
let flooder: User;
const people: User[] = [];

before(async () => {
  const make = (key: string) =>
    createUser({
      email: `${key}@presence.example`,
      name: `اسم ${key}`,
      role: 'reporter',
      password: 'long-enough-password',
    });
  writer = await make('writer');
  flooder = await make('flooder');
  for (let i = 0; i < MAX_OTHERS_IN_ANSWER + 5; i++) people.push(await make(`p${i}`));
});

test('made-up tab ids only push out their sender’s own older tabs', () => {
  const now = 1_000_000;
  touchPresence(1, 'writer-tab-1', writer, false, now);
  for (let i = 0; i < 300; i += 1) touchPresence(1, `fake-tab-${i}`, flooder, false, now + i);
  const seen = touchPresence(1, 'writer-tab-1', writer, false, now + 301);
  assert.equal(seen.filter((p) => !p.sameUser).length, MAX_TABS_PER_PERSON);
  assert.ok(JSON.stringify(seen).length < 1000, `answer of ${JSON.stringify(seen).length} bytes`);
  // The flooder's tab ids cannot take over someone else's tab either.
  touchPresence(1, 'writer-tab-1', flooder, false, now + 302);
  assert.ok(touchPresence(1, 'writer-tab-2', writer, false, now + 303).some((p) => p.sameUser));
});

test('an answer names at most a bounded number of others, and forgets tabs that stop beating', () => {
  const now = 5_000_000;
  people.forEach((person, i) => touchPresence(2, `tab-of-${i}`, person, false, now + i));
  const seen = touchPresence(2, 'writer-tab', writer, false, now + 100);
  assert.equal(seen.length, MAX_OTHERS_IN_ANSWER);
  assert.deepEqual(touchPresence(2, 'writer-tab', writer, false, now + 10 * 60_000), []);
});

test('leaving removes the tab at once', () => {
  touchPresence(3, 'a-tab-0001', writer, false, 1);
  assert.equal(touchPresence(3, 'b-tab-0001', flooder, false, 2).length, 1);
  touchPresence(3, 'a-tab-0001', writer, true, 3);
  assert.deepEqual(touchPresence(3, 'b-tab-0001', flooder, false, 4), []);
});
