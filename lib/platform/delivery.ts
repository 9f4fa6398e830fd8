import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { Webhook as Signer } from 'standardwebhooks';
import { db } from '@/db';
import type { Db } from '@/db/connection';
import { claimOutbox, markOutboxDone, pruneOutbox, type OutboxRow } from '@/db/outbox';
import { webhookAttempts, webhookDeliveries, webhooks, type WebhookDelivery } from '@/db/schema';
import { transaction } from '@/db/transaction';
import { isBusy } from '@/db/write-lock';
import {
  allowedHosts,
  guardedLookup,
  isPublicAddress,
  UnsafeAddressError,
} from '@/lib/platform/address-guard';
import { WEBHOOK_TOPIC } from '@/lib/shared/webhook-events';

// The delivery loop, in every server process (instrumentation.ts): it fans each outbox row out
// into one delivery per subscribed webhook (once: the outbox row is claimed by a conditional
// update, and a (webhook, outbox row) pair is unique), then sends the deliveries that are due,
// each claimed by a conditional update too, so two processes never send the same attempt.
// Signed by Standard Webhooks (the `standardwebhooks` package: webhook-id, webhook-timestamp,
// webhook-signature = v1,HMAC-SHA256 of id.timestamp.body). 2xx delivers; 410 Gone disables the
// webhook; anything else is tried again later, from seconds up to a day apart.

export const RETRY_DELAYS_S = [5, 30, 120, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 24 * 3600];
export const SEND_TIMEOUT_MS = 10_000;
export const ANSWER_CAP_BYTES = 64 * 1024;
const LEASE_MS = SEND_TIMEOUT_MS + 20_000;

// Fans out the outbox rows nobody holds. A process that dies between its claim and its commit
// leaves the row to the next one when the lease ends: it is fanned out then, once.
export function fanOut(now = new Date(), database: Db = db): number {
  const rows = claimOutbox(WEBHOOK_TOPIC, { now, database, leaseMs: LEASE_MS });
  for (const row of rows) fanOutRow(row, now, database);
  return rows.length;
}

export function fanOutRow(row: OutboxRow, now: Date, database: Db = db): void {
  transaction((tx) => {
    const hooks = tx
      .select({ id: webhooks.id, events: webhooks.events })
      .from(webhooks)
      .where(isNull(webhooks.disabledAt))
      .all()
      .filter((hook) => (JSON.parse(hook.events) as string[]).includes(row.eventType));
    for (const hook of hooks)
      tx.insert(webhookDeliveries)
        .values({
          webhookId: hook.id,
          outboxId: row.id,
          messageId: `msg_${row.id}_${hook.id}`,
          eventType: row.eventType,
          payload: row.payload,
          nextAttemptAt: now,
          createdAt: now,
        })
        .onConflictDoNothing()
        .run();
    markOutboxDone(tx, row.id, now);
  }, database);
}

// The deliveries due now that nobody holds, taken for LEASE_MS by one conditional update.
export function claimDue(now = new Date(), limit = 10, database: Db = db): WebhookDelivery[] {
  const free = and(
    eq(webhookDeliveries.status, 'pending'),
    lte(webhookDeliveries.nextAttemptAt, now),
    or(isNull(webhookDeliveries.claimedUntil), lt(webhookDeliveries.claimedUntil, now)),
  );
  const ids = database
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(free)
    .orderBy(asc(webhookDeliveries.nextAttemptAt), asc(webhookDeliveries.id))
    .limit(limit)
    .all()
    .map((r) => r.id);
  if (ids.length === 0) return [];
  return database
    .update(webhookDeliveries)
    .set({ claimedUntil: new Date(now.getTime() + LEASE_MS) })
    .where(and(inArray(webhookDeliveries.id, ids), free))
    .returning()
    .all();
}

export type SendOutcome = { statusCode: number | null; error: string | null; durationMs: number };

export function signedHeaders(
  secret: string,
  messageId: string,
  at: Date,
  body: string,
): Record<string, string> {
  return {
    'content-type': 'application/json',
    'user-agent': 'newsroom-webhooks/1',
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Signer(secret).sign(messageId, at, body),
  };
}

// One POST, with a timeout on the whole exchange and a cap on the answer read (it is discarded:
// only its status matters), to an address checked as it is connected to.
export function send(url: string, headers: Record<string, string>, body: string): Promise<SendOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): SendOutcome => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return resolve(done(null, 'invalid url'));
    }
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const allowed = allowedHosts();
    // An address written as such is never looked up: it is judged here.
    if (isIP(host) && !allowed.has(host.toLowerCase()) && !isPublicAddress(host))
      return resolve(done(null, new UnsafeAddressError(host).message));
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(host, allowed) as never,
        timeout: SEND_TIMEOUT_MS,
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > ANSWER_CAP_BYTES) response.destroy();
        });
        response.on('close', () => resolve(done(response.statusCode ?? null, null)));
        response.on('error', () => resolve(done(response.statusCode ?? null, null)));
      },
    );
    const deadline = setTimeout(() => request.destroy(new Error('timeout')), SEND_TIMEOUT_MS);
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', (error) => resolve(done(null, error.message.slice(0, 300))));
    request.on('close', () => clearTimeout(deadline));
    request.end(body);
  });
}

// Records the attempt and what follows from it, in one transaction.
export function recordOutcome(delivery: WebhookDelivery, outcome: SendOutcome, at: Date, database: Db = db) {
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const gone = outcome.statusCode === 410;
  const attempts = delivery.attempts + 1;
  const delay = RETRY_DELAYS_S[attempts - 1];
  const status = ok ? 'delivered' : gone || delay === undefined ? 'failed' : 'pending';
  transaction((tx) => {
    tx.insert(webhookAttempts)
      .values({
        deliveryId: delivery.id,
        at,
        durationMs: outcome.durationMs,
        statusCode: outcome.statusCode,
        error: outcome.error,
      })
      .run();
    tx.update(webhookDeliveries)
      .set({
        status,
        attempts,
        claimedUntil: null,
        deliveredAt: ok ? at : null,
        nextAttemptAt: status === 'pending' ? new Date(at.getTime() + delay! * 1000) : delivery.nextAttemptAt,
      })
      .where(eq(webhookDeliveries.id, delivery.id))
      .run();
    // 410 Gone: the receiver says the endpoint is no more. It is disabled (an admin may turn it
    // back on), and what was waiting for it stops.
    if (gone) {
      tx.update(webhooks)
        .set({ disabledAt: at, disabledReason: 'أجاب المستقبِل 410 (لم يعد موجوداً)' })
        .where(eq(webhooks.id, delivery.webhookId))
        .run();
      tx.update(webhookDeliveries)
        .set({ status: 'failed' })
        .where(
          and(eq(webhookDeliveries.webhookId, delivery.webhookId), eq(webhookDeliveries.status, 'pending')),
        )
        .run();
    }
  }, database);
  return status;
}

export async function deliverOne(delivery: WebhookDelivery, database: Db = db): Promise<string> {
  const hook = database.select().from(webhooks).where(eq(webhooks.id, delivery.webhookId)).get();
  const at = new Date();
  if (!hook || hook.disabledAt) {
    database
      .update(webhookDeliveries)
      .set({ status: 'failed', claimedUntil: null })
      .where(eq(webhookDeliveries.id, delivery.id))
      .run();
    return 'failed';
  }
  const outcome = await send(
    hook.url,
    signedHeaders(hook.secret, delivery.messageId, at, delivery.payload),
    delivery.payload,
  );
  return recordOutcome(delivery, outcome, new Date(), database);
}

// One turn of the loop: fan out, then send what is due (concurrently, a few at a time).
export async function deliveryTurn(database: Db = db): Promise<number> {
  fanOut(new Date(), database);
  const due = claimDue(new Date(), 10, database);
  await Promise.all(due.map((d) => deliverOne(d, database)));
  return due.length;
}

export function deliveryPeriod(value = process.env.NEWSROOM_WEBHOOK_POLL_MS): number {
  const ms = Number(value);
  return Number.isFinite(ms) && ms >= 50 ? Math.floor(ms) : 250;
}

export function startDeliveryLoop(): void {
  const key = Symbol.for('newsroom.webhook-delivery');
  const state = globalThis as Record<symbol, unknown>;
  if (state[key]) return;
  state[key] = true;
  const period = deliveryPeriod();
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    deliveryTurn()
      .catch((error: unknown) => {
        // A busy database or a bad row must not stop the next turn.
        if (!isBusy(error)) console.error('webhook delivery failed', error);
      })
      .finally(() => {
        running = false;
      });
  }, period);
  timer.unref();
  // Outbox rows fanned out more than a week ago, with no delivery pointing at them, go.
  const prune = setInterval(() => {
    try {
      pruneOutbox(new Date(Date.now() - OUTBOX_KEPT_MS));
    } catch {
      // Busy: the next hour will do.
    }
  }, 3_600_000);
  prune.unref();
}

const OUTBOX_KEPT_MS = 7 * 24 * 3_600_000;
