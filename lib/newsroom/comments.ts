import { createHash } from 'node:crypto';
import { announceComment } from '@/lib/newsroom/announce';
import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import { db } from '@/db';
import { readerVisible as articleVisible } from '@/lib/reader/queries';
import { prepareOnFirstUse } from '@/db/prepared';
import { bumpReaderGeneration } from '@/db/reader-cache';
import {
  articleCommentSettings,
  articleRevisions,
  articles,
  comments,
  siteSettings,
  type CommentStatus,
} from '@/db/schema';
import { normalizeForSearch } from '@/lib/shared/arabic';
import { ActionError } from '@/lib/shared/errors';
import { assertCanInNewsroom, type Actor } from '@/lib/shared/permissions';
import type { CommentInput } from '@/lib/shared/validation/comment';
import { transaction, type Queryable, type Tx } from '@/db/transaction';

// Readers' comments. A comment is held (pending) until an editor approves it; readers only ever
// see approved comments of a published article, so comments close on unpublish and vanish with
// it. Comments are open unless an admin turned them off site-wide or on the article.

export const COMMENTS_PER_MINUTE = 3;
const MINUTE_MS = 60_000;
const SITE_COMMENTS_KEY = 'comments_enabled';

export type ReaderComment = { id: number; name: string; text: string; at: Date };

// Two comments are "the same text" when they differ only by spacing, diacritics, letter forms or
// case, as search folds them (lib/shared/arabic.ts).
export function commentTextKey(text: string): string {
  const folded = normalizeForSearch(text).replace(/\s+/g, ' ').trim().toLowerCase();
  return createHash('sha256').update(folded).digest('base64url').slice(0, 22);
}

// Readers see approved comments of an article readers may see (published, not under embargo).
const readerVisible = and(articleVisible, eq(comments.status, 'approved'));

const approvedOf = prepareOnFirstUse(() =>
  db
    .select({ id: comments.id, name: comments.authorName, text: comments.body, at: comments.createdAt })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(and(eq(comments.articleId, sql.placeholder('id')), readerVisible))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

const approvedCountOf = prepareOnFirstUse(() =>
  db
    .select({ n: count() })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .where(and(eq(comments.articleId, sql.placeholder('id')), readerVisible))
    .prepare(),
);

export function listApprovedComments(articleId: number, limit = 200): ReaderComment[] {
  return approvedOf().all({ id: articleId, limit });
}

export function countApprovedComments(articleId: number): number {
  return approvedCountOf().get({ id: articleId })?.n ?? 0;
}

export function siteCommentsEnabled(tx: Queryable = db): boolean {
  const row = tx.select().from(siteSettings).where(eq(siteSettings.key, SITE_COMMENTS_KEY)).get();
  return row ? row.value !== 'false' : true;
}

function articleCommentsClosed(tx: Queryable, articleId: number): boolean {
  const row = tx
    .select({ closed: articleCommentSettings.closed })
    .from(articleCommentSettings)
    .where(eq(articleCommentSettings.articleId, articleId))
    .get();
  return row?.closed ?? false;
}

export type CommentsState = 'open' | 'closed_site' | 'closed_article' | 'not_published';

export function commentsStateOf(articleId: number, tx: Queryable = db): CommentsState {
  const article = tx
    .select({ status: articles.status, embargoUntil: articles.embargoUntil })
    .from(articles)
    .where(eq(articles.id, articleId))
    .get();
  // Under embargo it is not published for readers yet.
  if (article?.status !== 'published' || article.embargoUntil) return 'not_published';
  if (!siteCommentsEnabled(tx)) return 'closed_site';
  if (articleCommentsClosed(tx, articleId)) return 'closed_article';
  return 'open';
}

export const COMMENTS_CLOSED_MESSAGE = 'التعليقات مغلقة على هذا المقال.';

// A reader's comment, held for moderation. `client` is the hashed visitor (lib/reader/visitors.ts), for
// the per-minute limit; nothing else about the reader is kept. Throws ActionError with the Arabic
// message under the field it concerns.
export function addComment(
  articleId: number,
  input: CommentInput,
  client: string,
  now = new Date(),
): { id: number } {
  return transaction((tx) => {
    const state = commentsStateOf(articleId, tx);
    if (state === 'not_published') throw new ActionError('not_found');
    if (state !== 'open') throw new ActionError('invalid_input', { form: COMMENTS_CLOSED_MESSAGE });
    const lastMinute = tx
      .select({ n: count() })
      .from(comments)
      .where(and(eq(comments.client, client), gt(comments.createdAt, new Date(now.getTime() - MINUTE_MS))))
      .get()!.n;
    if (lastMinute >= COMMENTS_PER_MINUTE)
      throw new ActionError('invalid_input', {
        text: 'أرسلت تعليقات كثيرة خلال دقيقة؛ انتظر قليلًا ثم أعد المحاولة.',
      });
    const bodyKey = commentTextKey(input.text);
    const same = tx
      .select({ id: comments.id })
      .from(comments)
      .where(and(eq(comments.articleId, articleId), eq(comments.bodyKey, bodyKey)))
      .get();
    if (same) throw new ActionError('invalid_input', { text: 'وصل هذا التعليق من قبل.' });
    return tx
      .insert(comments)
      .values({ articleId, authorName: input.name, body: input.text, client, bodyKey, createdAt: now })
      .returning({ id: comments.id })
      .get();
  });
}

export type QueuedComment = {
  id: number;
  articleId: number;
  headline: string;
  name: string;
  text: string;
  at: Date;
};

// إدارة التعليقات: comments waiting for a decision, oldest first, for every article or one.
export function listCommentQueue(articleId?: number, limit = 100): QueuedComment[] {
  return db
    .select({
      id: comments.id,
      articleId: comments.articleId,
      headline: sql<string>`coalesce(${articleRevisions.headline}, ${articles.headline})`,
      name: comments.authorName,
      text: comments.body,
      at: comments.createdAt,
    })
    .from(comments)
    .innerJoin(articles, eq(articles.id, comments.articleId))
    .leftJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(
      and(
        eq(comments.status, 'pending'),
        articleId === undefined ? undefined : eq(comments.articleId, articleId),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(limit)
    .all();
}

export function countPendingComments(): number {
  return db.select({ n: count() }).from(comments).where(eq(comments.status, 'pending')).get()?.n ?? 0;
}

// The latest decisions, so a moderator sees what was just done (and by whom it can be undone).
export function listModeratedComments(articleId?: number, limit = 20) {
  return db
    .select({ id: comments.id, name: comments.authorName, text: comments.body, status: comments.status })
    .from(comments)
    .where(
      and(
        sql`${comments.status} <> 'pending'`,
        articleId === undefined ? undefined : eq(comments.articleId, articleId),
      ),
    )
    .orderBy(desc(comments.moderatedAt), desc(comments.id))
    .limit(limit)
    .all();
}

// قبول / رفض: only a comment still waiting; the permission is checked inside the write.
export function moderateComment(
  actor: Actor,
  commentId: number,
  decision: 'approve' | 'reject',
  now = new Date(),
): { id: number; articleId: number; status: CommentStatus } {
  return transaction((tx) => {
    assertCanInNewsroom(actor, 'moderateComments');
    const status: CommentStatus = decision === 'approve' ? 'approved' : 'rejected';
    const updated = tx
      .update(comments)
      .set({ status, moderatedAt: now, moderatedBy: actor.id })
      .where(and(eq(comments.id, commentId), eq(comments.status, 'pending')))
      .returning({ id: comments.id, articleId: comments.articleId, status: comments.status })
      .get();
    if (!updated) throw new ActionError('not_found');
    // An approved comment is shown to readers: their copies of the article's answers go.
    if (status === 'approved') {
      bumpReaderGeneration(tx, [`article-${updated.articleId}`]);
      // Integrations hear of it in the same transaction (lib/newsroom/announce.ts).
      announceComment(tx, updated, now);
    }
    return updated;
  });
}

export function setSiteComments(actor: Actor, enabled: boolean): { enabled: boolean } {
  return transaction((tx: Tx) => {
    assertCanInNewsroom(actor, 'manageCommentSettings');
    tx.insert(siteSettings)
      .values({ key: SITE_COMMENTS_KEY, value: String(enabled) })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value: String(enabled) } })
      .run();
    bumpReaderGeneration(tx, ['engagement']);
    return { enabled };
  });
}

export function setArticleComments(actor: Actor, articleId: number, closed: boolean): { closed: boolean } {
  return transaction((tx: Tx) => {
    assertCanInNewsroom(actor, 'manageCommentSettings');
    const article = tx.select({ id: articles.id }).from(articles).where(eq(articles.id, articleId)).get();
    if (!article) throw new ActionError('not_found');
    tx.insert(articleCommentSettings)
      .values({ articleId, closed })
      .onConflictDoUpdate({ target: articleCommentSettings.articleId, set: { closed } })
      .run();
    bumpReaderGeneration(tx, [`article-${articleId}`]);
    return { closed };
  });
}

export function articleCommentsClosedByAdmin(articleId: number): boolean {
  return articleCommentsClosed(db, articleId);
}
