import { and, eq, gt, inArray, lt, lte, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import {
  articleRevisions,
  cdnPurgeTargets,
  readerCacheExpiries,
  readerCacheGeneration,
  sections,
  tags,
} from '@/db/schema';

// The reader cache's one signal. Every reader route is rendered per request (force-dynamic), so
// Next keeps no reader page of its own; the only copies are server.mjs's front copy in each worker
// (lib/server/front-copy.mjs) and whatever CDN or Varnish an operator puts in front. So a change to
// what readers may see (publish, correction, unpublish, an embargo set or lifted on a published
// article, the top story) does exactly one thing: it bumps the reader cache generation, once,
// inside the write transaction that makes the change. Every worker reads the generation before
// each request (lib/server/cache-sync.mjs) and empties its copy when it moved.
//
// Why inside the same transaction, not one of its own after it: the change and the signal commit
// together or not at all, so no reader can see the new data under the old generation (a copy made
// from it would be kept as current), nor the old data under the new one after a crash between two
// commits. A worker that rendered a page from the old data while the write committed notices it
// itself: it keeps a copy only if the generation it read before rendering is still the current one.
//
// Beside the generation, the Surrogate-Key names of the pages the change touches are written
// (reader_cache_expiries: key, time, generation), the same names proxy.ts puts on the reader
// answers (lib/http/route-kinds.mjs), so that an operator's purge job can ask "which keys changed
// since generation N" and purge exactly those from a CDN (docs/deploying.md).

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// The keys every publication touches: the front page, the feeds and sitemaps, search results.
const EVERY_PUBLICATION = ['home', 'feeds', 'search'] as const;

// The Surrogate-Key names of every page an article appears or appeared on for readers: its own,
// the lists of every published revision's section, tags and author, and the site-wide lists.
// Computed once per change, inside the change's transaction (on its `tx`).
export function readerKeysOf(tx: Tx, articleId: number): string[] {
  const revisions = tx
    .select({
      sectionSlug: sections.slug,
      authorId: articleRevisions.authorId,
      tagsJson: articleRevisions.tagsJson,
    })
    .from(articleRevisions)
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.reason, 'publish')))
    .all();
  const names = [...new Set(revisions.flatMap((r) => JSON.parse(r.tagsJson) as string[]))];
  const tagSlugs =
    names.length > 0
      ? tx
          .select({ slug: tags.slug })
          .from(tags)
          .where(inArray(tags.name, names))
          .all()
          .map((t) => t.slug)
      : [];
  return [
    ...new Set([
      `article-${articleId}`,
      ...EVERY_PUBLICATION,
      ...revisions.flatMap((r) =>
        r.sectionSlug === null ? [] : [`section-${encodeURIComponent(r.sectionSlug)}`],
      ),
      ...tagSlugs.map((slug) => `tag-${encodeURIComponent(slug)}`),
      ...revisions.map((r) => `author-${r.authorId}`),
    ]),
  ];
}

// The one bump: called inside the transaction of the write that changes what readers see.
// Returns the new generation.
export function bumpReaderGeneration(tx: Tx, keys: readonly string[], at = Date.now()): number {
  const { generation } = tx
    .update(readerCacheGeneration)
    .set({ generation: sql`${readerCacheGeneration.generation} + 1` })
    .where(eq(readerCacheGeneration.id, 1))
    .returning({ generation: readerCacheGeneration.generation })
    .get()!;
  for (const key of new Set(keys))
    tx.insert(readerCacheExpiries)
      .values({ tag: key, expiredAt: at, generation })
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

// What the publish, unpublish, correction and embargo transitions call, inside their transaction.
export function readerPagesChangedIn(tx: Tx, articleId: number): number {
  return bumpReaderGeneration(tx, readerKeysOf(tx, articleId));
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

export type ChangedReaderKey = { key: string; changedAt: number; generation: number };

// The Surrogate-Key names changed after generation `since` (all of them by default): what a CDN
// that last purged at `since` must purge now.
export function listChangedReaderKeys(since = -1): ChangedReaderKey[] {
  return db
    .select({
      key: readerCacheExpiries.tag,
      changedAt: readerCacheExpiries.expiredAt,
      generation: readerCacheExpiries.generation,
    })
    .from(readerCacheExpiries)
    .where(gt(readerCacheExpiries.generation, since))
    .all();
}

// The caches in front that the app purges (lib/reader/cdn-purge.ts). A cache listed for the first
// time starts at the current generation: it was empty of anything older, or the operator emptied it.
export function registerPurgeTargets(urls: readonly string[]): void {
  const generation = currentReaderGeneration();
  for (const url of urls)
    db.insert(cdnPurgeTargets).values({ url, purgedGeneration: generation }).onConflictDoNothing().run();
}

export type PurgeTarget = { url: string; purgedGeneration: number; failures: number };

// The listed caches that were not yet sent every change up to `generation`, and may be tried now.
export function purgeTargetsBehind(
  urls: readonly string[],
  generation: number,
  now = Date.now(),
): PurgeTarget[] {
  if (urls.length === 0) return [];
  return db
    .select({
      url: cdnPurgeTargets.url,
      purgedGeneration: cdnPurgeTargets.purgedGeneration,
      failures: cdnPurgeTargets.failures,
    })
    .from(cdnPurgeTargets)
    .where(
      and(
        inArray(cdnPurgeTargets.url, [...urls]),
        lt(cdnPurgeTargets.purgedGeneration, generation),
        lte(cdnPurgeTargets.leaseUntil, now),
      ),
    )
    .all();
}

// One process sends a cache its purges at a time, whichever process or machine it is: the
// conditional update takes the lease only if nobody holds it (and a failed cache's back-off is over).
export function claimPurgeTarget(url: string, leaseMs: number, now = Date.now()): PurgeTarget | null {
  return (
    db
      .update(cdnPurgeTargets)
      .set({ leaseUntil: now + leaseMs, lastAttemptAt: now })
      .where(and(eq(cdnPurgeTargets.url, url), lte(cdnPurgeTargets.leaseUntil, now)))
      .returning({
        url: cdnPurgeTargets.url,
        purgedGeneration: cdnPurgeTargets.purgedGeneration,
        failures: cdnPurgeTargets.failures,
      })
      .get() ?? null
  );
}

// The cache answered every purge up to `generation`.
export function purgeSent(url: string, generation: number): void {
  db.update(cdnPurgeTargets)
    .set({
      purgedGeneration: sql`max(${cdnPurgeTargets.purgedGeneration}, ${generation})`,
      leaseUntil: 0,
      failures: 0,
      lastError: null,
    })
    .where(eq(cdnPurgeTargets.url, url))
    .run();
}

// The cache did not answer: nothing is marked sent, and it is tried again after `retryInMs`.
export function purgeFailed(url: string, error: string, retryInMs: number, now = Date.now()): void {
  db.update(cdnPurgeTargets)
    .set({
      leaseUntil: now + retryInMs,
      failures: sql`${cdnPurgeTargets.failures} + 1`,
      lastError: error.slice(0, 500),
    })
    .where(eq(cdnPurgeTargets.url, url))
    .run();
}
