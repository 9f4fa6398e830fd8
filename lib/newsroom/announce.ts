import { eq } from 'drizzle-orm';
import { enqueue } from '@/db/outbox';
import { sections, type Article } from '@/db/schema';
import type { Tx } from '@/db/transaction';
import { articlePath } from '@/lib/shared/urls';
import { WEBHOOK_TOPIC, type WebhookEvent } from '@/lib/shared/webhook-events';
import type { ArticleActionAny } from '@/lib/shared/permissions';

// What the newsroom announces to integrations (الخطافات, docs/api.md): one outbox row per event,
// written on the transition's own `tx` so it commits with the change or not at all.

// The event an article's change of state is, or null when it is none an integrator hears of.
// `live`: readers can see the article after the change (published, no embargo).
export function articleEventOf(
  action: ArticleActionAny,
  before: Pick<Article, 'status' | 'embargoUntil' | 'publishedAt'>,
  after: Pick<Article, 'status' | 'embargoUntil'>,
): WebhookEvent | null {
  const live = after.status === 'published' && after.embargoUntil === null;
  const wasLive = before.status === 'published' && before.embargoUntil === null;
  switch (action) {
    case 'publish':
      if (!live) return null;
      return wasLive ? 'article.updated' : 'article.published';
    case 'embargo':
      if (live && !wasLive) return 'article.embargo_lifted';
      if (!live && wasLive) return 'article.unpublished';
      return null;
    case 'unpublish':
      return 'article.unpublished';
    case 'schedule':
      return 'article.scheduled';
    case 'delete':
      return 'article.deleted';
    default:
      return null;
  }
}

// An article as the event carries it: what readers may see when it is live, only its id and
// state otherwise (an embargoed or scheduled headline is nobody's business outside).
export function announceArticle(tx: Tx, event: WebhookEvent, article: Article, now: Date): void {
  const live = article.status === 'published' && article.embargoUntil === null;
  const section = article.sectionId
    ? tx
        .select({ slug: sections.slug, name: sections.name })
        .from(sections)
        .where(eq(sections.id, article.sectionId))
        .get()
    : undefined;
  const data = live
    ? {
        id: article.id,
        slug: article.slug,
        headline: article.headline,
        deck: article.deck,
        url: articlePath(article),
        section: section ?? null,
        publishedAt: article.publishedAt?.toISOString() ?? null,
        updatedAt: (article.republishedAt ?? article.publishedAt)?.toISOString() ?? null,
        version: article.version,
        api: `/api/v1/articles/${article.id}`,
      }
    : {
        id: article.id,
        status: article.status,
        scheduledAt: event === 'article.scheduled' ? (article.scheduledAt?.toISOString() ?? null) : undefined,
      };
  enqueue(tx, WEBHOOK_TOPIC, event, { type: event, timestamp: now.toISOString(), data }, now);
}

export function announceComment(tx: Tx, comment: { id: number; articleId: number }, now: Date): void {
  enqueue(
    tx,
    WEBHOOK_TOPIC,
    'comment.approved',
    {
      type: 'comment.approved',
      timestamp: now.toISOString(),
      data: { id: comment.id, articleId: comment.articleId, api: `/api/v1/articles/${comment.articleId}` },
    },
    now,
  );
}
