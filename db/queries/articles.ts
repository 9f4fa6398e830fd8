import { createHash } from 'node:crypto';
import { and, desc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { db } from '@/db';
import type { Db } from '@/db/connection';
import { prepareOnFirstUse } from '@/db/prepared';
import {
  articleOldSlugs,
  articleRevisions,
  articles,
  events,
  media,
  sections,
  users,
  type Article,
  type ArticleStatus,
  type RevisionReason,
} from '@/db/schema';
import { addNoteInTx, notifyOfTransition } from '@/db/queries/notes';
import { indexPublishedArticle, removeFromSearch } from '@/db/queries/search';
import { cleanTagNames, setArticleTags, tagNamesOf } from '@/db/queries/tags';
import { readerPagesChangedIn } from '@/db/queries/reader-cache';
import { normalizeTagName, slugify } from '@/lib/arabic';
import {
  checkArticleDocument,
  DOCUMENT_MESSAGES,
  EMPTY_DOCUMENT,
  MAX_DOCUMENT_CHARS,
} from '@/lib/article-document/check';
import { documentStats } from '@/lib/article-document/stats';
import { renderArticleHtml } from '@/lib/article-document/render';
import { ActionError, type FieldErrors } from '@/lib/errors';
import {
  assertCan,
  NEXT_STATUS,
  type Actor,
  type ArticleActionAny as ArticleAction,
} from '@/lib/permissions';
import {
  ARTICLE_FIELDS,
  type ArticleChanges,
  type ArticleField,
  type ArticleFieldValues,
  type BodyPatch,
  type FieldConflict,
  type SaveArticleResult,
} from '@/lib/validation/article-save';

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
  'fieldChanges',
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

// The article that has this slug now, or had it before its slug was edited after publication.
const slugOwner = prepareOnFirstUse(() =>
  db.$client.prepare<{ slug: string }, { id: number }>(
    `SELECT id FROM articles WHERE slug = @slug
       UNION ALL SELECT article_id AS id FROM article_old_slugs WHERE slug = @slug`,
  ),
);

// Slugs are unique: a taken one gets the article's id appended ("…-42"), then a counter.
export function uniqueSlug(base: string, articleId: number): string {
  let candidate = base;
  for (let n = 1; ; n++) {
    const owners = slugOwner().all({ slug: candidate });
    if (owners.every((owner) => owner.id === articleId)) return candidate;
    candidate = n === 1 ? `${base}-${articleId}` : `${base}-${articleId}-${n}`;
  }
}

function loadForAction(tx: Tx, actor: Actor, articleId: number, action: ArticleAction): Article {
  const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || article.deletedAt) throw new ActionError('not_found');
  assertCan(actor, action, article);
  return article;
}

// Exported for the history queries (db/queries/revisions.ts): a restore is written the same way.
// What a revision holds of the article: one list, for the revisions written and for the working
// copy shown as a revision in the history (db/queries/revisions.ts).
export function revisionContentOf(tx: Tx | typeof db, article: Article) {
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

// bodyHash: what an autosave's body patch names as its base (lib/validation/article-save.ts).
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

type BodyColumns = Pick<Article, 'bodyJson' | 'bodyText' | 'wordCount'>;

function nextWorkingCopy(
  article: Article,
  changes: Omit<DraftChanges, 'body' | 'bodyText' | 'wordCount'>,
  body: BodyColumns,
  now: Date,
): Omit<WorkingCopy, 'fieldChanges'> {
  const headline = changes.headline.trim();
  // Once readers have had the address, it no longer follows the headline: only an edit of the
  // slug field changes it (and the old one keeps redirecting).
  const everPublished = article.publishedAt !== null;
  const typedSlug = changes.slug?.trim();
  const slugLocked = everPublished || (changes.slug === undefined ? article.slugLocked : typedSlug !== '');
  const wantedSlug = slugLocked ? slugify(typedSlug || article.slug) : slugify(headline);
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
    ...body,
    updatedAt: now,
  };
}

// Who last changed each field, at which version and when: what the three-way merge reads to know
// which fields others changed since the version a save was based on.
export type FieldChange = { version: number; by: number; at: number };
export type FieldChanges = Partial<Record<ArticleField, FieldChange>>;

// A write that replaces the whole working copy (a restore) counts as a change of every field, so
// a save based on an earlier version is compared field by field, never silently applied over it.
export function everyFieldChanged(article: Article, actor: Actor, now: Date): string {
  const change: FieldChange = { version: article.version + 1, by: actor.id, at: now.getTime() };
  return JSON.stringify(Object.fromEntries(ARTICLE_FIELDS.map((field) => [field, change])));
}

function fieldChangesOf(article: Article): FieldChanges {
  try {
    return JSON.parse(article.fieldChanges) as FieldChanges;
  } catch {
    return {};
  }
}

// A field's value as the save contract names it (lib/validation/article-save.ts).
function fieldValue<F extends ArticleField>(
  row: Omit<WorkingCopy, 'fieldChanges' | 'updatedAt' | 'bodyText' | 'wordCount'>,
  tags: string[],
  field: F,
): ArticleFieldValues[F] {
  const values: { [K in ArticleField]: () => ArticleFieldValues[K] } = {
    headline: () => row.headline,
    deck: () => row.deck,
    slug: () => (row.slugLocked ? row.slug : ''),
    sectionId: () => row.sectionId,
    dateline: () => row.dateline,
    byline: () => row.byline,
    tags: () => tags,
    leadImage: () =>
      row.leadImageId === null
        ? null
        : {
            mediaId: row.leadImageId,
            alt: row.leadImageAlt,
            caption: row.leadImageCaption,
            credit: row.leadImageCredit,
          },
    body: () => row.bodyJson,
  };
  return values[field]();
}

function sameFieldValue(field: ArticleField, a: unknown, b: unknown): boolean {
  if (field === 'tags') {
    // Two spellings of one Arabic tag are one tag (lib/arabic.ts normalizeTagName).
    const key = (names: unknown) => (names as string[]).map(normalizeTagName).join('\u0000');
    return key(a) === key(b);
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

// Records the fields whose stored value this write changes.
function recordFieldChanges(
  before: FieldChanges,
  article: Article,
  tagsBefore: string[],
  next: Omit<WorkingCopy, 'fieldChanges'>,
  tagsAfter: string[] | undefined,
  actor: Actor,
  now: Date,
): { fieldChanges: FieldChanges; changed: ArticleField[] } {
  const fieldChanges = { ...before };
  const changed: ArticleField[] = [];
  for (const field of ARTICLE_FIELDS) {
    const old = fieldValue(article, tagsBefore, field);
    const fresh = fieldValue(next, tagsAfter ?? tagsBefore, field);
    if (!sameFieldValue(field, old, fresh)) {
      fieldChanges[field] = { version: article.version + 1, by: actor.id, at: now.getTime() };
      changed.push(field);
    }
  }
  return { fieldChanges, changed };
}

// A missing section or library image is a message naming the field, not a foreign-key failure.
function requireReferences(tx: Tx, next: Pick<WorkingCopy, 'sectionId' | 'leadImageId'>, article: Article) {
  const fieldErrors: FieldErrors = {};
  if (next.sectionId !== null && next.sectionId !== article.sectionId) {
    if (!tx.select({ id: sections.id }).from(sections).where(eq(sections.id, next.sectionId)).get()) {
      fieldErrors.sectionId = 'القسم المختار غير موجود؛ اختر قسماً من القائمة.';
    }
  }
  if (next.leadImageId !== null && next.leadImageId !== article.leadImageId) {
    if (!tx.select({ id: media.id }).from(media).where(eq(media.id, next.leadImageId)).get()) {
      fieldErrors.leadImage = 'الصورة الرئيسية غير موجودة في مكتبة الصور؛ اخترها من جديد.';
    }
  }
  if (Object.keys(fieldErrors).length > 0) throw new ActionError('invalid_input', fieldErrors);
}

// Autosaves do not each become a revision: one per author per REVISION_COALESCE_MS.
function writeSaveRevision(tx: Tx, actor: Actor, articleId: number, now: Date) {
  const last = lastRevisionOf().get({ articleId });
  const coalesced =
    last &&
    last.reason === 'save' &&
    last.createdBy === actor.id &&
    now.getTime() - last.createdAt.getTime() < REVISION_COALESCE_MS;
  if (!coalesced) {
    const fresh = tx.select().from(articles).where(eq(articles.id, articleId)).get()!;
    writeRevision(tx, actor, fresh, 'save', null, now);
  }
}

export function saveDraft(actor: Actor, changes: DraftChanges, now = new Date()): SavedDraft {
  return db.transaction(
    (tx) => {
      const article = loadForAction(tx, actor, changes.articleId, 'edit');
      const body = {
        bodyJson: JSON.stringify(changes.body),
        bodyText: changes.bodyText,
        wordCount: changes.wordCount,
      };
      const working = nextWorkingCopy(article, changes, body, now);
      if (changes.baseVersion === article.version) requireReferences(tx, working, article);
      const tagsBefore = tagNamesOf(tx, article.id);
      const tagsAfter = changes.tags && cleanTagNames(changes.tags);
      const { fieldChanges } = recordFieldChanges(
        fieldChangesOf(article),
        article,
        tagsBefore,
        working,
        tagsAfter,
        actor,
        now,
      );
      const next = { ...working, fieldChanges: JSON.stringify(fieldChanges) };
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
      writeSaveRevision(tx, actor, article.id, now);
      return { version: saved.version, updatedAt: new Date(saved.updatedAt), slug: next.slug };
    },
    { behavior: 'immediate' },
  );
}

// A body already checked against the editor's schema (lib/article-document/check.ts), with
// what is derived from it.
export type CheckedBody = { serialized: string; text: string; wordCount: number };

// One autosave under the save contract (lib/validation/article-save.ts), its text already
// validated and cleaned: only the fields edited since `baseVersion`, the body whole or as a patch.
export type ArticleSave = {
  articleId: number;
  baseVersion: number;
  changes: Omit<ArticleChanges, 'body'>;
  body?: CheckedBody;
  bodyPatch?: BodyPatch;
};

const userName = prepareOnFirstUse(() =>
  db
    .select({ name: users.name })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare(),
);

// Splices the patch's blocks into the stored body, then checks the WHOLE resulting document
// against the schema (and every limit) as a full save would: a patch can never store what a
// full body could not.
function patchedBody(storedJson: string, patch: BodyPatch): CheckedBody {
  if (bodyHashOf(storedJson) !== patch.baseBodyHash) throw new ActionError('body_base_mismatch');
  const doc = JSON.parse(storedJson) as JSONContent;
  const blocks = doc.content ?? [];
  if (patch.from + patch.deleteCount > blocks.length) {
    throw new ActionError('invalid_document', {
      body: 'التعديل الجزئي لا يطابق نص المقال المحفوظ ولم يُطبَّق؛ يُرسل النص كاملاً.',
    });
  }
  blocks.splice(patch.from, patch.deleteCount, ...(patch.insert as JSONContent[]));
  doc.content = blocks;
  const checked = checkArticleDocument(doc);
  if (!checked.ok) throw new ActionError('invalid_document', { body: checked.reason });
  const serialized = JSON.stringify(checked.json);
  if (serialized.length > MAX_DOCUMENT_CHARS) {
    throw new ActionError('invalid_document', { body: DOCUMENT_MESSAGES.tooLong });
  }
  const stats = documentStats(checked.node);
  return { serialized, text: stats.text, wordCount: stats.wordCount };
}

// What a sent value will be once stored, for comparing it with the stored one.
function storedForm(changes: ArticleChanges, articleId: number): ArticleChanges {
  const out: ArticleChanges = { ...changes };
  for (const field of ['headline', 'deck', 'dateline', 'byline'] as const) {
    if (out[field] !== undefined) out[field] = out[field].trim();
  }
  if (out.slug !== undefined) {
    const typed = out.slug.trim();
    out.slug = typed === '' ? '' : uniqueSlug(slugify(typed) || FALLBACK_SLUG, articleId);
  }
  if (out.tags !== undefined) out.tags = cleanTagNames(out.tags);
  if (out.leadImage) {
    const { mediaId, alt, caption, credit } = out.leadImage;
    out.leadImage = { mediaId, alt: alt.trim(), caption: caption.trim(), credit: credit.trim() };
  }
  return out;
}

// The three-way merge by field (lib/validation/article-save.ts). A field sent that nobody changed
// since `baseVersion` is applied; one that someone changed since then to a different value is a
// conflict, not applied, and reported with both values and who changed it when; the same value
// on both sides is no conflict. A body patch whose base hash is the stored body was made on
// exactly what is stored, so it applies whoever saved last. Fields others changed that this
// save did not send come back in `theirs`. All in one immediate transaction: permission, merge,
// write, tags and the (coalesced) revision, or nothing.
export function saveArticle(actor: Actor, save: ArticleSave, now = new Date()): SaveArticleResult {
  return db.transaction(
    (tx) => {
      const article = loadForAction(tx, actor, save.articleId, 'edit');
      if (save.baseVersion > article.version) {
        throw new ActionError('invalid_input', {
          form: 'هذه النسخة من المقال غير موجودة على الخادم؛ أعد فتح المقال.',
        });
      }
      const history = fieldChangesOf(article);
      const changedSince = (field: ArticleField) => {
        const change = history[field];
        return change && change.version > save.baseVersion ? change : undefined;
      };
      const tagsBefore = tagNamesOf(tx, article.id);
      const body = save.bodyPatch ? patchedBody(article.bodyJson, save.bodyPatch) : save.body;
      const mine = storedForm({ ...save.changes, ...(body ? { body: body.serialized } : {}) }, article.id);

      const applied: ArticleField[] = [];
      const conflicts: FieldConflict[] = [];
      const apply: ArticleChanges = {};
      for (const field of ARTICLE_FIELDS) {
        if (mine[field] === undefined) continue;
        const theirs = fieldValue(article, tagsBefore, field);
        const change = changedSince(field);
        const madeOnStored = field === 'body' && save.bodyPatch !== undefined;
        if (change && !madeOnStored && !sameFieldValue(field, mine[field], theirs)) {
          conflicts.push({
            field,
            theirs,
            mine: mine[field],
            changedBy: { id: change.by, name: userName().get({ id: change.by })?.name ?? '' },
            changedAt: change.at,
          } as FieldConflict);
          continue;
        }
        applied.push(field);
        (apply as Record<ArticleField, unknown>)[field] = mine[field];
      }
      const theirs: ArticleChanges = {};
      for (const field of ARTICLE_FIELDS) {
        if (mine[field] === undefined && changedSince(field)) {
          (theirs as Record<ArticleField, unknown>)[field] = fieldValue(article, tagsBefore, field);
        }
      }

      const working = nextWorkingCopy(
        article,
        {
          articleId: article.id,
          baseVersion: article.version,
          headline: apply.headline ?? article.headline,
          deck: apply.deck,
          dateline: apply.dateline,
          byline: apply.byline,
          sectionId: apply.sectionId,
          slug: apply.slug,
          leadImage: apply.leadImage,
        },
        apply.body !== undefined && body
          ? { bodyJson: body.serialized, bodyText: body.text, wordCount: body.wordCount }
          : { bodyJson: article.bodyJson, bodyText: article.bodyText, wordCount: article.wordCount },
        now,
      );
      requireReferences(tx, working, article);
      const { fieldChanges, changed } = recordFieldChanges(
        history,
        article,
        tagsBefore,
        working,
        apply.tags,
        actor,
        now,
      );
      const result = { applied, conflicts, theirs, savedAt: now.getTime() };
      if (changed.length === 0) {
        // Nothing differs from what is stored: no new version, no revision.
        return {
          ...result,
          version: article.version,
          slug: article.slug,
          bodyHash: bodyHashOf(article.bodyJson),
        };
      }
      const saved = updateDraftIfVersion().get({
        ...working,
        slugLocked: working.slugLocked ? 1 : 0,
        fieldChanges: JSON.stringify(fieldChanges),
        updatedAt: now.getTime(),
        id: article.id,
        baseVersion: article.version,
      });
      // The row was read in this immediate transaction; nothing can have moved it since.
      if (!saved) throw new ActionError('conflict');
      if (changed.includes('tags')) setArticleTags(tx, article.id, apply.tags!);
      writeSaveRevision(tx, actor, article.id, now);
      return {
        ...result,
        version: saved.version,
        slug: working.slug,
        bodyHash: bodyHashOf(working.bodyJson),
      };
    },
    { behavior: 'immediate' },
  );
}

const REQUIRED_FOR_REVIEW = {
  headline: 'العنوان مطلوب قبل الإرسال للمراجعة',
  body: 'نص المقال فارغ؛ اكتب نص المقال قبل الإرسال للمراجعة',
} as const;
const REQUIRED_FOR_PUBLICATION = {
  headline: 'العنوان مطلوب قبل النشر',
  body: 'نص المقال فارغ؛ اكتب نص المقال قبل النشر',
  section: 'القسم مطلوب قبل النشر؛ اختر قسماً للمقال',
} as const;

// What an article lacks before it may go to review, or to readers. The refusal names the first
// missing field in its message, and every missing field next to itself.
export function missingFields(
  article: Pick<Article, 'headline' | 'bodyText' | 'sectionId'>,
  forPublication: boolean,
): FieldErrors {
  const messages = forPublication ? REQUIRED_FOR_PUBLICATION : REQUIRED_FOR_REVIEW;
  const fieldErrors: FieldErrors = {};
  if (!article.headline.trim()) fieldErrors.headline = messages.headline;
  if (!article.bodyText.trim()) fieldErrors.body = messages.body;
  if (forPublication && article.sectionId === null) fieldErrors.section = REQUIRED_FOR_PUBLICATION.section;
  return fieldErrors;
}

function requireFields(article: Article, forPublication: boolean): void {
  const fieldErrors = missingFields(article, forPublication);
  const first = Object.keys(fieldErrors)[0];
  if (!first) return;
  const code = forPublication ? (`missing_${first}` as 'missing_headline') : 'invalid_input';
  throw new ActionError(code, fieldErrors);
}

const REVISION_REASON_OF: Partial<Record<ArticleAction, RevisionReason>> = {
  submit: 'submit',
  withdraw: 'withdraw',
  requestChanges: 'request_changes',
  approve: 'approve',
  schedule: 'schedule',
  publish: 'publish',
  unpublish: 'unpublish',
  archive: 'archive',
};

export type Transitioned = { status: ArticleStatus; version: number };

export type TransitionOptions = {
  // The reason for requested changes, or the correction/update note of a publication.
  reason?: string;
  // For schedule: when it goes live. For schedule and embargo: until when readers see nothing.
  scheduledAt?: Date;
  embargoUntil?: Date | null;
  // The scheduler's own publication: only if the article is still scheduled and its time has come
  // (it was authorized when it was scheduled). Returns null when another process was first.
  due?: boolean;
  // Tests race two connections to one file; the app has one.
  database?: Db;
};

export const SCHEDULE_MESSAGES = {
  past: 'موعد النشر مضى؛ اختر وقتاً قادماً',
  embargoAfterSchedule: 'حظر النشر حتى وقت بعد موعد النشر غير ممكن؛ اجعله قبل موعد النشر أو عنده',
  embargoPast: 'وقت حظر النشر مضى؛ اختر وقتاً قادماً أو اترك الحقل فارغاً',
} as const;

// One path for every change of state: load, check permission on the row as it is inside the
// write transaction, change it with one write conditional on the version that was checked,
// snapshot it, record who did it and tell whom it concerns.
function transition(
  actor: Actor,
  articleId: number,
  action: ArticleAction,
  now: Date,
  options: TransitionOptions = {},
): Transitioned | null {
  const { reason, due = false, database = db } = options;
  return database.transaction(
    (tx) => {
      const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
      if (!article || article.deletedAt) throw new ActionError('not_found');
      if (due) {
        if (!isDue(action, article, now)) return null;
      } else assertCan(actor, action, article);
      if (action === 'submit' || action === 'approve') requireFields(article, false);
      if (action === 'publish' || action === 'schedule') requireFields(article, true);
      if (action === 'requestChanges' && !reason?.trim()) {
        throw new ActionError('invalid_input', { reason: 'اكتب سبب طلب التعديلات' });
      }
      if (action === 'delete' && article.publishedAt) throw new ActionError('forbidden');
      const embargo = embargoFor(action, article, now, options);
      const to = NEXT_STATUS[action] ?? article.status;
      const firstPublication = action === 'publish' && !article.publishedAt;
      const updated = tx
        .update(articles)
        .set({
          status: to,
          version: article.version + 1,
          updatedAt: now,
          embargoUntil: embargo,
          ...(action === 'submit' ? { submittedAt: now, changesRequestedReason: null } : {}),
          ...(action === 'approve' ? { approvedAt: now } : {}),
          ...(action === 'requestChanges' ? { changesRequestedReason: reason!.trim() } : {}),
          ...(action === 'schedule' ? { scheduledAt: options.scheduledAt!, scheduledBy: actor.id } : {}),
          ...(action === 'unschedule' || action === 'requestChanges' ? { scheduledAt: null } : {}),
          ...(action === 'delete' ? { deletedAt: now } : {}),
          ...(action === 'publish'
            ? firstPublication
              ? { publishedAt: now, republishedAt: null, scheduledAt: null }
              : { republishedAt: now, scheduledAt: null }
            : {}),
        })
        .where(
          and(
            eq(articles.id, article.id),
            eq(articles.version, article.version),
            // The scheduler's write lands only on a row still scheduled and due, so two processes
            // sweeping at once publish it once.
            due ? dueCondition(action, now) : undefined,
          ),
        )
        .returning()
        .get();
      if (!updated) {
        if (due) return null;
        throw new ActionError('conflict');
      }
      const live = updated.status === 'published' && updated.embargoUntil === null;
      // Reader HTML is rendered once, here, from the same extensions as the editor.
      const html =
        action === 'publish' ? renderArticleHtml(JSON.parse(updated.bodyJson) as JSONContent) : null;
      const revisionReason = REVISION_REASON_OF[action];
      if (revisionReason) {
        const revision = writeRevision(
          tx,
          actor,
          updated,
          revisionReason,
          html,
          now,
          reason?.trim() || undefined,
        );
        if (action === 'publish') {
          retireOldSlug(tx, article.id, updated.slug, now);
          tx.update(articles)
            .set({ publishedRevisionId: revision.id })
            .where(eq(articles.id, article.id))
            .run();
        }
      }
      // The search index holds exactly what readers may find.
      if (live && (action === 'publish' || action === 'embargo')) indexForReaders(tx, updated);
      if (!live) removeFromSearch(tx, article.id);
      if (action === 'requestChanges')
        addNoteInTx(tx, actor, updated, reason!.trim(), 'request_changes', now);
      recordEvent(
        tx,
        actor,
        article.id,
        due ? 'scheduled_publish' : action,
        article.status,
        to,
        now,
        eventDetail(action, reason, updated),
      );
      notifyOfTransition(tx, actor, updated, action, now);
      // The one reader cache signal, in this transaction (db/queries/reader-cache.ts says why).
      if (
        action === 'publish' ||
        action === 'unpublish' ||
        (action === 'embargo' && updated.status === 'published')
      )
        readerPagesChangedIn(tx, article.id);
      return { status: to, version: updated.version };
    },
    { behavior: 'immediate' },
  );
}

// What the scheduler acts on: a scheduled article whose time has come, an embargo that has passed.
function isDue(action: ArticleAction, article: Article, now: Date): boolean {
  if (action === 'publish')
    return article.status === 'scheduled' && !!article.scheduledAt && article.scheduledAt <= now;
  return action === 'embargo' && !!article.embargoUntil && article.embargoUntil <= now;
}

function dueCondition(action: ArticleAction, now: Date) {
  return action === 'publish'
    ? and(eq(articles.status, 'scheduled'), lte(articles.scheduledAt, now))
    : lte(articles.embargoUntil, now);
}

// The embargo the article has after this action. Refused when it would fall after the schedule.
function embargoFor(
  action: ArticleAction,
  article: Article,
  now: Date,
  options: TransitionOptions,
): Date | null {
  let embargo = article.embargoUntil;
  if (action === 'schedule' || action === 'embargo') {
    embargo = options.embargoUntil === undefined ? embargo : options.embargoUntil;
    if (embargo && embargo <= now)
      throw new ActionError('invalid_input', { embargoUntil: SCHEDULE_MESSAGES.embargoPast });
  }
  if (action === 'schedule') {
    const at = options.scheduledAt;
    if (!at || at <= now) throw new ActionError('invalid_input', { scheduledAt: SCHEDULE_MESSAGES.past });
  }
  const scheduledAt = action === 'schedule' ? options.scheduledAt! : article.scheduledAt;
  const scheduled = action === 'schedule' || (action !== 'unschedule' && article.status === 'scheduled');
  if (scheduled && embargo && scheduledAt && embargo > scheduledAt)
    throw new ActionError('invalid_input', { embargoUntil: SCHEDULE_MESSAGES.embargoAfterSchedule });
  // A passed embargo is lifted by the publication itself.
  if (action === 'publish' && embargo && embargo <= now) embargo = null;
  return embargo;
}

function eventDetail(
  action: ArticleAction,
  reason: string | undefined,
  article: Article,
): string | undefined {
  if (action === 'schedule') return article.scheduledAt?.toISOString();
  if (action === 'embargo') return article.embargoUntil?.toISOString() ?? 'lifted';
  return reason?.trim() || undefined;
}

function indexForReaders(tx: Tx, article: Article): void {
  const published = tx
    .select()
    .from(articleRevisions)
    .where(eq(articleRevisions.id, article.publishedRevisionId ?? -1))
    .get();
  const source = published ?? article;
  indexPublishedArticle(tx, article.id, {
    headline: source.headline,
    deck: source.deck,
    body: source.bodyText,
    tags: published ? (JSON.parse(published.tagsJson) as string[]) : tagNamesOf(tx, article.id),
  });
}

// The slug readers knew before this publication keeps pointing at the article (the article
// route redirects any other slug to the current one) and is never handed to another article.
function retireOldSlug(tx: Tx, articleId: number, newSlug: string, now: Date): void {
  const previous = tx
    .select({ slug: articleRevisions.slug })
    .from(articleRevisions)
    .innerJoin(articles, eq(articles.publishedRevisionId, articleRevisions.id))
    .where(eq(articles.id, articleId))
    .get();
  if (!previous || previous.slug === newSlug || !previous.slug) return;
  tx.insert(articleOldSlugs)
    .values({ slug: previous.slug, articleId, retiredAt: now })
    .onConflictDoNothing()
    .run();
  tx.delete(articleOldSlugs)
    .where(and(eq(articleOldSlugs.slug, newSlug), eq(articleOldSlugs.articleId, articleId)))
    .run();
}

const only = (result: Transitioned | null): Transitioned => result!;

export const submitForReview = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'submit', now));
export const withdrawFromReview = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'withdraw', now));
export const requestChanges = (actor: Actor, articleId: number, reason: string, now = new Date()) =>
  only(transition(actor, articleId, 'requestChanges', now, { reason }));
export const approveArticle = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'approve', now));
// A note given when an article is published again is the correction or update readers see.
export const publishArticle = (actor: Actor, articleId: number, now = new Date(), note?: string) =>
  only(transition(actor, articleId, 'publish', now, { reason: note }));
export const unpublishArticle = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'unpublish', now));
export const scheduleArticle = (
  actor: Actor,
  articleId: number,
  scheduledAt: Date,
  embargoUntil: Date | null = null,
  now = new Date(),
) => only(transition(actor, articleId, 'schedule', now, { scheduledAt, embargoUntil }));
export const unscheduleArticle = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'unschedule', now));
// null lifts the embargo at once.
export const setEmbargo = (actor: Actor, articleId: number, embargoUntil: Date | null, now = new Date()) =>
  only(transition(actor, articleId, 'embargo', now, { embargoUntil }));
export const archiveArticle = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'archive', now));
export const deleteDraft = (actor: Actor, articleId: number, now = new Date()) =>
  only(transition(actor, articleId, 'delete', now));

// The scheduler's publication of one article, in the name of whoever scheduled it: null when it
// is no longer scheduled and due (another process published it first, or it was unscheduled).
export function publishIfDue(actor: Actor, articleId: number, now = new Date(), database: Db = db) {
  return transition(actor, articleId, 'publish', now, { due: true, database });
}

// The scheduler's lifting of a passed embargo, with the same guarantee.
export function liftEmbargoIfDue(actor: Actor, articleId: number, now = new Date(), database: Db = db) {
  return transition(actor, articleId, 'embargo', now, { due: true, embargoUntil: null, database });
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
