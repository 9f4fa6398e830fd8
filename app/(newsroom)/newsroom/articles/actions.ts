'use server';

import { z } from 'zod';
import { getArticleForEdit, openNewDraft } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import {
  approveArticle,
  publishArticle,
  requestChanges,
  submitForReview,
  unpublishArticle,
  type Transitioned,
} from '@/lib/newsroom/workflow';
import { suggestTags } from '@/lib/newsroom/tags';
import { db } from '@/db';
import { newsroomAction } from '@/lib/http/action';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { touchPresence } from '@/lib/newsroom/presence';
import { presenceInput, suggestTagsInput, workflowInput } from '@/lib/shared/validation/article';
import type { SaveArticleResult } from '@/lib/shared/validation/article-save';
import { parseArticleSave } from '@/lib/newsroom/save-request';

// Every export here is a write, and every one goes through newsroomAction (session → zod →
// permission inside the query).

// مقال جديد: a new draft, this person's untouched ones discarded first (lib/newsroom/articles.ts).
export const createDraftAction = newsroomAction(z.object({}), (user) => ({ id: openNewDraft(user).id }));

// The envelope the door checks; the fields are checked by saveArticleInput inside, so that each
// refusal comes back keyed by its own field (the door would key them all "changes").
const saveArticleEnvelope = z.object({
  articleId: z.number().int().positive(),
  baseVersion: z.number().int().positive(),
  changes: z.record(z.string(), z.unknown()),
  bodyPatch: z.unknown().optional(),
  bodyBase: z.unknown().optional(),
});

// The autosave under the save contract (lib/shared/validation/article-save.ts): only the fields edited
// since `baseVersion`, merged by field on the server (lib/newsroom/save.ts saveArticle).
export const saveArticleAction = newsroomAction(saveArticleEnvelope, (user, raw): SaveArticleResult =>
  saveArticle(user, parseArticleSave(raw)),
);

// Reads, but through the same door: only a signed-in member of the newsroom gets answers, and
// only tags of articles they may read.
export const suggestTagsAction = newsroomAction(suggestTagsInput, (user, input) =>
  suggestTags(db, input.typed, user),
);

// The heartbeat of an open editor; answers with whoever else has the article open, and the
// article's version, so that a page without writing together learns at once that someone saved
// (and pulls what they changed), and with the person's role, so that an open editor can say that
// an admin changed it (the session goes on: lib/newsroom/people.ts changeRole).
export const articlePresenceAction = newsroomAction(presenceInput, (user, input) => {
  let article;
  try {
    article = getArticleForEdit(user, input.articleId);
  } catch (error) {
    // Refused (a new role that may no longer see this article), the page is still told the role.
    if (error instanceof ForbiddenError) throw new ActionError('forbidden', undefined, { role: user.role });
    throw error;
  }
  if (!article) throw new ActionError('not_found');
  return {
    others: touchPresence(input.articleId, input.tabId, user, input.leaving ?? false),
    version: article.version,
    role: user.role,
  };
});

export const submitForReviewAction = newsroomAction(workflowInput, (user, input) =>
  submitForReview(user, input.articleId, new Date(), input.seenStatus),
);

export const requestChangesAction = newsroomAction(workflowInput, (user, input) =>
  requestChanges(user, input.articleId, input.reason ?? '', new Date(), input.seenStatus),
);

export const approveArticleAction = newsroomAction(workflowInput, (user, input) =>
  approveArticle(user, input.articleId, new Date(), input.seenStatus),
);

// Readers' caches follow from the transition itself (db/reader-cache.ts).
export const publishArticleAction = newsroomAction(workflowInput, (user, input): Transitioned =>
  publishArticle(user, input.articleId, new Date(), input.reason, input.seenStatus),
);

export const unpublishArticleAction = newsroomAction(workflowInput, (user, input): Transitioned =>
  unpublishArticle(user, input.articleId, new Date(), input.seenStatus),
);
