'use server';

import { z } from 'zod';
import {
  approveArticle,
  createDraft,
  getArticleForEdit,
  publishArticle,
  requestChanges,
  saveDraft,
  submitForReview,
  unpublishArticle,
  type Transitioned,
} from '@/db/queries/articles';
import { suggestTags } from '@/db/queries/tags';
import { db } from '@/db';
import { newsroomAction } from '@/lib/action';
import { refreshReaderPages } from '@/lib/reader-cache';
import { parseArticleDocument } from '@/lib/article-document/check';
import { documentStats } from '@/lib/article-document/stats';
import { ActionError } from '@/lib/errors';
import { touchPresence } from '@/lib/presence';
import { presenceInput, saveDraftInput, suggestTagsInput, workflowInput } from '@/lib/validation/article';

// Every export here is a write, and every one goes through newsroomAction (session → zod →
// permission inside the query).

export const createDraftAction = newsroomAction(z.object({}), (user) => ({ id: createDraft(user).id }));

export const saveDraftAction = newsroomAction(saveDraftInput, (user, input) => {
  const checked = parseArticleDocument(input.body);
  if (!checked.ok) throw new ActionError('invalid_document', { body: checked.reason });
  const stats = documentStats(checked.node);
  return saveDraft(user, {
    ...input,
    body: checked.json,
    bodyText: stats.text,
    wordCount: stats.wordCount,
  });
});

// Reads, but through the same door: only a signed-in member of the newsroom gets answers.
export const suggestTagsAction = newsroomAction(suggestTagsInput, (_user, input) =>
  suggestTags(db, input.typed),
);

// The heartbeat of an open editor; answers with whoever else has the article open.
export const articlePresenceAction = newsroomAction(presenceInput, (user, input) => {
  if (!getArticleForEdit(user, input.articleId)) throw new ActionError('not_found');
  return touchPresence(input.articleId, input.tabId, user, input.leaving ?? false);
});

export const submitForReviewAction = newsroomAction(workflowInput, (user, input) =>
  submitForReview(user, input.articleId),
);

export const requestChangesAction = newsroomAction(workflowInput, (user, input) =>
  requestChanges(user, input.articleId, input.reason ?? ''),
);

export const approveArticleAction = newsroomAction(workflowInput, (user, input) =>
  approveArticle(user, input.articleId),
);

export const publishArticleAction = newsroomAction(workflowInput, (user, input): Transitioned => {
  const result = publishArticle(user, input.articleId, new Date(), input.reason);
  refreshReaderPages(input.articleId);
  return result;
});

export const unpublishArticleAction = newsroomAction(workflowInput, (user, input): Transitioned => {
  const result = unpublishArticle(user, input.articleId);
  refreshReaderPages(input.articleId);
  return result;
});
