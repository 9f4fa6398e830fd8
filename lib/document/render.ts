import type { JSONContent } from '@tiptap/core';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { withoutCommentMarks } from './comment-mark';
import { ARTICLE_TEXT_DIRECTION, articleExtensions } from './extensions';

// Readers' HTML, rendered once at publish (and for the preview) from the editor's own
// extensions, with no DOM: what the journalist sees is what the reader gets — except the
// newsroom's comment anchors, which never reach readers (nor the preview, which shows the page
// as readers will see it).
export function renderArticleHtml(json: JSONContent): string {
  return renderToHTMLString({
    content: withoutCommentMarks(json),
    extensions: articleExtensions,
    staticEditorOptions: { textDirection: ARTICLE_TEXT_DIRECTION },
  });
}
