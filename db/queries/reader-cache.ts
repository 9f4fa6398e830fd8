import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { readerCacheExpiries } from '@/db/schema';

// The durable side of the reader cache's tag expiry (see db/schema.ts, readerCacheExpiries).

export type ExpiredReaderTag = { tag: string; expiredAt: number };

export function rememberExpiredReaderTags(tags: readonly string[], at: number): void {
  if (tags.length === 0) return;
  db.transaction((tx) => {
    for (const tag of new Set(tags))
      tx.insert(readerCacheExpiries)
        .values({ tag, expiredAt: at })
        .onConflictDoUpdate({
          target: readerCacheExpiries.tag,
          set: { expiredAt: sql`max(${readerCacheExpiries.expiredAt}, excluded.expired_at)` },
        })
        .run();
  });
}

export function listExpiredReaderTags(): ExpiredReaderTag[] {
  return db.select().from(readerCacheExpiries).all();
}
