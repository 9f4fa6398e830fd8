import type { Extensions } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { articleExtensions } from '@/lib/article-document/extensions';
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
      // The name above the caret is read aloud by nobody and selected by nobody.
      render: (user: { name: string; color: string }) => {
        const caret = document.createElement('span');
        caret.classList.add('collaboration-carets__caret');
        caret.style.borderColor = user.color;
        const label = document.createElement('span');
        label.classList.add('collaboration-carets__label');
        label.style.backgroundColor = user.color;
        label.setAttribute('aria-hidden', 'true');
        label.dir = 'auto';
        label.textContent = user.name;
        caret.append(label);
        return caret;
      },
    }),
  ];
}
