'use server';

import { moderateComment, setArticleComments, setSiteComments } from '@/lib/newsroom/comments';
import { newsroomAction } from '@/lib/http/action';
import {
  articleCommentsInput,
  moderateCommentInput,
  siteCommentsInput,
} from '@/lib/shared/validation/comment';

// إدارة التعليقات. Every export is a write through newsroomAction; the permission is checked inside
// each query's transaction. Approving needs no cache refresh: readers load comments by a small
// request (app/api/articles/[id]/engagement), never inside the cached page.

export const moderateCommentAction = newsroomAction(moderateCommentInput, (user, input) =>
  moderateComment(user, input.commentId, input.decision),
);

export const setSiteCommentsAction = newsroomAction(siteCommentsInput, (user, input) =>
  setSiteComments(user, input.enabled),
);

export const setArticleCommentsAction = newsroomAction(articleCommentsInput, (user, input) =>
  setArticleComments(user, input.articleId, input.closed),
);
