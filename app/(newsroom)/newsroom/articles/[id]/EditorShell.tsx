'use client';

import {
  approveArticleAction,
  publishArticleAction,
  requestChangesAction,
  saveDraftAction,
  submitForReviewAction,
  suggestTagsAction,
  unpublishArticleAction,
} from '@/app/(newsroom)/newsroom/articles/actions';
import { ArticleEditor, type EditableArticle, type EditorActions } from '@/components/editor/ArticleEditor';
import { useState } from 'react';
import { draftSaveAdapter } from './draft-save-adapter';

// The route's client shell: hands the editor the server actions it may call (components/editor/
// imports none itself, so it can be tested and reused apart from this route).
export function EditorShell({ article }: { article: EditableArticle }) {
  const [actions] = useState<EditorActions>(() => ({
    save: draftSaveAdapter(saveDraftAction, { ...article.values, body: JSON.stringify(article.body) }),
    suggestTags: (typed) => suggestTagsAction({ typed }),
    workflow: {
      submit: submitForReviewAction,
      requestChanges: requestChangesAction,
      approve: approveArticleAction,
      publish: publishArticleAction,
      unpublish: unpublishArticleAction,
    },
  }));
  // The old action knows no body patches: without a base hash the editor sends the body whole.
  return <ArticleEditor article={{ ...article, bodyHash: '' }} actions={actions} />;
}
