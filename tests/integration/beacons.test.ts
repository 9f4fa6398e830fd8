import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import { ADDRESS_CAP, getArticleCounts } from '@/lib/reader/counters';
import { createUser } from '@/lib/auth/users';
import type { User } from '@/db/schema';
import { beaconIntake } from '@/lib/server/beacons.mjs';
import { securityHeaders } from '@/lib/http/security-headers';
import { publishedArticle } from './fixtures';

// server.mjs's beacon intake (lib/server/beacons.mjs) on a real SQLite file: beacons taken without
// Next, written in batches with the counters' own rules (db/counters.mjs), each answered once its
// batch is written.

let reporter: User;
let editor: User;
let server: http.Server;
let base = '';
const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';

before(async () => {
  [reporter, editor] = await Promise.all([
    createUser({
      email: 'br@test.example',
      name: 'ليلى',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'be@test.example', name: 'سامي', role: 'editor', password: 'long-enough-password' }),
  ]);
  const take = beaconIntake({ trustProxy: false, https: false, flushMs: 50, batchSize: 100 });
  server = http.createServer((req, res) => {
    // As the worker does: the reader's address is put on the request by the guard.
    req.headers['x-newsroom-client-address'] = String(req.headers['x-test-address'] ?? '127.0.0.1');
    if (!take(req, res, req.url ?? '/')) {
      res.statusCode = 418;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const beacon = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'user-agent': BROWSER, ...headers } });

describe('beacons without Next', () => {
  test('a view counts once per visitor per half hour, never for a bot, and is written before the answer', async () => {
    const id = publishedArticle({ reporter, editor }, 'خبر للعدادات', { paragraphs: ['نص.'] });
    const first = await beacon(`/api/views/${id}`);
    assert.equal(first.status, 204);
    assert.equal(getArticleCounts(id).views, 1, 'written by the time the beacon is answered');
    assert.equal((await beacon(`/api/views/${id}`)).status, 204);
    assert.equal((await beacon(`/api/views/${id}`, { 'user-agent': 'Googlebot/2.1' })).status, 204);
    assert.equal((await beacon(`/api/views/${id}`, { 'user-agent': '' })).status, 204);
    assert.equal(getArticleCounts(id).views, 1);
    assert.equal((await beacon(`/api/shares/${id}`)).status, 204);
    assert.deepEqual(getArticleCounts(id), { views: 1, shares: 1 });
    // Another browser on the same address is another reader.
    await beacon(`/api/views/${id}`, { 'user-agent': `${BROWSER} other` });
    assert.equal(getArticleCounts(id).views, 2);
  });

  test('many beacons at once, written together: the rules hold within a batch', async () => {
    const id = publishedArticle({ reporter, editor }, 'خبر كثير القراء', { paragraphs: ['نص.'] });
    // 150 browsers from 30 addresses, each twice: 30 × ADDRESS_CAP views count, nothing twice.
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        beacon(`/api/views/${id}`, {
          'user-agent': `${BROWSER} ${i % 150}`,
          'x-test-address': `10.0.0.${i % 30}`,
        }),
      ),
    );
    assert.ok(answers.every((r) => r.status === 204));
    assert.equal(getArticleCounts(id).views, 30 * ADDRESS_CAP);
  });

  test('an unpublished article, a bad id, a post from another site: nothing counts', async () => {
    const id = publishedArticle({ reporter, editor }, 'خبر سيُلغى نشره', { paragraphs: ['نص.'] });
    unpublishArticle(editor, id);
    assert.equal((await beacon(`/api/views/${id}`)).status, 204);
    assert.equal(getArticleCounts(id).views, 0);
    const bad = await beacon('/api/views/01');
    assert.equal(bad.status, 404);
    assert.equal(((await bad.json()) as { code: string }).code, 'not_found');
    const live = publishedArticle({ reporter, editor }, 'خبر منشور', { paragraphs: ['نص.'] });
    assert.equal((await beacon(`/api/views/${live}`, { 'sec-fetch-site': 'cross-site' })).status, 403);
    assert.equal((await beacon(`/api/views/${live}`, { origin: 'https://evil.example' })).status, 403);
    assert.equal(getArticleCounts(live).views, 0);
    assert.equal((await beacon(`/api/views/${live}`, { origin: base })).status, 204);
    assert.equal(getArticleCounts(live).views, 1);
    // Any other method is Next's (its route answers it).
    assert.equal((await fetch(`${base}/api/views/${live}`)).status, 418);
  });

  test('the answer carries the security headers of a resource', async () => {
    const answer = await beacon('/api/views/999999');
    const expected = securityHeaders('resource');
    for (const [name, value] of Object.entries(expected)) assert.equal(answer.headers.get(name), value, name);
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });
});
