import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { db } from '@/db';
import { bumpReaderGeneration } from '@/db/reader-cache';
import { articles, events } from '@/db/schema';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError, canInNewsroom, type Actor } from '@/lib/shared/permissions';
import { transaction } from '@/db/transaction';

// The desk's choice of the front page's top story (الخبر الرئيسي). One article at a time: choosing
// one clears the others, in the same transaction, and the choice is written to the activity log
// (events). The front page falls back to the newest article with a lead image (getTopStory).

export type TopStoryChoice = { articleId: number; chosen: boolean };

export function chooseTopStory(actor: Actor, { articleId, chosen }: TopStoryChoice, now = new Date()): void {
  transaction((tx) => {
    if (!canInNewsroom(actor, 'chooseTopStory')) throw new ForbiddenError('chooseTopStory');
    const article = tx
      .select({ status: articles.status, topStoryAt: articles.topStoryAt })
      .from(articles)
      .where(eq(articles.id, articleId))
      .get();
    if (!article) throw new ActionError('not_found');
    if (chosen && article.status !== 'published') throw new ActionError('not_published');
    if (chosen) {
      const previous = tx
        .select({ id: articles.id })
        .from(articles)
        .where(and(isNotNull(articles.topStoryAt), ne(articles.id, articleId)))
        .all();
      tx.update(articles).set({ topStoryAt: null }).where(isNotNull(articles.topStoryAt)).run();
      tx.update(articles).set({ topStoryAt: now }).where(eq(articles.id, articleId)).run();
      for (const { id } of previous)
        tx.insert(events)
          .values({ articleId: id, actorId: actor.id, action: 'top_story_cleared', createdAt: now })
          .run();
      tx.insert(events)
        .values({ articleId, actorId: actor.id, action: 'top_story_chosen', createdAt: now })
        .run();
      bumpReaderGeneration(tx, ['home']);
      return;
    }
    if (article.topStoryAt === null) return;
    tx.update(articles).set({ topStoryAt: null }).where(eq(articles.id, articleId)).run();
    tx.insert(events)
      .values({ articleId, actorId: actor.id, action: 'top_story_cleared', createdAt: now })
      .run();
    bumpReaderGeneration(tx, ['home']);
  });
}

export function isTopStory(articleId: number): boolean {
  return (
    db.select({ at: articles.topStoryAt }).from(articles).where(eq(articles.id, articleId)).get()?.at != null
  );
}
