import { and, desc, eq, lte, sql } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import {
  articleRevisions,
  articles,
  media,
  sections,
  users,
  type Article,
  type ArticleRevision,
} from '@/db/schema';
import { toMediaItem } from '@/lib/newsroom/media-library';
import { recordEvent, revisionContentOf, uniqueSlug, writeRevision } from '@/lib/newsroom/articles';
import { everyFieldChanged } from '@/lib/newsroom/save';
import { setArticleTags } from '@/lib/newsroom/tags';
import { slugify } from '@/lib/shared/arabic';
import { checkArticleDocument } from '@/lib/document/check';
import { documentStats } from '@/lib/document/stats';
import { ActionError } from '@/lib/shared/errors';
import { assertCan, can, ForbiddenError, type Actor } from '@/lib/shared/permissions';
import { transaction } from '@/db/transaction';

// سجل النسخ: listing, reading, comparing and restoring an article's revisions. Revisions are
// append-only (a trigger refuses updates, drizzle/0001): a restore is a new revision.

export const REVISION_MESSAGES = {
  otherArticle: 'لا يمكن مقارنة نسختين من مقالين مختلفين؛ اختر نسختين من سجل هذا المقال.',
  unknownRevision: 'هذه النسخة غير موجودة في سجل هذا المقال.',
  restoreForbidden: 'لا تملك صلاحية استعادة نسخة من هذا المقال في حالته الحالية.',
  documentOutdated: 'لا يمكن استعادة هذه النسخة: نصها لا يطابق مخطط المحرر الحالي.',
} as const;

export type RevisionSummary = {
  id: number;
  // The revision's number within its article (1 for its first), as the desk names it; the id is
  // the table's and only the address uses it ("النسخة 37" for an article's fifth was confusing).
  number: number;
  articleVersion: number;
  reason: string;
  note: string | null;
  headline: string;
  createdAt: Date;
  createdByName: string;
  published: boolean;
};

const revisionsOf = prepareOnFirstUse(() =>
  db
    .select({
      id: articleRevisions.id,
      articleVersion: articleRevisions.articleVersion,
      reason: articleRevisions.reason,
      note: articleRevisions.note,
      headline: articleRevisions.headline,
      createdAt: articleRevisions.createdAt,
      createdByName: users.name,
      published: sql<number>`${articleRevisions.bodyHtml} IS NOT NULL`,
    })
    .from(articleRevisions)
    .innerJoin(users, eq(users.id, articleRevisions.createdBy))
    .where(eq(articleRevisions.articleId, sql.placeholder('articleId')))
    .orderBy(desc(articleRevisions.id))
    .prepare(),
);

// The article, if this person may see it; otherwise as if it did not exist (a reporter learns
// nothing about someone else's work).
function viewableArticle(actor: Actor, articleId: number): Article {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || !can(actor, 'view', article)) throw new ActionError('not_found');
  return article;
}

// Newest first: the revision in the editor now is at the top.
export function listRevisions(actor: Actor, articleId: number): RevisionSummary[] {
  viewableArticle(actor, articleId);
  const rows = revisionsOf().all({ articleId });
  return rows.map((row, index) => ({
    ...row,
    number: rows.length - index,
    published: Boolean(row.published),
  }));
}

export type RevisionDetail = ArticleRevision & {
  // Its number within its article (RevisionSummary.number); 0 for the working copy.
  number: number;
  createdByName: string;
  sectionName: string | null;
  tags: string[];
  leadImageSrc: string | null;
};

function detailOf(revision: ArticleRevision): RevisionDetail {
  const creator = db.select({ name: users.name }).from(users).where(eq(users.id, revision.createdBy)).get();
  const section = revision.sectionId
    ? db.select({ name: sections.name }).from(sections).where(eq(sections.id, revision.sectionId)).get()
    : undefined;
  const image = revision.leadImageId
    ? db.select().from(media).where(eq(media.id, revision.leadImageId)).get()
    : undefined;
  const leadImageSrc = image ? toMediaItem(image).src || null : null;
  const number =
    db
      .select({ n: sql<number>`count(*)` })
      .from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, revision.articleId), lte(articleRevisions.id, revision.id)))
      .get()?.n ?? 0;
  return {
    ...revision,
    number,
    createdByName: creator?.name ?? '',
    sectionName: section?.name ?? null,
    tags: parseTags(revision.tagsJson),
    leadImageSrc,
  };
}

function parseTags(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

// One revision of one article. A revision id that belongs to another article is refused, so an
// address cannot be used to read an article one may not see through one that one may.
export function getRevision(actor: Actor, articleId: number, revisionId: number): RevisionDetail {
  viewableArticle(actor, articleId);
  const revision = db
    .select()
    .from(articleRevisions)
    .where(and(eq(articleRevisions.id, revisionId), eq(articleRevisions.articleId, articleId)))
    .get();
  if (!revision) throw new ActionError('not_found', { revision: REVISION_MESSAGES.unknownRevision });
  return detailOf(revision);
}

// The working copy as a revision-shaped object (id CURRENT), for comparing with it: autosaves
// within a few minutes share one revision, so the latest words may be newer than the newest
// revision until the next one is written (after the window, or at the next change of state).
export const CURRENT = 0;

function workingCopyRevision(article: Article): ArticleRevision {
  return {
    ...revisionContentOf(db, article),
    id: CURRENT,
    reason: 'save',
    bodyHtml: null,
    createdBy: article.authorId,
    note: null,
    createdAt: article.updatedAt,
  };
}

// Whether the working copy holds changes that no revision holds yet.
export function workingCopyIsAhead(article: Article, newest: RevisionSummary | undefined): boolean {
  return !newest || article.version > newest.articleVersion;
}

// Two revisions for مقارنة, both of this article (CURRENT is the working copy); the older first.
export function getRevisionPair(
  actor: Actor,
  articleId: number,
  fromId: number,
  toId: number,
): [RevisionDetail, RevisionDetail] {
  const article = viewableArticle(actor, articleId);
  const rows = [fromId, toId].map((id) =>
    id === CURRENT
      ? workingCopyRevision(article)
      : db.select().from(articleRevisions).where(eq(articleRevisions.id, id)).get(),
  );
  if (rows.some((row) => row && row.articleId !== articleId)) {
    throw new ActionError('invalid_input', { compare: REVISION_MESSAGES.otherArticle });
  }
  if (rows.some((row) => !row)) {
    throw new ActionError('not_found', { compare: REVISION_MESSAGES.unknownRevision });
  }
  const [a, b] = rows as [ArticleRevision, ArticleRevision];
  const order = (r: ArticleRevision) => (r.id === CURRENT ? Number.MAX_SAFE_INTEGER : r.id);
  return order(a) <= order(b) ? [detailOf(a), detailOf(b)] : [detailOf(b), detailOf(a)];
}

export type Restored = { version: number; revisionId: number };

// استعادة: the working copy takes the old revision's content, and a new revision records it with
// a note naming where it came from. Restoring is an edit, checked as one inside the transaction:
// on a published article it changes the working copy only (readers keep the published revision
// until an editor publishes again), and the version bump tells every open editor that the
// article moved on. A published article keeps its address: only an edit of the slug changes it.
export function restoreRevision(
  actor: Actor,
  articleId: number,
  revisionId: number,
  now = new Date(),
): Restored {
  return transaction((tx) => {
    const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
    if (!article || !can(actor, 'view', article)) throw new ActionError('not_found');
    try {
      assertCan(actor, 'edit', article);
    } catch (error) {
      if (error instanceof ForbiddenError) {
        throw new ActionError('forbidden', { restore: REVISION_MESSAGES.restoreForbidden });
      }
      throw error;
    }
    const revision = tx
      .select()
      .from(articleRevisions)
      .where(and(eq(articleRevisions.id, revisionId), eq(articleRevisions.articleId, articleId)))
      .get();
    if (!revision) throw new ActionError('not_found', { restore: REVISION_MESSAGES.unknownRevision });

    let parsed: unknown;
    try {
      parsed = JSON.parse(revision.bodyJson);
    } catch {
      parsed = null;
    }
    const checked = checkArticleDocument(parsed);
    if (!checked.ok)
      throw new ActionError('invalid_document', { restore: REVISION_MESSAGES.documentOutdated });
    const stats = documentStats(checked.node);

    // What the revision points at may be gone since; the restore keeps what still exists.
    const sectionId =
      revision.sectionId &&
      tx.select({ id: sections.id }).from(sections).where(eq(sections.id, revision.sectionId)).get()
        ? revision.sectionId
        : null;
    const leadImageId =
      revision.leadImageId &&
      tx.select({ id: media.id }).from(media).where(eq(media.id, revision.leadImageId)).get()
        ? revision.leadImageId
        : null;
    const slug = article.publishedAt
      ? article.slug
      : uniqueSlug(tx, revision.slug || slugify(revision.headline) || 'مقال', article.id);

    const updated = tx
      .update(articles)
      .set({
        headline: revision.headline,
        deck: revision.deck,
        slug,
        sectionId,
        dateline: revision.dateline,
        byline: revision.byline,
        leadImageId,
        leadImageAlt: leadImageId ? revision.leadImageAlt : '',
        leadImageCaption: leadImageId ? revision.leadImageCaption : '',
        leadImageCredit: leadImageId ? revision.leadImageCredit : '',
        bodyJson: JSON.stringify(checked.json as JSONContent),
        bodyText: stats.text,
        wordCount: stats.wordCount,
        fieldChanges: everyFieldChanged(article, actor, now),
        version: article.version + 1,
        updatedAt: now,
      })
      .where(and(eq(articles.id, article.id), eq(articles.version, article.version)))
      .returning()
      .get();
    if (!updated) throw new ActionError('conflict');
    setArticleTags(tx, article.id, parseTags(revision.tagsJson));
    // Named by its number within the article, as سجل النسخ shows it (not the table's id).
    const number =
      tx
        .select({ n: sql<number>`count(*)` })
        .from(articleRevisions)
        .where(and(eq(articleRevisions.articleId, article.id), lte(articleRevisions.id, revision.id)))
        .get()?.n ?? 0;
    const note = `استُعيدت من النسخة رقم ${number}`;
    const written = writeRevision(tx, actor, updated, 'restore', null, now, note);
    recordEvent(tx, actor, article.id, 'restore', article.status, article.status, now, note);
    return { version: updated.version, revisionId: written.id };
  });
}
