import { and, desc, eq, sql } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { articleRevisions, articles, media, sections, users, type Article } from '@/db/schema';
import { cleanTagNames, setArticleTags, tagNamesOf } from '@/lib/newsroom/tags';
import { normalizeTagName, slugify } from '@/lib/shared/arabic';
import { checkArticleDocument, DOCUMENT_MESSAGES, MAX_DOCUMENT_CHARS } from '@/lib/document/check';
import { mergeBlocks } from '@/lib/document/merge';
import { documentStats } from '@/lib/document/stats';
import { ActionError, type FieldErrors } from '@/lib/shared/errors';
import { type Actor } from '@/lib/shared/permissions';
import {
  ARTICLE_FIELDS,
  type ArticleChanges,
  type ArticleField,
  type ArticleFieldValues,
  type BodyBlockConflict,
  type BodyPatch,
  type FieldConflict,
  type SaveArticleResult,
} from '@/lib/shared/validation/article-save';
import { transaction, type Tx } from '@/db/transaction';
import { bodyHashOf, loadForAction, uniqueSlug, writeRevision } from '@/lib/newsroom/articles';

// The autosave: the three-way merge by field of what a journalist's editor sends onto the stored
// working copy, in one immediate transaction with the permission check (docs/architecture.md).

// Autosaves do not each become a revision: one per author per this many minutes of editing,
// plus one at every change of state.
export const REVISION_COALESCE_MS = 5 * 60 * 1000;
const FALLBACK_SLUG = 'مقال';

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

// The working copy is written only if it is still at the version this save read (inside the
// same immediate transaction, so always, unless the code above is wrong).
function updateIfVersion(tx: Tx, id: number, baseVersion: number, next: WorkingCopy) {
  const values = Object.fromEntries(WORKING_COPY_FIELDS.map((field) => [field, next[field]]));
  return tx
    .update(articles)
    .set({ ...values, version: sql`${articles.version} + 1` })
    .where(and(eq(articles.id, id), eq(articles.version, baseVersion)))
    .returning({ version: articles.version, updatedAt: articles.updatedAt })
    .get();
}

export type LeadImage = { mediaId: number; alt: string; caption: string; credit: string };

// The fields a save applies to the working copy; undefined leaves the stored value alone.
type WorkingCopyChanges = {
  headline: string;
  deck?: string;
  dateline?: string;
  byline?: string;
  sectionId?: number | null;
  // A slug typed by hand; it stops following the headline from then on. '' unlocks it again.
  slug?: string;
  leadImage?: LeadImage | null;
};

type BodyColumns = Pick<Article, 'bodyJson' | 'bodyText' | 'wordCount'>;

function nextWorkingCopy(
  tx: Tx,
  article: Article,
  changes: WorkingCopyChanges,
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
    slug: uniqueSlug(tx, wantedSlug || FALLBACK_SLUG, article.id),
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

// A field's value as the save contract names it (lib/shared/validation/article-save.ts).
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
    // Two spellings of one Arabic tag are one tag (lib/shared/arabic.ts normalizeTagName).
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
  const last = tx
    .select({
      reason: articleRevisions.reason,
      createdBy: articleRevisions.createdBy,
      createdAt: articleRevisions.createdAt,
    })
    .from(articleRevisions)
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.id))
    .limit(1)
    .get();
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

// A body already checked against the editor's schema (lib/document/check.ts), with
// what is derived from it.
export type CheckedBody = { serialized: string; text: string; wordCount: number };

// One autosave under the save contract (lib/shared/validation/article-save.ts), its text already
// validated and cleaned: only the fields edited since `baseVersion`, the body whole or as a patch.
export type ArticleSave = {
  articleId: number;
  baseVersion: number;
  changes: Omit<ArticleChanges, 'body'>;
  body?: CheckedBody;
  bodyPatch?: BodyPatch;
  // The block keys of the body `body` was edited from (lib/document/merge.ts).
  bodyBase?: string[];
};

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
  return checkedDocument(doc);
}

// A document put together on the server (a patch spliced in, two bodies merged) is checked whole,
// against the schema and every limit, as a body sent whole is.
function checkedDocument(doc: JSONContent): CheckedBody {
  const checked = checkArticleDocument(doc);
  if (!checked.ok) throw new ActionError('invalid_document', { body: checked.reason });
  const serialized = JSON.stringify(checked.json);
  if (serialized.length > MAX_DOCUMENT_CHARS) {
    throw new ActionError('invalid_document', { body: DOCUMENT_MESSAGES.tooLong });
  }
  const stats = documentStats(checked.node);
  return { serialized, text: stats.text, wordCount: stats.wordCount };
}

function userName(tx: Tx, id: number): string {
  return tx.select({ name: users.name }).from(users).where(eq(users.id, id)).get()?.name ?? '';
}

// What a sent value will be once stored, for comparing it with the stored one.
// A body someone else changed since this save's base: merged by block against the base the editor
// named (lib/document/merge.ts). Either the merged body, checked whole, or the blocks both changed.
function mergedBody(
  baseKeys: string[],
  mine: string,
  stored: string,
): { body: CheckedBody; conflicts?: undefined } | { body?: undefined; conflicts: BodyBlockConflict[] } {
  const mineDoc = JSON.parse(mine) as JSONContent;
  const storedDoc = JSON.parse(stored) as JSONContent;
  const merged = mergeBlocks<JSONContent>(baseKeys, mineDoc.content ?? [], storedDoc.content ?? []);
  if (merged.conflicts.length) return { conflicts: merged.conflicts };
  const blocks = merged.parts.flatMap((part) => ('ok' in part ? part.ok : []));
  return { body: checkedDocument({ ...storedDoc, content: blocks }) };
}

function storedForm(tx: Tx, changes: ArticleChanges, articleId: number): ArticleChanges {
  const out: ArticleChanges = { ...changes };
  for (const field of ['headline', 'deck', 'dateline', 'byline'] as const) {
    if (out[field] !== undefined) out[field] = out[field].trim();
  }
  if (out.slug !== undefined) {
    const typed = out.slug.trim();
    out.slug = typed === '' ? '' : uniqueSlug(tx, slugify(typed) || FALLBACK_SLUG, articleId);
  }
  if (out.tags !== undefined) out.tags = cleanTagNames(out.tags);
  if (out.leadImage) {
    const { mediaId, alt, caption, credit } = out.leadImage;
    out.leadImage = { mediaId, alt: alt.trim(), caption: caption.trim(), credit: credit.trim() };
  }
  return out;
}

// The three-way merge by field (lib/shared/validation/article-save.ts). A field sent that nobody changed
// since `baseVersion` is applied; one that someone changed since then to a different value is a
// conflict, not applied, and reported with both values and who changed it when; the same value
// on both sides is no conflict. A body patch whose base hash is the stored body was made on
// exactly what is stored, so it applies whoever saved last. Fields others changed that this
// save did not send come back in `theirs`. All in one immediate transaction: permission, merge,
// write, tags and the (coalesced) revision, or nothing.
// allOrNothing: the API's saves (lib/platform/drafts.ts) are merged by field the same way, but a
// field someone else changed since the base version refuses the whole save (409, nothing written)
// instead of coming back as a conflict for a person to resolve: an integration has nobody to ask.
export function saveArticle(
  actor: Actor,
  save: ArticleSave,
  now = new Date(),
  options: { allOrNothing?: boolean } = {},
): SaveArticleResult {
  return transaction((tx) => {
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
    const mine = storedForm(tx, { ...save.changes, ...(body ? { body: body.serialized } : {}) }, article.id);

    const applied: ArticleField[] = [];
    const conflicts: FieldConflict[] = [];
    const apply: ArticleChanges = {};
    // The body to store when a block merge made it (not the one sent).
    let merged: CheckedBody | undefined;
    let blockConflicts: BodyBlockConflict[] | undefined;
    for (const field of ARTICLE_FIELDS) {
      if (mine[field] === undefined) continue;
      const theirs = fieldValue(article, tagsBefore, field);
      const change = changedSince(field);
      const madeOnStored = field === 'body' && save.bodyPatch !== undefined;
      if (change && !madeOnStored && !sameFieldValue(field, mine[field], theirs)) {
        if (field === 'body' && save.bodyBase) {
          const result = mergedBody(save.bodyBase, mine.body!, article.bodyJson);
          if (result.body) {
            merged = result.body;
            applied.push('body');
            apply.body = merged.serialized;
            continue;
          }
          blockConflicts = result.conflicts;
        }
        conflicts.push({
          field,
          theirs,
          mine: mine[field],
          changedBy: { id: change.by, name: userName(tx, change.by) },
          changedAt: change.at,
          ...(field === 'body' && blockConflicts ? { blocks: blockConflicts } : {}),
        } as FieldConflict);
        continue;
      }
      applied.push(field);
      (apply as Record<ArticleField, unknown>)[field] = mine[field];
    }
    if (options.allOrNothing && conflicts.length > 0) throw new ActionError('conflict', undefined, conflicts);
    const theirs: ArticleChanges = {};
    const theirsBy: NonNullable<SaveArticleResult['theirsBy']> = {};
    for (const field of ARTICLE_FIELDS) {
      const change = changedSince(field);
      if (mine[field] === undefined && change) {
        (theirs as Record<ArticleField, unknown>)[field] = fieldValue(article, tagsBefore, field);
        theirsBy[field] = { id: change.by, name: userName(tx, change.by), at: change.at };
      }
    }

    const working = nextWorkingCopy(
      tx,
      article,
      {
        headline: apply.headline ?? article.headline,
        deck: apply.deck,
        dateline: apply.dateline,
        byline: apply.byline,
        sectionId: apply.sectionId,
        slug: apply.slug,
        leadImage: apply.leadImage,
      },
      apply.body !== undefined && (merged ?? body)
        ? {
            bodyJson: (merged ?? body)!.serialized,
            bodyText: (merged ?? body)!.text,
            wordCount: (merged ?? body)!.wordCount,
          }
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
    const result = {
      applied,
      conflicts,
      theirs,
      ...(Object.keys(theirsBy).length ? { theirsBy } : {}),
      savedAt: now.getTime(),
      ...(merged ? { body: merged.serialized } : {}),
    };
    if (changed.length === 0) {
      // Nothing differs from what is stored: no new version, no revision.
      return {
        ...result,
        version: article.version,
        slug: article.slug,
        bodyHash: bodyHashOf(article.bodyJson),
      };
    }
    const saved = updateIfVersion(tx, article.id, article.version, {
      ...working,
      fieldChanges: JSON.stringify(fieldChanges),
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
  });
}
