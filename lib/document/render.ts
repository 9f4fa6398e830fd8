import type { JSONContent } from '@tiptap/core';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import { ARTICLE_TEXT_DIRECTION, articleExtensions } from './extensions';

// Readers' HTML, rendered once at publish (and for the preview) from the editor's own
// extensions, with no DOM: what the journalist sees is what the reader gets.
export function renderArticleHtml(json: JSONContent): string {
  return renderToHTMLString({
    content: json,
    extensions: articleExtensions,
    staticEditorOptions: { textDirection: ARTICLE_TEXT_DIRECTION },
  });
}
