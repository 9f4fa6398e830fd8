'use client';

import { useEditorState, type Editor } from '@tiptap/react';
// lucide-react: a maintained icon set drawn as inline SVG, so no icon depends on a font the
// journalist's system may lack (the emoji glyphs were blank squares in Debian's Chromium). Named
// imports keep the bundle to the icons used.
import {
  Bold,
  Heading2,
  Image as ImageIcon,
  Italic,
  Link as LinkIcon,
  List,
  ListOrdered,
  MessageSquarePlus,
  PilcrowLeft,
  PilcrowRight,
  Quote,
  Redo2,
  Undo2,
  type LucideIcon,
} from 'lucide-react';
import { useRef, useState, type KeyboardEvent } from 'react';

type ToolbarButton = {
  label: string;
  icon: LucideIcon;
  mirror?: boolean;
  shortcut?: string;
  run: (editor: Editor, actions: ToolbarActions) => void;
  active?: (editor: Editor) => boolean;
};

// openComment: تعليق على النص, offered to whoever may comment, even on a body they may not edit.
export type ToolbarActions = { openLink: () => void; openImage?: () => void; openComment?: () => void };

// Labels are the glossary's words; they are also the buttons' accessible names.
const BUTTONS: ToolbarButton[] = [
  {
    label: 'غامق',
    icon: Bold,
    shortcut: 'Control+B',
    run: (e) => e.chain().focus().toggleBold().run(),
    active: (e) => e.isActive('bold'),
  },
  {
    label: 'مائل',
    icon: Italic,
    shortcut: 'Control+I',
    run: (e) => e.chain().focus().toggleItalic().run(),
    active: (e) => e.isActive('italic'),
  },
  {
    // Not «عنوان فرعي»: that is the deck's field (العنوان الفرعي) beside the body.
    label: 'عنوان داخلي',
    icon: Heading2,
    run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(),
    active: (e) => e.isActive('heading', { level: 2 }),
  },
  {
    label: 'قائمة نقطية',
    icon: List,
    run: (e) => e.chain().focus().toggleBulletList().run(),
    active: (e) => e.isActive('bulletList'),
  },
  {
    label: 'قائمة مرقمة',
    icon: ListOrdered,
    run: (e) => e.chain().focus().toggleOrderedList().run(),
    active: (e) => e.isActive('orderedList'),
  },
  {
    label: 'اقتباس',
    icon: Quote,
    run: (e) => e.chain().focus().toggleBlockquote().run(),
    active: (e) => e.isActive('blockquote'),
  },
  {
    label: 'رابط',
    icon: LinkIcon,
    shortcut: 'Control+K',
    run: (_e, actions) => actions.openLink(),
    active: (e) => e.isActive('link'),
  },
  {
    label: 'اتجاه من اليمين إلى اليسار',
    icon: PilcrowLeft,
    run: (e) => e.chain().focus().setTextDirection('rtl').run(),
    active: (e) => blockDirection(e) === 'rtl',
  },
  {
    label: 'اتجاه من اليسار إلى اليمين',
    icon: PilcrowRight,
    run: (e) => e.chain().focus().setTextDirection('ltr').run(),
    active: (e) => blockDirection(e) === 'ltr',
  },
  // Back and forward in time point the way the text runs: mirrored in right-to-left.
  {
    label: 'تراجع',
    icon: Undo2,
    mirror: true,
    shortcut: 'Control+Z',
    run: (e) => e.chain().focus().undo().run(),
  },
  {
    label: 'إعادة',
    icon: Redo2,
    mirror: true,
    shortcut: 'Control+Shift+Z',
    run: (e) => e.chain().focus().redo().run(),
  },
];

const IMAGE_BUTTON: ToolbarButton = {
  label: 'صورة',
  icon: ImageIcon,
  run: (_e, actions) => actions.openImage?.(),
};

const COMMENT_BUTTON: ToolbarButton = {
  label: 'أضف تعليقاً',
  icon: MessageSquarePlus,
  shortcut: 'Control+Alt+M',
  run: (_e, actions) => actions.openComment?.(),
};

function blockDirection(editor: Editor): string | undefined {
  const { $from } = editor.state.selection;
  return $from.parent.attrs.dir as string | undefined;
}

// `editable` comes from the page (not from the editor's transactions, which switching the editor
// to editable does not emit), so the buttons are enabled the moment the editor is ready.
export function Toolbar({
  editor,
  actions,
  editable,
}: {
  editor: Editor;
  actions: ToolbarActions;
  editable: boolean;
}) {
  const withImage = actions.openImage ? [...BUTTONS.slice(0, 7), IMAGE_BUTTON, ...BUTTONS.slice(7)] : BUTTONS;
  // Commenting sits before undo and redo, which stay the toolbar's last pair.
  const buttons = actions.openComment
    ? [...withImage.slice(0, -2), COMMENT_BUTTON, ...withImage.slice(-2)]
    : withImage;
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
          title={
            button.shortcut ? `${button.label} (${button.shortcut.replace('Control', 'Ctrl')})` : button.label
          }
          aria-pressed={button.active ? pressed[i] === 'true' : undefined}
          onMouseDown={(event) => event.preventDefault()}
          onFocus={() => setCurrent(i)}
          onClick={() => button.run(editor, actions)}
          disabled={button === COMMENT_BUTTON ? false : !editable}
        >
          <button.icon
            aria-hidden="true"
            focusable="false"
            size={18}
            strokeWidth={2}
            className={button.mirror ? 'mirror-in-rtl' : undefined}
          />
        </button>
      ))}
    </div>
  );
}
