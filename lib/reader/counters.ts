import { randomBytes } from 'node:crypto';
import { and, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { publishedSummariesById, readerVisible, type PublishedSummary } from '@/lib/reader/queries';
import { articleStats, articleViewHours, articles, countedVisits, visitorSalts } from '@/db/schema';
import { transaction, type Tx } from '@/db/transaction';

// Reader counters. A view (or a share) counts once per visitor per article per half hour, and one
// address counts as at most ADDRESS_CAP visitors per article per half hour; both counters only
// ever move for a published article. Bots are turned away before these are called.

export const VIEW_WINDOW_MS = 30 * 60 * 1000;
// Several people behind one address (a family, an office) are several readers; a client that
// changes its user agent on every request is not. Five is "a few".
export const ADDRESS_CAP = 5;
// Hourly view counts are kept this long: الأكثر قراءة looks back a week at most.
export const VIEW_HOURS_KEPT = 8 * 24;

const HOUR_MS = 60 * 60 * 1000;

export type ArticleCounts = { views: number; shares: number };

const countsOf = prepareOnFirstUse(() =>
  db
    .select({ views: articleStats.views, shares: articleStats.shares })
    .from(articleStats)
    .where(eq(articleStats.articleId, sql.placeholder('id')))
    .prepare(),
);

export function getArticleCounts(articleId: number): ArticleCounts {
  return countsOf().get({ id: articleId }) ?? { views: 0, shares: 0 };
}

// What the reader API answers: null for an article readers may not see (unpublished, under
// embargo), so that not even its existence shows.
export function getReaderCounts(articleId: number): ArticleCounts | null {
  return isPublished(db, articleId) ? getArticleCounts(articleId) : null;
}

// `id` tells one browser from another; `address` is the address alone, which caps how many
// visitors one address may be (a client that changes its user agent on every request).
export type Visitor = { id: string; address: string };

// The day's salt for visitor hashes (lib/reader/visitors.ts). The first worker to need it on a new day
// makes it; the others read the same row. Making it is also the daily clean-up: the salts of
// earlier days and the hourly counts older than a week go.
const saltCache: { day?: string; salt?: string } = {};

export function visitorSalt(now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  if (saltCache.day === day && saltCache.salt) return saltCache.salt;
  const salt = transaction((tx) => {
    const made = tx
      .insert(visitorSalts)
      .values({ day, salt: randomBytes(32).toString('base64url') })
      .onConflictDoNothing()
      .returning()
      .get();
    if (made) {
      tx.delete(visitorSalts).where(lt(visitorSalts.day, day)).run();
      const oldest = Math.floor(now.getTime() / HOUR_MS) - VIEW_HOURS_KEPT;
      tx.delete(articleViewHours).where(lt(articleViewHours.hour, oldest)).run();
    }
    return tx.select().from(visitorSalts).where(eq(visitorSalts.day, day)).get()!.salt;
  });
  saltCache.day = day;
  saltCache.salt = salt;
  return salt;
}

function isPublished(tx: Pick<typeof db, 'select'>, articleId: number): boolean {
  const row = tx
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, articleId), readerVisible))
    .get();
  return row !== undefined;
}

// Whether this visitor may be counted now for this article, remembering it if so. Rows older than
// the window are deleted first, so the table never holds more than half an hour of visitors.
function firstVisitInWindow(tx: Tx, kind: 'view' | 'share', articleId: number, visitor: Visitor, now: Date) {
  const at = now.getTime();
  const since = at - VIEW_WINDOW_MS;
  tx.delete(countedVisits).where(lt(countedVisits.seenAt, since)).run();
  const recent = tx
    .select({ seenAt: countedVisits.seenAt })
    .from(countedVisits)
    .where(
      and(
        eq(countedVisits.kind, kind),
        eq(countedVisits.articleId, articleId),
        eq(countedVisits.visitor, visitor.id),
        gt(countedVisits.seenAt, since),
      ),
    )
    .get();
  if (recent) return false;
  const fromAddress =
    tx
      .select({ n: count() })
      .from(countedVisits)
      .where(
        and(
          eq(countedVisits.kind, kind),
          eq(countedVisits.articleId, articleId),
          eq(countedVisits.address, visitor.address),
          gt(countedVisits.seenAt, since),
        ),
      )
      .get()?.n ?? 0;
  if (fromAddress >= ADDRESS_CAP) return false;
  tx.insert(countedVisits)
    .values({ kind, articleId, visitor: visitor.id, address: visitor.address, seenAt: at })
    .onConflictDoUpdate({
      target: [countedVisits.kind, countedVisits.articleId, countedVisits.visitor],
      set: { seenAt: at, address: visitor.address },
    })
    .run();
  return true;
}

// True when this view was counted; false for a repeat within the window, an address over its cap
// or an unpublished article.
export function recordView(articleId: number, visitor: Visitor, now = new Date()): boolean {
  return transaction((tx) => {
    if (!isPublished(tx, articleId)) return false;
    if (!firstVisitInWindow(tx, 'view', articleId, visitor, now)) return false;
    bumpCounter(tx, articleId, 'views');
    tx.insert(articleViewHours)
      .values({ articleId, hour: Math.floor(now.getTime() / HOUR_MS), views: 1 })
      .onConflictDoUpdate({
        target: [articleViewHours.articleId, articleViewHours.hour],
        set: { views: sql`${articleViewHours.views} + 1` },
      })
      .run();
    return true;
  });
}

export function recordShare(articleId: number, visitor: Visitor, now = new Date()): boolean {
  return transaction((tx) => {
    if (!isPublished(tx, articleId)) return false;
    if (!firstVisitInWindow(tx, 'share', articleId, visitor, now)) return false;
    bumpCounter(tx, articleId, 'shares');
    return true;
  });
}

// One counter of an article up by one, creating its row on the first count.
function bumpCounter(tx: Tx, articleId: number, counter: 'views' | 'shares') {
  tx.insert(articleStats)
    .values({ articleId, [counter]: 1 })
    .onConflictDoUpdate({
      target: articleStats.articleId,
      set: { [counter]: sql`${articleStats[counter]} + 1` },
    })
    .run();
}

export type MostRead = PublishedSummary & { views: number };

// الأكثر قراءة: the published articles with the most counted views since `since` (to the hour),
// most first. Views of bots were never counted; an unpublished article is left out.
export function mostReadArticles({ since, limit = 5 }: { since: Date; limit?: number }): MostRead[] {
  const fromHour = Math.floor(since.getTime() / HOUR_MS);
  const views = sql<number>`sum(${articleViewHours.views})`;
  const ranked = db
    .select({ id: articleViewHours.articleId, views })
    .from(articleViewHours)
    .innerJoin(articles, eq(articles.id, articleViewHours.articleId))
    .where(and(gte(articleViewHours.hour, fromHour), readerVisible))
    .groupBy(articleViewHours.articleId)
    .orderBy(desc(views), desc(articleViewHours.articleId))
    .limit(Math.max(1, Math.min(limit, 50)) * 2)
    .all();
  const viewsOf = new Map(ranked.map((row) => [row.id, row.views]));
  return publishedSummariesById(ranked.map((row) => row.id))
    .slice(0, limit)
    .map((summary) => ({ ...summary, views: viewsOf.get(summary.id) ?? 0 }));
}
