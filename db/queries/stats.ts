import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { readerVisible } from '@/db/queries/public';
import { articleStats, articles, recentViews } from '@/db/schema';

// Reader counters. A view counts once per browser per article per half hour; both counters only
// ever move for a published article.

export const VIEW_WINDOW_MS = 30 * 60 * 1000;

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

function isPublished(tx: Pick<typeof db, 'select'>, articleId: number): boolean {
  const row = tx
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, articleId), readerVisible))
    .get();
  return row !== undefined;
}

// True when this view was counted; false for a repeat within the window or an unpublished article.
export function recordView(articleId: number, visitor: string, now = new Date()): boolean {
  return db.transaction(
    (tx) => {
      if (!isPublished(tx, articleId)) return false;
      const since = new Date(now.getTime() - VIEW_WINDOW_MS);
      const recent = tx
        .select({ seenAt: recentViews.seenAt })
        .from(recentViews)
        .where(
          and(
            eq(recentViews.articleId, articleId),
            eq(recentViews.visitor, visitor),
            gt(recentViews.seenAt, since),
          ),
        )
        .get();
      if (recent) return false;
      // Forget visitors older than the window so the table stays the size of half an hour.
      tx.delete(recentViews).where(lt(recentViews.seenAt, since)).run();
      tx.insert(recentViews)
        .values({ articleId, visitor, seenAt: now })
        .onConflictDoUpdate({ target: [recentViews.articleId, recentViews.visitor], set: { seenAt: now } })
        .run();
      bumpCounter(tx, articleId, 'views');
      return true;
    },
    { behavior: 'immediate' },
  );
}

// One counter of an article up by one, creating its row on the first count.
function bumpCounter(
  tx: Parameters<Parameters<typeof db.transaction>[0]>[0],
  articleId: number,
  counter: 'views' | 'shares',
) {
  tx.insert(articleStats)
    .values({ articleId, [counter]: 1 })
    .onConflictDoUpdate({
      target: articleStats.articleId,
      set: { [counter]: sql`${articleStats[counter]} + 1` },
    })
    .run();
}

export function recordShare(articleId: number): boolean {
  return db.transaction(
    (tx) => {
      if (!isPublished(tx, articleId)) return false;
      bumpCounter(tx, articleId, 'shares');
      return true;
    },
    { behavior: 'immediate' },
  );
}
