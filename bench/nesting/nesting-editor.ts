// The page bench/nesting-depth.ts opens in Chromium: the newsroom's own editor extensions (the
// same list the editor uses), asked to open documents nested ever deeper.
import { Editor, type JSONContent } from '@tiptap/core';
import { ARTICLE_TEXT_DIRECTION, articleExtensions } from '@/lib/document/extensions';

(window as unknown as { openNested: (doc: JSONContent) => string }).openNested = (doc) => {
  const element = document.createElement('div');
  document.body.append(element);
  try {
    const editor = new Editor({
      element,
      extensions: articleExtensions,
      textDirection: ARTICLE_TEXT_DIRECTION,
      content: doc,
      // TipTap logs and replaces content it cannot read; this makes it throw instead.
      enableContentCheck: true,
    });
    // Typing at the deepest point is what a journalist would do next.
    editor.commands.focus('end');
    editor.commands.insertContent('ب');
    const ok = editor.getText().includes('ب');
    editor.destroy();
    return ok ? 'ok' : 'lost';
  } catch (error) {
    return `error: ${String(error).slice(0, 120)}`;
  } finally {
    element.remove();
  }
};
