// The baseline for bench/editor-typing.ts: a bare TipTap StarterKit editor, right to left, on
// the document the page was given, bundled by esbuild and served by the benchmark itself.
import { Editor, type JSONContent } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';

const doc = (window as unknown as { benchDocument: JSONContent }).benchDocument;
new Editor({
  element: document.getElementById('editor')!,
  extensions: [StarterKit],
  textDirection: 'rtl',
  content: doc,
  editorProps: { attributes: { role: 'textbox', 'aria-label': 'نص المقال' } },
});
