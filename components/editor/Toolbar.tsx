'use client';

import { useEditorState, type Editor } from '@tiptap/react';

type ToolbarButton = {
  label: string;
  text: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
};

// Labels are the glossary's words; they are also the buttons' accessible names.
const BUTTONS: ToolbarButton[] = [
  {
    label: 'غامق',
    text: 'غ',
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive('bold'),
  },
  {
    label: 'مائل',
    text: 'م',
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
  { label: 'تراجع', text: '↶', run: (e) => e.chain().focus().undo().run() },
  { label: 'إعادة', text: '↷', run: (e) => e.chain().focus().redo().run() },
];

function blockDirection(editor: Editor): string | undefined {
  const { $from } = editor.state.selection;
  return $from.parent.attrs.dir as string | undefined;
}

export function Toolbar({ editor }: { editor: Editor }) {
  // Re-rendered only when the state at the cursor changes, not on every keystroke.
  const active = useEditorState({
    editor,
    selector: ({ editor: e }) => BUTTONS.map((b) => (b.active ? b.active(e) : null)).join(','),
  });
  const pressed = active.split(',');
  return (
    <div role="toolbar" aria-label="أدوات التحرير" className="toolbar">
      {BUTTONS.map((button, i) => (
        <button
          key={button.label}
          type="button"
          aria-label={button.label}
          title={button.label}
          aria-pressed={button.active ? pressed[i] === 'true' : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => button.run(editor)}
          disabled={!editor.isEditable}
        >
          {button.text}
        </button>
      ))}
    </div>
  );
}
