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
  return transaction((tx) => {
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
