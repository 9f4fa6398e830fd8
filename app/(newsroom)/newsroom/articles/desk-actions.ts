'use server';

import {
  archiveArticle,
  deleteDraft,
  scheduleArticle,
  setEmbargo,
  unscheduleArticle,
  withdrawFromReview,
  type Transitioned,
} from '@/lib/newsroom/workflow';
import { addNote } from '@/lib/newsroom/notes';
import { newsroomAction } from '@/lib/http/action';
import { ActionError, type FieldErrors } from '@/lib/shared/errors';
import { newsroomSettings } from '@/lib/shared/settings';
import {
  articleOnlyInput,
  embargoInput,
  noteInput,
  parseNewsroomMinute,
  scheduleInput,
  TIME_MESSAGES,
} from '@/lib/shared/validation/workflow';

// The desk's writes beside the editor (withdraw, schedule, embargo, archive, delete, notes). Every
// export goes through newsroomAction: session → zod → permission inside the query's transaction.

// A minute typed in the newsroom's clock, or a refusal next to its field.
function minuteOf(value: string, field: 'scheduledAt' | 'embargoUntil', errors: FieldErrors): Date | null {
  if (!value.trim()) return null;
  const at = parseNewsroomMinute(value, newsroomSettings.dates.timeZone);
  if (!at) errors[field] = TIME_MESSAGES[field];
  return at;
}

export const withdrawFromReviewAction = newsroomAction(articleOnlyInput, (user, input) =>
  withdrawFromReview(user, input.articleId, new Date(), input.seenStatus),
);

export const scheduleArticleAction = newsroomAction(scheduleInput, (user, input): Transitioned => {
  const errors: FieldErrors = {};
  const scheduledAt = minuteOf(input.scheduledAt, 'scheduledAt', errors);
  if (!input.scheduledAt.trim()) errors.scheduledAt = 'اختر موعد النشر';
  const embargoUntil = minuteOf(input.embargoUntil ?? '', 'embargoUntil', errors);
  if (Object.keys(errors).length > 0) throw new ActionError('invalid_input', errors);
  return scheduleArticle(user, input.articleId, scheduledAt!, embargoUntil, new Date(), input.seenStatus);
});

export const unscheduleArticleAction = newsroomAction(articleOnlyInput, (user, input) =>
  unscheduleArticle(user, input.articleId, new Date(), input.seenStatus),
);

// Setting an embargo on a published article takes it from readers; lifting it shows it again.
export const setEmbargoAction = newsroomAction(embargoInput, (user, input): Transitioned => {
  const errors: FieldErrors = {};
  const embargoUntil = minuteOf(input.embargoUntil, 'embargoUntil', errors);
  if (Object.keys(errors).length > 0) throw new ActionError('invalid_input', errors);
  return setEmbargo(user, input.articleId, embargoUntil, new Date(), input.seenStatus);
});

export const archiveArticleAction = newsroomAction(articleOnlyInput, (user, input) =>
  archiveArticle(user, input.articleId, new Date(), input.seenStatus),
);

export const deleteDraftAction = newsroomAction(articleOnlyInput, (user, input) =>
  deleteDraft(user, input.articleId, new Date(), input.seenStatus),
);

export const addNoteAction = newsroomAction(noteInput, (user, input) =>
  addNote(user, input.articleId, input.body),
);
