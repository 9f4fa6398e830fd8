import { and, desc, eq, gte, sql } from 'drizzle-orm';
import { db } from '@/db';
import { recordBeacons, visitorSalt as saltOf } from '@/db/counters.mjs';
import { prepareOnFirstUse } from '@/db/prepared';
import { publishedSummariesById, readerVisible, type PublishedSummary } from '@/lib/reader/queries';
import { articleStats, articleViewHours, articles } from '@/db/schema';

// Reader counters. The storage rules (once per visitor per article per half hour, at most
// ADDRESS_CAP visitors from one address, published articles only) are db/counters.mjs's, shared
// with server.mjs's beacon intake; bots are turned away before these are called.
export { ADDRESS_CAP, VIEW_HOURS_KEPT, VIEW_WINDOW_MS } from '@/db/counters.mjs';

const HOUR_MS = 60 * 60 * 1000;

// `id` tells one browser from another; `address` is the address alone, which caps how many
// visitors one address may be (a client that changes its user agent on every request).
export type Visitor = { id: string; address: string };

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

// The day's salt for visitor hashes (lib/reader/visitors.ts; db/counters.mjs makes and cleans up).
export function visitorSalt(now = new Date()): string {
  return saltOf(db.$client, now);
}

function isPublished(tx: Pick<typeof db, 'select'>, articleId: number): boolean {
  const row = tx
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, articleId), readerVisible))
    .get();
  return row !== undefined;
}

// True when this view was counted; false for a repeat within the window, an address over its cap
// or an unpublished article.
export function recordView(articleId: number, visitor: Visitor, now = new Date()): boolean {
  return recordBeacons(db.$client, [{ kind: 'view', articleId, visitor }], now)[0]!;
}

export function recordShare(articleId: number, visitor: Visitor, now = new Date()): boolean {
  return recordBeacons(db.$client, [{ kind: 'share', articleId, visitor }], now)[0]!;
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
