'use client';

import {
  approveArticleAction,
  articlePresenceAction,
  publishArticleAction,
  requestChangesAction,
  saveArticleAction,
  submitForReviewAction,
  suggestTagsAction,
  unpublishArticleAction,
} from '@/app/(newsroom)/newsroom/articles/actions';
import {
  replyToThreadAction,
  setThreadResolvedAction,
  startThreadAction,
  textCommentsAction,
} from '@/app/(newsroom)/newsroom/articles/text-comment-actions';
import { ArticleEditor, type EditableArticle, type EditorActions } from '@/components/editor/ArticleEditor';

// The route's client shell: hands the editor the server actions it may call (components/editor/
// imports none itself, so it can be tested and reused apart from this route).
const actions: EditorActions = {
  save: (input) => saveArticleAction(input),
  suggestTags: (typed) => suggestTagsAction({ typed }),
  workflow: {
    submit: submitForReviewAction,
    requestChanges: requestChangesAction,
    approve: approveArticleAction,
    publish: publishArticleAction,
    unpublish: unpublishArticleAction,
  },
  presence: articlePresenceAction,
  textComments: {
    list: textCommentsAction,
    start: startThreadAction,
    reply: replyToThreadAction,
    setResolved: setThreadResolvedAction,
  },
};

export function EditorShell({ article }: { article: EditableArticle }) {
  return <ArticleEditor article={article} actions={actions} />;
}
