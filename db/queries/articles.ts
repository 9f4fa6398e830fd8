import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
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
import { indexPublishedArticle, removeFromSearch } from '@/db/queries/search';
import { setArticleTags, tagNamesOf } from '@/db/queries/tags';
import { expireReaderPlacesIn } from '@/db/queries/reader-cache';
import { slugify } from '@/lib/arabic';
import { EMPTY_DOCUMENT } from '@/lib/article-document/check';
import { renderArticleHtml } from '@/lib/article-document/render';
import { ActionError, type FieldErrors } from '@/lib/errors';
import { assertCan, NEXT_STATUS, type Actor, type ArticleAction } from '@/lib/permissions';

type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

// Autosaves do not each become a revision: one per author per this many minutes of editing,
// plus one at every change of state.
export const REVISION_COALESCE_MS = 5 * 60 * 1000;
const FALLBACK_SLUG = 'مقال';

const articleById = prepareOnFirstUse(() =>
  db
    .select()
    .from(articles)
    .where(eq(articles.id, sql.placeholder('id')))
    .prepare(),
);

const lastRevisionOf = prepareOnFirstUse(() =>
  db
    .select({
      reason: articleRevisions.reason,
      createdBy: articleRevisions.createdBy,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, sql.placeholder('articleId')))
    .orderBy(desc(articleRevisions.id))
    .limit(1)
    .prepare(),
);

// The conditional write at the heart of "no write is ever lost silently": it only lands on the
// version the journalist's editor last saw.
const WORKING_COPY_FIELDS = [
  'headline',
  'deck',
  'dateline',
  'byline',
  'sectionId',
  'slug',
  'slugLocked',
  'leadImageId',
  'leadImageAlt',
  'leadImageCaption',
  'leadImageCredit',
  'bodyJson',
  'bodyText',
  'wordCount',
  'updatedAt',
] as const;
type WorkingCopy = Pick<Article, (typeof WORKING_COPY_FIELDS)[number]>;

const updateDraftIfVersion = prepareOnFirstUse(() =>
  db
    .update(articles)
    .set({
      ...Object.fromEntries(WORKING_COPY_FIELDS.map((field) => [field, sql`${sql.placeholder(field)}`])),
      version: sql`${articles.version} + 1`,
    })
    .where(and(eq(articles.id, sql.placeholder('id')), eq(articles.version, sql.placeholder('baseVersion'))))
    .returning({ version: articles.version, updatedAt: articles.updatedAt })
    .prepare(),
);

const slugOwner = prepareOnFirstUse(() =>
  db
    .select({ id: articles.id })
    .from(articles)
    .where(eq(articles.slug, sql.placeholder('slug')))
    .prepare(),
);

// Slugs are unique: a taken one gets the article's id appended ("…-42"), then a counter.
export function uniqueSlug(base: string, articleId: number): string {
  let candidate = base;
  for (let n = 1; ; n++) {
    const owner = slugOwner().get({ slug: candidate });
    if (!owner || owner.id === articleId) return candidate;
    candidate = n === 1 ? `${base}-${articleId}` : `${base}-${articleId}-${n}`;
  }
}

function loadForAction(tx: Tx, actor: Actor, articleId: number, action: ArticleAction): Article {
  const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article) throw new ActionError('not_found');
  assertCan(actor, action, article);
  return article;
}

// Exported for the history queries (db/queries/revisions.ts): a restore is written the same way.
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
      articleId: article.id,
      articleVersion: article.version,
      reason,
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
      bodyHtml,
      tagsJson: JSON.stringify(tagNamesOf(tx, article.id)),
      authorId: article.authorId,
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
  return db.transaction(
    (tx) => {
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
    },
    { behavior: 'immediate' },
  );
}

export type ArticleForEdit = Article & { authorName: string; tags: string[] };

export function getArticleForEdit(actor: Actor, articleId: number): ArticleForEdit | undefined {
  const article = articleById().get({ id: articleId });
  if (!article) return undefined;
  assertCan(actor, 'view', article);
  const author = db.select({ name: users.name }).from(users).where(eq(users.id, article.authorId)).get();
  return { ...article, authorName: author?.name ?? '', tags: tagNamesOf(db, article.id) };
}

export type LeadImage = { mediaId: number; alt: string; caption: string; credit: string };

// What one autosave carries. The body and headline always; metadata only when the journalist
// touched it (undefined leaves the stored value alone).
export type DraftChanges = {
  articleId: number;
  baseVersion: number;
  headline: string;
  deck?: string;
  dateline?: string;
  byline?: string;
  sectionId?: number | null;
  // A slug typed by hand; it stops following the headline from then on. '' unlocks it again.
  slug?: string;
  leadImage?: LeadImage | null;
  tags?: string[];
  body: JSONContent;
  bodyText: string;
  wordCount: number;
};

export type SavedDraft = { version: number; updatedAt: Date; slug: string };

// What the editor needs to show a conflict: the newer text that stays in the database.
export type ConflictState = { version: number; headline: string; body: JSONContent; updatedAt: string };

function nextWorkingCopy(article: Article, changes: DraftChanges, now: Date): WorkingCopy {
  const headline = changes.headline.trim();
  const slugLocked = changes.slug === undefined ? article.slugLocked : changes.slug.trim() !== '';
  const wantedSlug = slugLocked ? slugify(changes.slug ?? article.slug) : slugify(headline);
  const image = changes.leadImage;
  return {
    headline,
    deck: (changes.deck ?? article.deck).trim(),
    dateline: (changes.dateline ?? article.dateline).trim(),
    byline: (changes.byline ?? article.byline).trim(),
    sectionId: changes.sectionId === undefined ? article.sectionId : changes.sectionId,
    slug: uniqueSlug(wantedSlug || FALLBACK_SLUG, article.id),
    slugLocked,
    leadImageId: image === undefined ? article.leadImageId : (image?.mediaId ?? null),
    leadImageAlt: image === undefined ? article.leadImageAlt : (image?.alt.trim() ?? ''),
    leadImageCaption: image === undefined ? article.leadImageCaption : (image?.caption.trim() ?? ''),
    leadImageCredit: image === undefined ? article.leadImageCredit : (image?.credit.trim() ?? ''),
    bodyJson: JSON.stringify(changes.body),
    bodyText: changes.bodyText,
    wordCount: changes.wordCount,
    updatedAt: now,
  };
}

export function saveDraft(actor: Actor, changes: DraftChanges, now = new Date()): SavedDraft {
  return db.transaction(
    (tx) => {
      const article = loadForAction(tx, actor, changes.articleId, 'edit');
      const next = nextWorkingCopy(article, changes, now);
      const saved = updateDraftIfVersion().get({
        ...next,
        slugLocked: next.slugLocked ? 1 : 0,
        updatedAt: now.getTime(),
        id: changes.articleId,
        baseVersion: changes.baseVersion,
      });
      if (!saved) {
        const current: ConflictState = {
          version: article.version,
          headline: article.headline,
          body: JSON.parse(article.bodyJson) as JSONContent,
          updatedAt: article.updatedAt.toISOString(),
        };
        throw new ActionError('conflict', undefined, current);
      }
      if (changes.tags) setArticleTags(tx, article.id, changes.tags);
      const last = lastRevisionOf().get({ articleId: article.id });
      const coalesced =
        last &&
        last.reason === 'save' &&
        last.createdBy === actor.id &&
        now.getTime() - last.createdAt.getTime() < REVISION_COALESCE_MS;
      if (!coalesced) {
        const fresh = tx.select().from(articles).where(eq(articles.id, article.id)).get()!;
        writeRevision(tx, actor, fresh, 'save', null, now);
      }
      return { version: saved.version, updatedAt: new Date(saved.updatedAt), slug: next.slug };
    },
    { behavior: 'immediate' },
  );
}

function requireReadyForReview(article: Article): void {
  const fieldErrors: FieldErrors = {};
  if (!article.headline.trim()) fieldErrors.headline = 'العنوان مطلوب قبل الإرسال للمراجعة';
  if (!article.bodyText.trim()) fieldErrors.body = 'نص المقال فارغ؛ اكتب نص المقال قبل الإرسال للمراجعة';
  if (Object.keys(fieldErrors).length > 0) throw new ActionError('invalid_input', fieldErrors);
}

const REVISION_REASON_OF: Partial<Record<ArticleAction, RevisionReason>> = {
  submit: 'submit',
  requestChanges: 'request_changes',
  approve: 'approve',
  publish: 'publish',
  unpublish: 'unpublish',
};

export type Transitioned = { status: ArticleStatus; version: number };

// One path for every change of state: load, check permission on the row as it is inside the
// write transaction, change it, snapshot it, and record who did it.
function transition(
  actor: Actor,
  articleId: number,
  action: ArticleAction,
  now: Date,
  reason?: string,
): Transitioned {
  return db.transaction(
    (tx) => {
      const article = loadForAction(tx, actor, articleId, action);
      if (action === 'submit' || action === 'approve' || action === 'publish') requireReadyForReview(article);
      if (action === 'requestChanges' && !reason?.trim()) {
        throw new ActionError('invalid_input', { reason: 'اكتب سبب طلب التعديلات' });
      }
      const to = NEXT_STATUS[action]!;
      const firstPublication = action === 'publish' && !article.publishedAt;
      const updated = tx
        .update(articles)
        .set({
          status: to,
          version: article.version + 1,
          updatedAt: now,
          ...(action === 'submit' ? { submittedAt: now, changesRequestedReason: null } : {}),
          ...(action === 'approve' ? { approvedAt: now } : {}),
          ...(action === 'requestChanges' ? { changesRequestedReason: reason!.trim() } : {}),
          ...(action === 'publish'
            ? firstPublication
              ? { publishedAt: now, republishedAt: null }
              : { republishedAt: now }
            : {}),
        })
        .where(and(eq(articles.id, article.id), eq(articles.version, article.version)))
        .returning()
        .get();
      if (!updated) throw new ActionError('conflict');
      // Reader HTML is rendered once, here, from the same extensions as the editor.
      const html =
        action === 'publish' ? renderArticleHtml(JSON.parse(updated.bodyJson) as JSONContent) : null;
      const revision = writeRevision(tx, actor, updated, REVISION_REASON_OF[action]!, html, now, reason);
      if (action === 'publish') {
        tx.update(articles)
          .set({ publishedRevisionId: revision.id })
          .where(eq(articles.id, article.id))
          .run();
        indexPublishedArticle(tx, article.id, {
          headline: updated.headline,
          deck: updated.deck,
          body: updated.bodyText,
          tags: tagNamesOf(tx, article.id),
        });
      }
      if (action === 'unpublish') removeFromSearch(tx, article.id);
      recordEvent(tx, actor, article.id, action, article.status, to, now, reason);
      // Every worker process forgets its copies of the pages this article is on (server.mjs).
      if (action === 'publish' || action === 'unpublish') expireReaderPlacesIn(tx, article.id);
      return { status: to, version: updated.version };
    },
    { behavior: 'immediate' },
  );
}

export const submitForReview = (actor: Actor, articleId: number, now = new Date()) =>
  transition(actor, articleId, 'submit', now);
export const requestChanges = (actor: Actor, articleId: number, reason: string, now = new Date()) =>
  transition(actor, articleId, 'requestChanges', now, reason);
export const approveArticle = (actor: Actor, articleId: number, now = new Date()) =>
  transition(actor, articleId, 'approve', now);
// A note given when an article is published again is the correction or update readers see.
export const publishArticle = (actor: Actor, articleId: number, now = new Date(), note?: string) =>
  transition(actor, articleId, 'publish', now, note);
export const unpublishArticle = (actor: Actor, articleId: number, now = new Date()) =>
  transition(actor, articleId, 'unpublish', now);

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
    .where(eq(articles.authorId, actor.id))
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
    .where(inArray(articles.status, ['in_review', 'approved']))
    .orderBy(desc(articles.status), articles.submittedAt)
    .limit(limit)
    .all();
}

export function listSections() {
  return db.select().from(sections).orderBy(sections.position).all();
}
