import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { articleExtensions } from '@/lib/document/extensions';
import type { Collaboration as Live } from './useCollaboration';

// The article's extensions, written together: the same schema (lib/article-document), with
// StarterKit's own undo history replaced by the collaboration's, which undoes only this person's
// changes (y-tiptap's UndoManager tracks the local origin), and everyone else's caret shown with
// their name and colour.
export function collaborationExtensions(live: Live): Extensions {
  return [
    ...articleExtensions.map((extension) =>
      extension.name === 'starterKit' ? extension.configure({ undoRedo: false }) : extension,
    ),
    Collaboration.configure({ document: live.doc }),
    CollaborationCaret.configure({
      provider: live.provider,
      user: live.user,
      // Someone's caret sits between two letters of a word: in Arabic a plain inline element
      // there breaks the word's joining (عاجـ | ـل drawn as عاج ل). The caret is a zero-width
      // joiner on each side of an element with no border, margin or padding, its line and name
      // drawn out of the text's flow, so the letters on both sides keep their joined forms.
      render: (user: { name: string; color: string }) => {
        const caret = document.createElement('span');
        caret.classList.add('collaboration-carets__caret');
        const line = document.createElement('span');
        line.classList.add('collaboration-carets__line');
        line.style.backgroundColor = user.color;
        const label = document.createElement('span');
        label.classList.add('collaboration-carets__label');
        label.style.backgroundColor = user.color;
        label.setAttribute('aria-hidden', 'true');
        label.dir = 'auto';
        label.textContent = user.name;
        caret.append('\u200d', line, label, '\u200d');
        return caret;
      },
    }),
  ];
}
