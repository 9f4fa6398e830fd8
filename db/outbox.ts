import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from './connection';
import { db } from './index';
import { outbox } from './schema';
import type { Tx } from './transaction';

// The outbox: a durable queue of what happened, written IN THE TRANSACTION of the change it
// announces, so an event exists exactly when its change committed (a rolled-back publish leaves
// no row; a crash after the commit leaves the row, and the next process to look sends it).
// Consumers are named by `topic` ('webhooks' today; a CDN purger could be another): each claims a
// batch with one conditional UPDATE (a lease, so two processes never take the same row, and a
// process that died holding one lets it go when the lease ends), then marks each row done.

export type OutboxRow = typeof outbox.$inferSelect;

export function enqueue(tx: Tx, topic: string, eventType: string, payload: unknown, now = new Date()): void {
  tx.insert(outbox)
    .values({ topic, eventType, payload: JSON.stringify(payload), createdAt: now })
    .run();
}

// Takes up to `limit` rows of the topic that nobody holds, for `leaseMs`. One statement: SQLite
// runs it under its write lock, so the rows it returns are this caller's alone.
export function claimOutbox(
  topic: string,
  { limit = 20, leaseMs = 30_000, now = new Date(), database = db }: ClaimOptions = {},
): OutboxRow[] {
  const free = and(
    eq(outbox.topic, topic),
    isNull(outbox.doneAt),
    or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)),
  );
  const ids = database
    .select({ id: outbox.id })
    .from(outbox)
    .where(free)
    .orderBy(asc(outbox.id))
    .limit(limit)
    .all()
    .map((row) => row.id);
  if (ids.length === 0) return [];
  return database
    .update(outbox)
    .set({ claimedUntil: new Date(now.getTime() + leaseMs) })
    .where(and(inArray(outbox.id, ids), free))
    .returning()
    .all();
}

type ClaimOptions = { limit?: number; leaseMs?: number; now?: Date; database?: Db };

export function markOutboxDone(tx: Tx, id: number, now = new Date()): void {
  tx.update(outbox).set({ doneAt: now, claimedUntil: null }).where(eq(outbox.id, id)).run();
}

// Done rows are kept a while for the record, then dropped (the deliveries keep their own copy).
export function pruneOutbox(olderThan: Date, database: Db = db): number {
  return database
    .delete(outbox)
    .where(
      and(
        sql`${outbox.doneAt} IS NOT NULL`,
        lt(outbox.doneAt, olderThan),
        sql`NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.outbox_id = ${outbox.id})`,
      ),
    )
    .run().changes;
}
