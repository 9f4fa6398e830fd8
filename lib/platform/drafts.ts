import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { articles, media, sections } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { createDraft } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import {
  approveArticle,
  publishArticle,
  requestChanges,
  scheduleArticle,
  submitForReview,
  unpublishArticle,
  unscheduleArticle,
} from '@/lib/newsroom/workflow';
import { ActionError } from '@/lib/shared/errors';
import type { Actor } from '@/lib/shared/permissions';
import type { z } from '@/lib/shared/validation/zod';
import type { draftCreateInput, draftUpdateInput, transitionInput } from '@/lib/platform/schemas';

// The Admin API's writes (docs/api.md): the editor's own queries, with the key's owner as the
// actor, so the article table is asked inside each write transaction exactly as for the UI and
// the save is the editor's three-way merge on the version the integration names.

type DraftFields = Omit<z.infer<typeof draftCreateInput>, never>;

function changesOf(input: DraftFields) {
  const { body, paragraphs, ...fields } = input;
  if (body !== undefined && paragraphs !== undefined)
    throw new ActionError('invalid_input', { body: 'أرسل body أو paragraphs، لا الاثنين' });
  const document = body !== undefined ? body : paragraphs ? paragraphsToDocument(paragraphs) : undefined;
  return { ...fields, ...(document !== undefined ? { body: JSON.stringify(document) } : {}) };
}

function answerOf(articleId: number, applied: string[]) {
  const row = db
    .select({ id: articles.id, version: articles.version, status: articles.status, slug: articles.slug })
    .from(articles)
    .where(eq(articles.id, articleId))
    .get()!;
  return { ...row, applied };
}

// A new draft with its fields. Everything that could refuse the save is checked before the draft
// exists, so a refused create leaves no empty draft behind.
export function createDraftFromApi(owner: Actor, input: DraftFields, now = new Date()) {
  const changes = changesOf(input);
  const save = parseArticleSave({ articleId: 1, baseVersion: 1, changes });
  if (
    save.changes.sectionId != null &&
    !db.select({ id: sections.id }).from(sections).where(eq(sections.id, save.changes.sectionId)).get()
  )
    throw new ActionError('invalid_input', { sectionId: 'القسم المختار غير موجود.' });
  const imageId = save.changes.leadImage?.mediaId;
  if (imageId !== undefined && !db.select({ id: media.id }).from(media).where(eq(media.id, imageId)).get())
    throw new ActionError('invalid_input', { leadImage: 'الصورة غير موجودة في مكتبة الصور.' });
  const draft = createDraft(owner, now);
  const result = saveArticle(owner, { ...save, articleId: draft.id, baseVersion: draft.version }, now, {
    allOrNothing: true,
  });
  return answerOf(draft.id, result.applied);
}

// An update on the version it was based on: merged by field like the editor's autosave; a field
// someone else changed since refuses the whole save (409), nothing written.
export function updateDraftFromApi(
  owner: Actor,
  articleId: number,
  input: z.infer<typeof draftUpdateInput>,
  now = new Date(),
) {
  const { base_version, ...fields } = input;
  const save = parseArticleSave({ articleId, baseVersion: base_version, changes: changesOf(fields) });
  const result = saveArticle(owner, save, now, { allOrNothing: true });
  return answerOf(articleId, result.applied);
}

export function submitFromApi(owner: Actor, articleId: number, now = new Date()) {
  const moved = submitForReview(owner, articleId, now);
  return { id: articleId, ...moved };
}

export function transitionFromApi(
  owner: Actor,
  articleId: number,
  input: z.infer<typeof transitionInput>,
  now = new Date(),
) {
  const at = input.scheduled_at ? new Date(input.scheduled_at) : undefined;
  const moved = (() => {
    switch (input.action) {
      case 'approve':
        return approveArticle(owner, articleId, now);
      case 'publish':
        return publishArticle(owner, articleId, now, input.note);
      case 'unpublish':
        return unpublishArticle(owner, articleId, now);
      case 'schedule':
        if (!at) throw new ActionError('invalid_input', { scheduled_at: 'اختر موعد النشر' });
        return scheduleArticle(owner, articleId, at, null, now);
      case 'unschedule':
        return unscheduleArticle(owner, articleId, now);
      case 'requestChanges':
        return requestChanges(owner, articleId, input.note ?? '', now);
    }
  })();
  return { id: articleId, ...moved };
}
