import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser } from '@/lib/auth/users';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import {
  bumpReaderGeneration,
  claimPurgeTarget,
  currentReaderGeneration,
  registerPurgeTargets,
} from '@/db/reader-cache';
import { transaction } from '@/db/transaction';
import { purgeBatches, purgeOnce, purgeUrls, type SendPurge } from '@/lib/reader/cdn-purge';
import { publishedArticle } from './fixtures';

// The purge queue of the caches in front (lib/reader/cdn-purge.ts) on a real SQLite file: the
// names each change wrote in its own transaction are sent to every listed cache, resent until it
// answers, never sent for a change that rolled back, and sent by one process at a time.

const VARNISH_A = 'http://127.0.0.1:6081';
const VARNISH_B = 'http://127.0.0.1:6082';

function recorder(failing = new Set<string>()) {
  const sent: { url: string; keys: string[] }[] = [];
  const send: SendPurge = async (url, keys) => {
    if (failing.has(url)) throw new Error('connect ECONNREFUSED');
    sent.push({ url, keys: [...keys] });
  };
  return { sent, send };
}

test('NEWSROOM_PURGE_URLS: comma-separated http(s) base addresses, anything else stops the start', () => {
  assert.deepEqual(purgeUrls(undefined), []);
  assert.deepEqual(purgeUrls(' '), []);
  assert.deepEqual(purgeUrls(`${VARNISH_A}/, ${VARNISH_B},${VARNISH_A}`), [VARNISH_A, VARNISH_B]);
  assert.throws(() => purgeUrls('varnish:6081'), /NEWSROOM_PURGE_URLS/);
  assert.throws(() => purgeUrls('ftp://127.0.0.1/'), /NEWSROOM_PURGE_URLS/);
  assert.throws(() => purgeUrls('http://'), /NEWSROOM_PURGE_URLS/);
});

test('long lists of names are sent in batches Varnish reads whole', () => {
  const keys = Array.from({ length: 1_000 }, (_, i) => `tag-${'%D8%A7'.repeat(8)}-${i}`);
  const batches = purgeBatches(keys);
  assert.ok(batches.length > 1);
  assert.deepEqual(batches.flat(), keys, 'every name once, in order');
  for (const batch of batches) assert.ok(batch.join(' ').length <= 4_000);
  assert.deepEqual(purgeBatches([]), []);
});

test('a publish and an unpublish purge their pages on every cache, once, and a cache that was down gets them when it is back', async () => {
  const people = {
    reporter: await createUser({
      email: 'pr@test.example',
      name: 'منى',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    editor: await createUser({
      email: 'pe@test.example',
      name: 'وليد',
      role: 'editor',
      password: 'long-enough-password',
    }),
  };
  registerPurgeTargets([VARNISH_A, VARNISH_B]);
  const quiet = recorder();
  assert.deepEqual(await purgeOnce([VARNISH_A, VARNISH_B], quiet.send), [], 'a new cache starts up to date');
  assert.equal(quiet.sent.length, 0);

  const id = publishedArticle(people, 'خبر يُطهَّر من الذاكرة الوسيطة', { tags: ['طشقند'] });
  const down = recorder(new Set([VARNISH_B]));
  assert.deepEqual(await purgeOnce([VARNISH_A, VARNISH_B], down.send), [VARNISH_A]);
  assert.equal(down.sent.length, 1);
  const names = down.sent[0]!.keys;
  for (const name of [
    `article-${id}`,
    'home',
    'feeds',
    'search',
    `author-${people.reporter.id}`,
    `tag-${encodeURIComponent('طشقند')}`,
  ])
    assert.ok(names.includes(name), `${name} purged`);

  const again = recorder();
  assert.deepEqual(await purgeOnce([VARNISH_A, VARNISH_B], again.send), [], 'B waits out its back-off');
  assert.deepEqual(again.sent, [], 'A is not sent the same change twice');

  unpublishArticle(people.editor, id);
  const back = recorder();
  const later = Date.now() + 60_000;
  assert.deepEqual((await purgeOnce([VARNISH_A, VARNISH_B], back.send, later)).sort(), [
    VARNISH_A,
    VARNISH_B,
  ]);
  const toB = back.sent.filter((s) => s.url === VARNISH_B).flatMap((s) => s.keys);
  assert.ok(toB.includes(`article-${id}`), 'B, back, gets the publication and the unpublication');
  assert.ok(toB.includes('home'));
  assert.deepEqual(await purgeOnce([VARNISH_A, VARNISH_B], recorder().send, later + 1), []);
});

test('a change that rolled back is never purged', async () => {
  registerPurgeTargets([VARNISH_A]);
  await purgeOnce([VARNISH_A], recorder().send, Date.now() + 120_000);
  const before = currentReaderGeneration();
  assert.throws(() =>
    transaction((tx) => {
      bumpReaderGeneration(tx, ['article-424242']);
      throw new Error('the write failed after its signal');
    }),
  );
  assert.equal(currentReaderGeneration(), before);
  const after = recorder();
  await purgeOnce([VARNISH_A], after.send, Date.now() + 180_000);
  assert.deepEqual(after.sent, []);
});

test('one process sends a cache its purges at a time: the lease is taken once', () => {
  const url = 'http://127.0.0.1:6099';
  registerPurgeTargets([url]);
  const now = Date.now() + 240_000;
  assert.ok(claimPurgeTarget(url, 10_000, now), 'the first process takes it');
  assert.equal(claimPurgeTarget(url, 10_000, now + 1), null, 'a second one does not');
  assert.ok(claimPurgeTarget(url, 10_000, now + 10_001), 'a lease left by a dead process expires');
});
