import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { Webhook as Verifier } from 'standardwebhooks';
import { db } from '@/db';
import { claimOutbox } from '@/db/outbox';
import { outbox, webhookAttempts, webhookDeliveries, webhooks, type User } from '@/db/schema';
import { transaction } from '@/db/transaction';
import { createUser } from '@/lib/auth/users';
import { announceArticle } from '@/lib/newsroom/announce';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { checkWebhookUrl, isPublicAddress } from '@/lib/platform/address-guard';
import { claimDue, deliverOne, deliveryTurn, fanOut, RETRY_DELAYS_S, send } from '@/lib/platform/delivery';
import { createApiKey, countRequest } from '@/lib/platform/keys';
import { registerWebhook, retryDelivery } from '@/lib/platform/webhooks';
import { WEBHOOK_TOPIC } from '@/lib/shared/webhook-events';
import { publishedArticle, writeArticle } from './fixtures';

// The outbox and the webhooks' delivery on a real SQLite file, to a real receiver on 127.0.0.1
// (allowed explicitly, as an operator would): signed, verified with the standardwebhooks package,
// each event once, nothing for a change that rolled back.

type Received = { headers: IncomingMessage['headers']; body: string };
let server: Server;
let received: Received[] = [];
let answerWith = 200;
let receiverUrl = '';
let reporter: User;
let editor: User;
let admin: User;

before(async () => {
  process.env.NEWSROOM_WEBHOOK_ALLOWED_HOSTS = '127.0.0.1';
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answerWith).end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  reporter = await createUser({
    email: 'wh-reporter@newsroom.test',
    name: 'مراسل',
    role: 'reporter',
    password: 'x'.repeat(12),
  });
  editor = await createUser({
    email: 'wh-editor@newsroom.test',
    name: 'محررة',
    role: 'editor',
    password: 'x'.repeat(12),
  });
  admin = await createUser({
    email: 'wh-admin@newsroom.test',
    name: 'مدير',
    role: 'admin',
    password: 'x'.repeat(12),
  });
});

after(() => server.close());

beforeEach(async () => {
  // Nothing left over from another test: every pending row delivered or dropped.
  await deliveryTurn();
  db.update(webhooks).set({ disabledAt: new Date() }).run();
  received = [];
  answerWith = 200;
});

const pendingOutbox = () =>
  db
    .select()
    .from(outbox)
    .all()
    .filter((r) => r.doneAt === null);

describe('the outbox', () => {
  test('a rolled-back change leaves no event; a refused publication neither', () => {
    const before = db.select().from(outbox).all().length;
    const { id } = writeArticle(reporter, { headline: 'خبر لم يكتمل', paragraphs: ['نص'] });
    assert.throws(() =>
      transaction((tx) => {
        const article = db.select().from(webhooks).all(); // anything; then the announcement
        void article;
        announceArticle(tx, 'article.published', { id } as never, new Date());
        throw new Error('the change failed after its announcement');
      }),
    );
    submitForReview(reporter, id);
    approveArticle(editor, id);
    // No section: publication refused (lib/newsroom/workflow.ts requireFields), inside the transaction.
    assert.throws(() => publishArticle(editor, id));
    assert.equal(db.select().from(outbox).all().length, before);
  });

  test('a published article reaches the receiver signed, and verifies with standardwebhooks', async () => {
    const hook = registerWebhook(admin, { url: receiverUrl, events: ['article.published'] });
    const id = publishedArticle({ reporter, editor }, 'خبر للخطاف');
    await deliveryTurn();
    assert.equal(received.length, 1);
    const [got] = received;
    const payload = new Verifier(hook.secret).verify(got!.body, got!.headers as Record<string, string>) as {
      type: string;
      data: { id: number; headline: string };
    };
    assert.equal(payload.type, 'article.published');
    assert.equal(payload.data.id, id);
    assert.equal(payload.data.headline, 'خبر للخطاف');
    // A tampered body fails verification.
    assert.throws(() =>
      new Verifier(hook.secret).verify(
        got!.body.replace('خبر', 'خير'),
        got!.headers as Record<string, string>,
      ),
    );
    await deliveryTurn();
    assert.equal(received.length, 1, 'sent once');
  });

  test('a crash between the commit and the send: the next process sends it, once', async () => {
    registerWebhook(admin, { url: receiverUrl, events: ['article.published'] });
    publishedArticle({ reporter, editor }, 'خبر قبل الانهيار');
    // A process claims the row and dies before fanning it out.
    const claimed = claimOutbox(WEBHOOK_TOPIC, { leaseMs: 30_000 });
    assert.equal(claimed.length, 1);
    await deliveryTurn();
    assert.equal(received.length, 0, 'held by the dead process until its lease ends');
    const later = new Date(Date.now() + 31_000);
    fanOut(later);
    fanOut(later);
    for (const delivery of claimDue(later)) await deliverOne(delivery);
    for (const delivery of claimDue(later)) await deliverOne(delivery);
    assert.equal(received.length, 1);
    assert.equal(pendingOutbox().length, 0);
  });

  test('a failing receiver is retried later; 410 Gone disables the webhook; إعادة المحاولة resends', async () => {
    const hook = registerWebhook(admin, { url: receiverUrl, events: ['article.published'] });
    answerWith = 500;
    publishedArticle({ reporter, editor }, 'خبر والمستقبل معطل');
    await deliveryTurn();
    assert.equal(received.length, 1);
    const delivery = db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hook.id))
      .get()!;
    assert.equal(delivery.status, 'pending');
    assert.equal(delivery.attempts, 1);
    const wait = delivery.nextAttemptAt.getTime() - Date.now();
    assert.ok(
      wait > (RETRY_DELAYS_S[0]! - 1) * 1000 && wait <= RETRY_DELAYS_S[0]! * 1000,
      `next in ${wait} ms`,
    );
    await deliveryTurn();
    assert.equal(received.length, 1, 'not before its time');
    answerWith = 410;
    retryDelivery(admin, delivery.id);
    await deliveryTurn();
    assert.equal(received.length, 2);
    assert.ok(db.select().from(webhooks).where(eq(webhooks.id, hook.id)).get()!.disabledAt);
    const attempts = db
      .select()
      .from(webhookAttempts)
      .where(eq(webhookAttempts.deliveryId, delivery.id))
      .all();
    assert.deepEqual(
      attempts.map((a) => a.statusCode),
      [500, 410],
    );
    // The same message id on every attempt, so a receiver can tell a resend.
    assert.equal(received[0]!.headers['webhook-id'], received[1]!.headers['webhook-id']);
  });
});

describe('the address guard (SSRF)', () => {
  test('loopback, private, link-local and mapped addresses are not public', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '0.0.0.0',
      '100.64.0.1',
    ])
      assert.equal(isPublicAddress(a), false, a);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111'])
      assert.equal(isPublicAddress(a), true, a);
  });

  test('registration refuses internal addresses unless the operator allows the host', () => {
    assert.ok(checkWebhookUrl('http://127.0.0.1:9/x', new Set()));
    assert.ok(checkWebhookUrl('http://localhost/x', new Set()));
    assert.ok(checkWebhookUrl('http://[::1]/x', new Set()));
    assert.ok(checkWebhookUrl('ftp://example.com/x', new Set()));
    assert.ok(checkWebhookUrl('https://user:pw@example.com/x', new Set()));
    assert.equal(checkWebhookUrl('http://127.0.0.1:9/x', new Set(['127.0.0.1'])), null);
    assert.equal(checkWebhookUrl('https://hooks.example.com/x', new Set()), null);
  });

  test('at send time the RESOLVED address is checked: a name that resolves to loopback is refused', async () => {
    const allowed = process.env.NEWSROOM_WEBHOOK_ALLOWED_HOSTS;
    process.env.NEWSROOM_WEBHOOK_ALLOWED_HOSTS = '';
    try {
      const port = (server.address() as AddressInfo).port;
      const byName = await send(`http://localhost:${port}/hook`, {}, '{}');
      assert.equal(byName.statusCode, null);
      assert.match(byName.error!, /not a public address/);
      const byAddress = await send(`http://127.0.0.1:${port}/hook`, {}, '{}');
      assert.match(byAddress.error!, /not a public address/);
      assert.equal(received.length, 0);
    } finally {
      process.env.NEWSROOM_WEBHOOK_ALLOWED_HOSTS = allowed;
    }
  });
});

describe('the rate limit', () => {
  test('two processes on one database file count in the same window', async () => {
    const { id } = createApiKey(admin, {
      name: 'مشترك',
      scopes: ['content:read'],
      ownerId: admin.id,
      ratePerMinute: 50,
    });
    // Both start at a fresh minute's beginning is not needed: the window is the same for both.
    const worker = `
      const { countRequest } = await import('@/lib/platform/keys');
      const { whenWritable } = await import('@/db/write-lock');
      let allowed = 0;
      // As the API door counts: waiting for the other process's write lock without blocking.
      for (let i = 0; i < 40; i++)
        if ((await whenWritable(() => countRequest({ keyId: ${id}, ratePerMinute: 50 }))).allowed) allowed++;
      console.log(allowed);
    `;
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--conditions=react-server', '--input-type=module', '-e', worker],
          { env: { ...process.env }, stdio: ['ignore', 'pipe', 'inherit'] },
        );
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code) =>
          code === 0 ? resolve(Number(out.trim())) : reject(new Error(`exit ${code}`)),
        );
      });
    const start = Date.now();
    // Not across a minute's edge: wait for a fresh one when it is close.
    if (60_000 - (start % 60_000) < 15_000)
      await new Promise((r) => setTimeout(r, 60_000 - (start % 60_000) + 50));
    const [a, b] = await Promise.all([run(), run()]);
    assert.equal(a + b, 50, `allowed ${a} + ${b}`);
    assert.equal(countRequest({ keyId: id, ratePerMinute: 50 }).allowed, false);
  });
});

test('done outbox rows with no delivery are pruned; those a delivery points at are kept', async () => {
  const { pruneOutbox } = await import('@/db/outbox');
  publishedArticle({ reporter, editor }, 'خبر بلا خطاف');
  await deliveryTurn();
  const before = db.select().from(outbox).all();
  assert.ok(before.every((r) => r.doneAt !== null));
  const pointed = new Set(
    db
      .select({ id: webhookDeliveries.outboxId })
      .from(webhookDeliveries)
      .all()
      .map((r) => r.id),
  );
  pruneOutbox(new Date(Date.now() + 1000));
  const after = db.select().from(outbox).all();
  assert.deepEqual(
    after.map((r) => r.id).sort(),
    before
      .filter((r) => pointed.has(r.id))
      .map((r) => r.id)
      .sort(),
  );
});
