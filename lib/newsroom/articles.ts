import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import {
  articleRevisions,
  articles,
  events,
  sections,
  users,
  type Article,
  type ArticleStatus,
  type RevisionReason,
} from '@/db/schema';
import { tagNamesOf } from '@/lib/newsroom/tags';
import { PRESENCE_EXPIRES_MS } from '@/lib/newsroom/presence-store';
import { EMPTY_DOCUMENT } from '@/lib/document/check';
import { ActionError } from '@/lib/shared/errors';
import { assertCan, type Actor, type ArticleActionAny as ArticleAction } from '@/lib/shared/permissions';
import { transaction, type Tx, type Queryable } from '@/db/transaction';

// The article itself: a new draft, the working copy as the editor opens it, its slug, the
// revisions and events every write leaves, and the desk's lists. The autosave's merge is in
// save.ts, the changes of state in workflow.ts; both write through the helpers here.

const articleById = prepareOnFirstUse(() =>
  db
    .select()
    .from(articles)
    .where(eq(articles.id, sql.placeholder('id')))
    .prepare(),
);

// The articles that have this slug now, or had it before their slug was edited after publication.
function slugOwners(q: Queryable, slug: string): { id: number }[] {
  return q.all<{ id: number }>(
    sql`SELECT id FROM articles WHERE slug = ${slug}
          UNION ALL SELECT article_id AS id FROM article_old_slugs WHERE slug = ${slug}`,
  );
}

// Slugs are unique: a taken one gets the article's id appended ("…-42"), then a counter.
export function uniqueSlug(q: Queryable, base: string, articleId: number): string {
  let candidate = base;
  for (let n = 1; ; n++) {
    const owners = slugOwners(q, candidate);
    if (owners.every((owner) => owner.id === articleId)) return candidate;
    candidate = n === 1 ? `${base}-${articleId}` : `${base}-${articleId}-${n}`;
  }
}

export function loadForAction(tx: Tx, actor: Actor, articleId: number, action: ArticleAction): Article {
  const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || article.deletedAt) throw new ActionError('not_found');
  assertCan(actor, action, article);
  return article;
}

// Exported for the history queries (lib/newsroom/history.ts): a restore is written the same way.
// What a revision holds of the article: one list, for the revisions written and for the working
// copy shown as a revision in the history (lib/newsroom/history.ts).
export function revisionContentOf(tx: Queryable, article: Article) {
  return {
    articleId: article.id,
    articleVersion: article.version,
    headline: article.headline,
    deck: article.deck,
    slug: article.slug,
    sectionId: article.sectionId,
    dateline: article.dateline,
    byline: article.byline,
    leadImageId: article.leadImageId,
    leadImageAlt: article.leadImageAlt,
    leadImageCaption: article.leadImageCaption,
    leadImageCredit: article.leadImageCredit,
    bodyJson: article.bodyJson,
    bodyText: article.bodyText,
    tagsJson: JSON.stringify(tagNamesOf(tx, article.id)),
    authorId: article.authorId,
  };
}

export function writeRevision(
  tx: Tx,
  actor: Actor,
  article: Article,
  reason: RevisionReason,
  bodyHtml: string | null,
  now: Date,
  note?: string,
) {
  return tx
    .insert(articleRevisions)
    .values({
      ...revisionContentOf(tx, article),
      reason,
      bodyHtml,
      createdBy: actor.id,
      note,
      createdAt: now,
    })
    .returning({ id: articleRevisions.id })
    .get();
}

export function recordEvent(
  tx: Tx,
  actor: Actor,
  articleId: number,
  action: string,
  from: ArticleStatus | null,
  to: ArticleStatus | null,
  now: Date,
  detail?: string,
) {
  tx.insert(events)
    .values({
      articleId,
      actorId: actor.id,
      action,
      fromStatus: from,
      toStatus: to,
      detail,
      createdAt: now,
    })
    .run();
}

export function createDraft(actor: Actor, now = new Date()): Article {
  return transaction((tx) => insertDraft(tx, actor, now));
}

function insertDraft(tx: Tx, actor: Actor, now: Date): Article {
  const article = tx
    .insert(articles)
    .values({
      authorId: actor.id,
      bodyJson: JSON.stringify(EMPTY_DOCUMENT),
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
  recordEvent(tx, actor, article.id, 'create', null, 'draft', now);
  return article;
}

// مقال جديد makes a draft the moment it opens (the editor, and writing together, need its id
// before the first keystroke); someone who opens it and leaves would leave «بلا عنوان» behind,
// one more each time. So opening مقال جديد first discards this person's drafts that were never
// touched: never saved (still at their first version: no headline, body, tag, section, image),
// with no revision, note, comment on the text, reader comment, assignment (بدء الكتابة) or wire
// item, no shared document written in the last minutes, open in no editor (the heartbeat keeps
// a presence row, writing together included), and older than a grace period, so that a second
// مقال جديد opened at once in another tab does not take the first one's draft away.
export const UNTOUCHED_DRAFT_GRACE_MS = 2 * 60_000;
const SHARED_DOCUMENT_QUIET_MS = 10 * 60_000;

export function discardUntouchedDrafts(tx: Tx, authorId: number, now: Date): number[] {
  const at = now.getTime();
  const untouched = tx.all<{ id: number }>(sql`
    SELECT a.id FROM articles a
    WHERE a.author_id = ${authorId} AND a.status = 'draft' AND a.deleted_at IS NULL
      AND a.version = 1 AND a.headline = '' AND a.body_text = '' AND a.published_at IS NULL
      AND a.created_at < ${at - UNTOUCHED_DRAFT_GRACE_MS}
      AND NOT EXISTS (SELECT 1 FROM article_revisions r WHERE r.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM notes n WHERE n.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM text_comment_threads t WHERE t.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM wire_items w WHERE w.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM article_tags g WHERE g.article_id = a.id)
      AND NOT EXISTS (SELECT 1 FROM article_collab_states k
                      WHERE k.article_id = a.id AND k.updated_at > ${at - SHARED_DOCUMENT_QUIET_MS})
      AND NOT EXISTS (SELECT 1 FROM editor_presence p
                      WHERE p.article_id = a.id AND p.seen_at > ${at - PRESENCE_EXPIRES_MS})`);
  const ids = untouched.map((row) => row.id);
  if (ids.length === 0) return ids;
  // Its only trace, «إنشاء» in the activity log, goes with it: nothing happened to it.
  tx.delete(events).where(inArray(events.articleId, ids)).run();
  tx.delete(articles).where(inArray(articles.id, ids)).run();
  return ids;
}

// The draft مقال جديد opens, after discarding this person's untouched ones (above).
export function openNewDraft(actor: Actor, now = new Date()): Article {
  return transaction((tx) => {
    discardUntouchedDrafts(tx, actor.id, now);
    return insertDraft(tx, actor, now);
  });
}

// bodyHash: what an autosave's body patch names as its base (lib/shared/validation/article-save.ts).
export type ArticleForEdit = Article & { authorName: string; tags: string[]; bodyHash: string };

export function getArticleForEdit(actor: Actor, articleId: number): ArticleForEdit | undefined {
  const article = articleById().get({ id: articleId });
  if (!article || article.deletedAt) return undefined;
  assertCan(actor, 'view', article);
  const author = db.select({ name: users.name }).from(users).where(eq(users.id, article.authorId)).get();
  return {
    ...article,
    authorName: author?.name ?? '',
    tags: tagNamesOf(db, article.id),
    bodyHash: bodyHashOf(article.bodyJson),
  };
}

/** Hex SHA-256 of a stored body string (UTF-8): the base a body patch names. */
export function bodyHashOf(bodyJson: string): string {
  return createHash('sha256').update(bodyJson, 'utf8').digest('hex');
}

export type ArticleListItem = {
  id: number;
  headline: string;
  status: ArticleStatus;
  updatedAt: Date;
  authorName: string;
  wordCount: number;
};

const listColumns = {
  id: articles.id,
  headline: articles.headline,
  status: articles.status,
  updatedAt: articles.updatedAt,
  authorName: users.name,
  wordCount: articles.wordCount,
};

export function listMyArticles(actor: Actor, limit = 50): ArticleListItem[] {
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(and(eq(articles.authorId, actor.id), isNull(articles.deletedAt)))
    .orderBy(desc(articles.updatedAt))
    .limit(limit)
    .all();
}

// The desk's queue: what waits for an editor, then what is approved and ready to publish.
export function listReviewQueue(limit = 100): ArticleListItem[] {
  return db
    .select(listColumns)
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .where(and(inArray(articles.status, ['in_review', 'approved']), isNull(articles.deletedAt)))
    .orderBy(desc(articles.status), articles.submittedAt)
    .limit(limit)
    .all();
}

export function listSections() {
  return db.select().from(sections).orderBy(sections.position).all();
}
