import { randomBytes } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { db } from '@/db';
import { events, webhookAttempts, webhookDeliveries, webhooks, type Webhook } from '@/db/schema';
import { transaction } from '@/db/transaction';
import { checkWebhookUrl } from '@/lib/platform/address-guard';
import { ActionError } from '@/lib/shared/errors';
import { assertCanInNewsroom, type Actor } from '@/lib/shared/permissions';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/shared/webhook-events';

// الخطافات: where the newsroom sends its events (lib/platform/delivery.ts sends them). Registered
// by an admin on التكاملات or through POST /api/v1/webhooks with a webhooks-scoped key (whose
// owner must be allowed manageIntegrations). The signing secret is shown once, when it is made.

export class UnsafeWebhookUrl extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnsafeWebhookUrl';
  }
}

export type WebhookView = {
  id: number;
  url: string;
  events: WebhookEvent[];
  description: string;
  disabled: boolean;
  disabledReason: string | null;
  createdAt: Date;
};

function viewOf(row: Webhook): WebhookView {
  return {
    id: row.id,
    url: row.url,
    events: JSON.parse(row.events) as WebhookEvent[],
    description: row.description,
    disabled: row.disabledAt !== null,
    disabledReason: row.disabledReason,
    createdAt: row.createdAt,
  };
}

export function newSigningSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function registerWebhook(
  actor: Actor,
  input: { url: string; events: readonly WebhookEvent[]; description?: string },
  now = new Date(),
): WebhookView & { secret: string } {
  const url = input.url.trim();
  const refused = checkWebhookUrl(url);
  if (refused) throw new UnsafeWebhookUrl(refused);
  const chosen = WEBHOOK_EVENTS.filter((e) => input.events.includes(e));
  if (chosen.length === 0) throw new ActionError('invalid_input', { events: 'اختر حدثاً واحداً على الأقل.' });
  return transaction((tx) => {
    assertCanInNewsroom(actor, 'manageIntegrations');
    const secret = newSigningSecret();
    const row = tx
      .insert(webhooks)
      .values({
        url,
        description: (input.description ?? '').trim().slice(0, 200),
        events: JSON.stringify(chosen),
        secret,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning()
      .get();
    tx.insert(events)
      .values({ actorId: actor.id, action: 'webhook_create', detail: url, createdAt: now })
      .run();
    return { ...viewOf(row), secret };
  });
}

export function listWebhooks(actor: Actor): WebhookView[] {
  assertCanInNewsroom(actor, 'manageIntegrations');
  return db.select().from(webhooks).orderBy(desc(webhooks.id)).all().map(viewOf);
}

export function setWebhookEnabled(actor: Actor, id: number, enabled: boolean, now = new Date()): void {
  transaction((tx) => {
    assertCanInNewsroom(actor, 'manageIntegrations');
    const row = tx
      .update(webhooks)
      .set(
        enabled
          ? { disabledAt: null, disabledReason: null }
          : { disabledAt: now, disabledReason: 'أوقفه مدير' },
      )
      .where(eq(webhooks.id, id))
      .returning({ url: webhooks.url })
      .get();
    if (!row) throw new ActionError('not_found');
    tx.insert(events)
      .values({
        actorId: actor.id,
        action: enabled ? 'webhook_enable' : 'webhook_disable',
        detail: row.url,
        createdAt: now,
      })
      .run();
  });
}

export function deleteWebhook(actor: Actor, id: number, now = new Date()): void {
  transaction((tx) => {
    assertCanInNewsroom(actor, 'manageIntegrations');
    const row = tx.delete(webhooks).where(eq(webhooks.id, id)).returning({ url: webhooks.url }).get();
    if (!row) throw new ActionError('not_found');
    tx.insert(events)
      .values({ actorId: actor.id, action: 'webhook_delete', detail: row.url, createdAt: now })
      .run();
  });
}

export type DeliveryLogItem = {
  id: number;
  webhookId: number;
  url: string;
  eventType: string;
  messageId: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: { at: Date; durationMs: number; statusCode: number | null; error: string | null }[];
  nextAttemptAt: Date;
  createdAt: Date;
};

// سجل الإرسال: the latest deliveries with each of their attempts.
export function deliveryLog(actor: Actor, limit = 50): DeliveryLogItem[] {
  assertCanInNewsroom(actor, 'manageIntegrations');
  const rows = db
    .select({ delivery: webhookDeliveries, url: webhooks.url })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .orderBy(desc(webhookDeliveries.id))
    .limit(limit)
    .all();
  const ids = rows.map((r) => r.delivery.id);
  const attempts =
    ids.length > 0
      ? db
          .select()
          .from(webhookAttempts)
          .where(inArray(webhookAttempts.deliveryId, ids))
          .orderBy(webhookAttempts.id)
          .all()
      : [];
  return rows.map(({ delivery, url }) => ({
    id: delivery.id,
    webhookId: delivery.webhookId,
    url,
    eventType: delivery.eventType,
    messageId: delivery.messageId,
    status: delivery.status,
    nextAttemptAt: delivery.nextAttemptAt,
    createdAt: delivery.createdAt,
    attempts: attempts
      .filter((a) => a.deliveryId === delivery.id)
      .map((a) => ({ at: a.at, durationMs: a.durationMs, statusCode: a.statusCode, error: a.error })),
  }));
}

// إعادة المحاولة: the delivery goes out again at the next turn of the loop, with its same
// message id (so a receiver that had it already can tell), whatever state it was in.
export function retryDelivery(actor: Actor, deliveryId: number, now = new Date()): void {
  transaction((tx) => {
    assertCanInNewsroom(actor, 'manageIntegrations');
    const row = tx
      .update(webhookDeliveries)
      .set({ status: 'pending', nextAttemptAt: now, claimedUntil: null })
      .where(and(eq(webhookDeliveries.id, deliveryId)))
      .returning({ id: webhookDeliveries.id })
      .get();
    if (!row) throw new ActionError('not_found');
  });
}
