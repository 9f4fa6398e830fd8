'use client';

import { useEditorState, type Editor } from '@tiptap/react';
import { useRef, useState, type KeyboardEvent } from 'react';

type ToolbarButton = {
  label: string;
  text: string;
  shortcut?: string;
  run: (editor: Editor, actions: ToolbarActions) => void;
  active?: (editor: Editor) => boolean;
};

export type ToolbarActions = { openLink: () => void; openImage?: () => void };

// Labels are the glossary's words; they are also the buttons' accessible names.
const BUTTONS: ToolbarButton[] = [
  {
    label: 'غامق',
    text: 'غ',
    shortcut: 'Control+B',
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive('bold'),
  },
  {
    label: 'مائل',
    text: 'م',
    shortcut: 'Control+I',
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive('italic'),
  },
  {
    label: 'عنوان فرعي',
    text: 'ع',
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive('heading', { level: 2 }),
  },
  {
    label: 'قائمة نقطية',
    text: '•',
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    label: 'قائمة مرقمة',
    text: '١.',
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive('orderedList'),
  },
  {
    label: 'اقتباس',
    text: '❝',
    run: (e) => e.chain().focus().toggleBlockquote().run(),
    active: (e) => e.isActive('blockquote'),
  },
  {
    label: 'رابط',
    text: '🔗',
    shortcut: 'Control+K',
    run: (_e, actions) => actions.openLink(),
    active: (e) => e.isActive('link'),
  },
  {
    label: 'اتجاه من اليمين إلى اليسار',
    text: '⇠',
    run: (e) => e.chain().focus().setTextDirection('rtl').run(),
    active: (e) => blockDirection(e) === 'rtl',
  },
  {
    label: 'اتجاه من اليسار إلى اليمين',
    text: '⇢',
    run: (e) => e.chain().focus().setTextDirection('ltr').run(),
    active: (e) => blockDirection(e) === 'ltr',
  },
  { label: 'تراجع', text: '↶', shortcut: 'Control+Z', run: (e) => e.chain().focus().undo().run() },
  { label: 'إعادة', text: '↷', shortcut: 'Control+Shift+Z', run: (e) => e.chain().focus().redo().run() },
];

const IMAGE_BUTTON: ToolbarButton = {
  label: 'صورة',
  text: '🖼',
  run: (_e, actions) => actions.openImage?.(),
};

function blockDirection(editor: Editor): string | undefined {
  const { $from } = editor.state.selection;
  return $from.parent.attrs.dir as string | undefined;
}

export function Toolbar({ editor, actions }: { editor: Editor; actions: ToolbarActions }) {
  const buttons = actions.openImage ? [...BUTTONS.slice(0, 7), IMAGE_BUTTON, ...BUTTONS.slice(7)] : BUTTONS;
  // Re-rendered only when the state at the cursor changes, not on every keystroke.
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => buttons.map((b) => (b.active ? b.active(e) : null)).join(','),
  });
  const pressed = active.split(',');
  // One tab stop for the whole toolbar; arrow keys move between its buttons.
  const [current, setCurrent] = useState(0);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step: Record<string, number> = {
      // The toolbar runs right to left: the arrow pointing to the next button is the left one.
      ArrowLeft: 1,
      ArrowRight: -1,
    };
    let next: number | undefined;
    if (event.key in step) next = (current + step[event.key]! + buttons.length) % buttons.length;
    if (event.key === 'Home') next = 0;
    if (event.key === 'End') next = buttons.length - 1;
    if (next === undefined) return;
    event.preventDefault();
    setCurrent(next);
    refs.current[next]?.focus();
  }

  return (
    <div
      role="toolbar"
      aria-label="أدوات التحرير"
      aria-controls="article-body"
      className="toolbar"
      onKeyDown={onKeyDown}
    >
      {buttons.map((button, i) => (
        <button
          key={button.label}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          tabIndex={i === current ? 0 : -1}
          aria-label={button.label}
          aria-keyshortcuts={button.shortcut}
          title={button.label}
          aria-pressed={button.active ? pressed[i] === 'true' : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setCurrent(i)}
          onClick={() => button.run(editor, actions)}
          disabled={!editor.isEditable}
        >
          <span aria-hidden="true">{button.text}</span>
        </button>
      ))}
    </div>
  );
}
