'use server';

import { newsroomAction } from '@/lib/http/action';
import {
  listTextComments,
  replyToThread,
  setThreadResolved,
  startThread,
} from '@/lib/newsroom/text-comments';
import {
  articleThreadsInput,
  replyInput,
  startThreadInput,
  threadStateInput,
} from '@/lib/shared/validation/text-comment';

// تعليق على النص, from the editor: each write through newsroomAction (session → same origin → zod
// → permission inside the query's transaction). Each answers with the article's threads as they
// are now, so the editor shows everyone's latest without asking again.

export const textCommentsAction = newsroomAction(articleThreadsInput, (user, input) =>
  listTextComments(user, input.articleId),
);

export const startThreadAction = newsroomAction(startThreadInput, (user, input) => startThread(user, input));

export const replyToThreadAction = newsroomAction(replyInput, (user, input) => replyToThread(user, input));

export const setThreadResolvedAction = newsroomAction(threadStateInput, (user, input) =>
  setThreadResolved(user, input),
);
