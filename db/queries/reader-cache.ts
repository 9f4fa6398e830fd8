import { eq, gt, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { readerPlacesOf } from '@/lib/reader/queries';
import { readerCacheExpiries, readerCacheGeneration } from '@/db/schema';

// The durable, shared side of the reader cache's invalidation (see db/schema.ts,
// readerCacheExpiries and readerCacheGeneration). Every worker process reads the generation on each
// request (server.mjs) and, when it moved, applies the tags expired since the one it last saw.

export type ExpiredReaderTag = { tag: string; expiredAt: number; generation: number };
type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// Cache tag names, as lib/reader-cache.ts attaches them to the reader pages.
export const readerTagNames = {
  latest: 'latest',
  article: (id: number) => `article:${id}`,
  section: (id: number) => `section:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
} as const;

// Every tag of the places an article appears or appeared for readers.
export function readerTagsOf(articleId: number): string[] {
  const places = readerPlacesOf(articleId);
  return [
    readerTagNames.article(articleId),
    readerTagNames.latest,
    ...places.sectionIds.map(readerTagNames.section),
    ...places.tagIds.map(readerTagNames.tag),
    ...places.authorIds.map(readerTagNames.author),
  ];
}

// Expires tags inside the caller's transaction: the write that changes what readers may see and
// the signal that every worker must forget its copies commit together, or not at all.
export function expireReaderTagsIn(tx: Tx | typeof db, tags: readonly string[], at: number): number {
  const { generation } = tx
    .update(readerCacheGeneration)
    .set({ generation: sql`${readerCacheGeneration.generation} + 1` })
    .where(eq(readerCacheGeneration.id, 1))
    .returning({ generation: readerCacheGeneration.generation })
    .get()!;
  for (const tag of new Set(tags))
    tx.insert(readerCacheExpiries)
      .values({ tag, expiredAt: at, generation })
      .onConflictDoUpdate({
        target: readerCacheExpiries.tag,
        set: {
          expiredAt: sql`max(${readerCacheExpiries.expiredAt}, excluded.expired_at)`,
          generation: sql`excluded.generation`,
        },
      })
      .run();
  return generation;
}

// Called by the publish and unpublish queries inside their transaction.
export function expireReaderPlacesIn(tx: Tx, articleId: number): number {
  return expireReaderTagsIn(tx, readerTagsOf(articleId), Date.now());
}

export function rememberExpiredReaderTags(tags: readonly string[], at: number): number | null {
  if (tags.length === 0) return null;
  return db.transaction((tx) => expireReaderTagsIn(tx, tags, at), { behavior: 'immediate' });
}

const generationNow = prepareOnFirstUse(() =>
  db
    .select({ generation: readerCacheGeneration.generation })
    .from(readerCacheGeneration)
    .where(eq(readerCacheGeneration.id, 1))
    .prepare(),
);

export function currentReaderGeneration(): number {
  return generationNow().get()?.generation ?? 0;
}

// The tags expired after generation `since` (all of them by default).
export function listExpiredReaderTags(since = -1): ExpiredReaderTag[] {
  return db.select().from(readerCacheExpiries).where(gt(readerCacheExpiries.generation, since)).all();
}
