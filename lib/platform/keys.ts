import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { counterDb, db } from '@/db';
import type { Db } from '@/db/connection';
import { apiKeys, apiRateWindows, events, users, type ApiKey, type User } from '@/db/schema';
import { transaction } from '@/db/transaction';
import { ActionError } from '@/lib/shared/errors';
import {
  API_SCOPES,
  assertCanInNewsroom,
  scopesAllowedFor,
  type Actor,
  type ApiScope,
} from '@/lib/shared/permissions';

// مفاتيح الواجهة البرمجية: created by an admin (or `npm run apikey:create`), shown once, stored as
// the SHA-256 of the key. A key is 32 random bytes (256 bits), so a slow password hash would add
// nothing but cost per request: nobody can guess a preimage of a high-entropy secret.

export const KEY_PREFIX = 'nrk_';
export const DEFAULT_RATE_PER_MINUTE = 600;
const RATE_WINDOW_MS = 60_000;
// last_used_at is written at most this often per key: not a write per request for a date.
const LAST_USED_EVERY_MS = 60_000;

export const KEY_MESSAGES = {
  name: 'اكتب اسماً للمفتاح يدل على التكامل الذي يستعمله.',
  owner: 'صاحب المفتاح غير موجود أو معطّل.',
  scopes: 'دور صاحب المفتاح لا يسمح بأحد النطاقات المختارة.',
  noScope: 'اختر نطاقاً واحداً على الأقل.',
} as const;

export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function generateKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export type NewKey = { id: number; key: string; prefix: string };

// `actor` null: the command line (the operator of the machine), which needs no one's permission.
export function createApiKey(
  actor: Actor | null,
  input: {
    name: string;
    scopes: readonly ApiScope[];
    ownerId?: number;
    ownerEmail?: string;
    ratePerMinute?: number;
  },
  now = new Date(),
  database: Db = db,
): NewKey {
  return transaction((tx) => {
    if (actor) assertCanInNewsroom(actor, 'manageIntegrations');
    const name = input.name.trim();
    if (!name) throw new ActionError('invalid_input', { name: KEY_MESSAGES.name });
    const scopes = [...new Set(input.scopes)].filter((s) => (API_SCOPES as readonly string[]).includes(s));
    if (scopes.length === 0) throw new ActionError('invalid_input', { scopes: KEY_MESSAGES.noScope });
    const owner = tx
      .select()
      .from(users)
      .where(
        input.ownerId !== undefined
          ? eq(users.id, input.ownerId)
          : eq(users.email, (input.ownerEmail ?? '').trim().toLowerCase()),
      )
      .get();
    if (!owner || owner.disabled) throw new ActionError('invalid_input', { owner: KEY_MESSAGES.owner });
    if (!scopesAllowedFor(owner.role, scopes))
      throw new ActionError('invalid_input', { scopes: KEY_MESSAGES.scopes });
    const key = generateKey();
    const prefix = key.slice(0, KEY_PREFIX.length + 6);
    const row = tx
      .insert(apiKeys)
      .values({
        name: name.slice(0, 200),
        prefix,
        keyHash: hashKey(key),
        scopes: JSON.stringify(scopes),
        ownerId: owner.id,
        createdBy: actor?.id ?? null,
        createdAt: now,
        ratePerMinute: input.ratePerMinute ?? DEFAULT_RATE_PER_MINUTE,
      })
      .returning({ id: apiKeys.id })
      .get();
    tx.insert(events)
      .values({
        actorId: actor?.id ?? null,
        userId: owner.id,
        action: 'apikey_create',
        detail: name,
        createdAt: now,
      })
      .run();
    return { id: row.id, key, prefix };
  }, database);
}

// إلغاء المفتاح: from this instant every request with it is refused (each request reads the row).
export function revokeApiKey(actor: Actor, keyId: number, now = new Date()): void {
  transaction((tx) => {
    assertCanInNewsroom(actor, 'manageIntegrations');
    const row = tx
      .update(apiKeys)
      .set({ revokedAt: now })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .returning({ ownerId: apiKeys.ownerId, name: apiKeys.name })
      .get();
    if (!row) throw new ActionError('not_found');
    tx.insert(events)
      .values({
        actorId: actor.id,
        userId: row.ownerId,
        action: 'apikey_revoke',
        detail: row.name,
        createdAt: now,
      })
      .run();
  });
}

export type ApiKeyListItem = Pick<
  ApiKey,
  'id' | 'name' | 'prefix' | 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'ratePerMinute'
> & { scopes: ApiScope[]; ownerName: string; ownerEmail: string };

export function listApiKeys(actor: Actor): ApiKeyListItem[] {
  assertCanInNewsroom(actor, 'manageIntegrations');
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      scopes: apiKeys.scopes,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
      ratePerMinute: apiKeys.ratePerMinute,
      ownerName: users.name,
      ownerEmail: users.email,
    })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .orderBy(desc(apiKeys.id))
    .all()
    .map((row) => ({ ...row, scopes: JSON.parse(row.scopes) as ApiScope[] }));
}

// The caller behind a request: the key's scopes and its owner, whose role bounds it.
export type ApiCaller = { keyId: number; scopes: ApiScope[]; owner: User; ratePerMinute: number };

// The key a request presented, if it is one that works now: not revoked, its owner active.
export function callerOfKey(presented: string, database: Db = db): ApiCaller | null {
  if (!presented.startsWith(KEY_PREFIX) || presented.length > 200) return null;
  const row = database
    .select({ key: apiKeys, owner: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.ownerId))
    .where(and(eq(apiKeys.keyHash, hashKey(presented)), isNull(apiKeys.revokedAt)))
    .get();
  if (!row || row.owner.disabled) return null;
  return {
    keyId: row.key.id,
    scopes: JSON.parse(row.key.scopes) as ApiScope[],
    owner: row.owner,
    ratePerMinute: row.key.ratePerMinute,
  };
}

export type RateVerdict =
  { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

// One request counted against the key's minute, in the database, so every worker and every
// instance on the file counts in the same row. One short write transaction, on the counters'
// own connection (db/index.ts counterDb: no fsync per count): the count, and the key's last use at
// most once a minute.
export function countRequest(
  caller: Pick<ApiCaller, 'keyId' | 'ratePerMinute'>,
  now = new Date(),
  database: Db = counterDb(),
): RateVerdict {
  const at = now.getTime();
  const windowStart = Math.floor(at / RATE_WINDOW_MS) * RATE_WINDOW_MS;
  const count = transaction((tx) => {
    const { count } = tx
      .insert(apiRateWindows)
      .values({ keyId: caller.keyId, windowStart, count: 1 })
      .onConflictDoUpdate({
        target: [apiRateWindows.keyId, apiRateWindows.windowStart],
        set: { count: sql`${apiRateWindows.count} + 1` },
      })
      .returning({ count: apiRateWindows.count })
      .get()!;
    if (count === 1) {
      // A new minute: the key's older windows are of no use any more.
      tx.delete(apiRateWindows)
        .where(and(eq(apiRateWindows.keyId, caller.keyId), lt(apiRateWindows.windowStart, windowStart)))
        .run();
      tx.update(apiKeys)
        .set({ lastUsedAt: now })
        .where(
          and(
            eq(apiKeys.id, caller.keyId),
            or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, new Date(at - LAST_USED_EVERY_MS))),
          ),
        )
        .run();
    }
    return count;
  }, database);
  if (count > caller.ratePerMinute)
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((windowStart + RATE_WINDOW_MS - at) / 1000)),
    };
  return { allowed: true, remaining: caller.ratePerMinute - count };
}
