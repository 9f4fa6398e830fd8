'use client';

import type { Extensions, JSONContent } from '@tiptap/core';
import { Extension } from '@tiptap/core';
import { Fragment, Slice } from '@tiptap/pm/model';
import { Placeholder } from '@tiptap/extensions';
import { EditorContent, useEditor, type Editor, type UseEditorOptions } from '@tiptap/react';
import { memo, useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { MediaLibrary } from './MediaLibrary';
import { cleanPastedHtml, plainTextParagraphs } from '@/lib/document/paste';
import { ARTICLE_TEXT_DIRECTION, articleExtensions } from '@/lib/document/extensions';
import { ImageDetails } from './ImageDetails';
import { LinkForm } from './LinkForm';
import { Toolbar } from './Toolbar';
import { refuseBeforeUpload, uploadImage } from './upload';
import { createWordCounter } from '@/lib/document/stats';

// Runs `work` when the browser is idle (or soon), so derived figures never compete with typing.
export function whenIdle(work: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: 1000 });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 0);
  return () => clearTimeout(handle);
}

// The live word count, as a little store of its own: only the figure re-renders when it changes,
// not the editor page around it.
export type CountStore = {
  get: () => number;
  set: (n: number) => void;
  subscribe: (l: () => void) => () => void;
};
function countStore(initial: number): CountStore {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (n) => {
      if (n === value) return;
      value = n;
      for (const l of listeners) l();
    },
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}

export function useWordCount(store: CountStore): number {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

export type BodyUpload = { id: number; name: string; progress: number; error: string | null };

function filesOf(list: FileList | null | undefined): File[] {
  return [...(list ?? [])];
}

// Word and some office suites put a picture of the copied text beside its HTML: then the text is
// what the journalist meant. A clipboard whose HTML holds no text (a copied photo) is the photo.
function pastedFiles(data: DataTransfer | null): File[] {
  const files = filesOf(data?.files);
  if (!files.length || !data) return [];
  const html = data.getData('text/html');
  const text = html ? html.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ') : data.getData('text/plain');
  return text.trim() ? [] : files;
}

// The TipTap editor of the body: schema, paste rules, shortcuts, the live word count and images
// pasted or dropped in. `onEdit` is told of every change (the autosave reads the document itself
// when it saves).
export function useBodyEditor({
  body,
  wordCount: initialCount,
  onEdit,
  collaboration,
  extra,
  proofreading,
}: {
  body: JSONContent;
  wordCount: number;
  onEdit: () => void;
  // Writing together (components/editor/collab): the article's extensions bound to the shared
  // document, whose content then comes from the collaboration server, not from `body`.
  collaboration?: Extensions | null;
  // Editor-only behaviour added by the page (the comments' highlight and shortcut).
  extra?: Extensions;
  // The underlines of التدقيق (components/editor/proofreading): decorations only, never content.
  proofreading?: Extensions;
}) {
  const [words] = useState(() => countStore(initialCount));
  const [uploads, setUploads] = useState<BodyUpload[]>([]);
  const [linkOpen, setLinkOpen] = useState(false);
  const [countDocumentWords] = useState(createWordCounter);
  const cancelCount = useRef<() => void>(() => undefined);
  const onEditRef = useRef(onEdit);
  const editorRef = useRef<Editor | null>(null);
  const nextUpload = useRef(1);
  useEffect(() => {
    onEditRef.current = onEdit;
  }, [onEdit]);

  function recount(e: Editor) {
    cancelCount.current();
    cancelCount.current = whenIdle(() => words.set(countDocumentWords(e.state.doc)));
  }

  // Each file uploads on its own, with its progress shown; done, it goes where it was put.
  function upload(files: File[], at: number | null) {
    for (const file of files) {
      const id = nextUpload.current++;
      const name = file.name || 'صورة';
      const refused = refuseBeforeUpload(file);
      setUploads((list) => [...list, { id, name, progress: 0, error: refused }]);
      if (refused) continue;
      void uploadImage(file, (progress) =>
        setUploads((list) => list.map((u) => (u.id === id ? { ...u, progress } : u))),
      ).then((answer) => {
        const e = editorRef.current;
        if (!answer.ok || !e || e.isDestroyed) {
          const error = answer.ok ? null : answer.message;
          setUploads((list) => list.map((u) => (u.id === id ? { ...u, error } : u)));
          return;
        }
        setUploads((list) => list.filter((u) => u.id !== id));
        const chain = e.chain().focus();
        if (at !== null) chain.setTextSelection(Math.min(at, e.state.doc.content.size));
        chain.insertArticleImage(answer.media).run();
      });
    }
  }
  const uploadRef = useRef(upload);
  useEffect(() => {
    uploadRef.current = upload;
  });

  const options: UseEditorOptions = {
    extensions: [
      ...(collaboration ?? articleExtensions),
      ...(extra ?? []),
      Placeholder.configure({ placeholder: 'اكتب نص المقال هنا…' }),
      ...(proofreading ?? []),
      // Ctrl/Cmd+K opens the link form; the other shortcuts come with StarterKit.
      Extension.create({
        name: 'articleShortcuts',
        addKeyboardShortcuts: () => ({
          'Mod-k': () => {
            if (editorRef.current?.isEditable) setLinkOpen(true);
            return true;
          },
        }),
      }),
    ],
    textDirection: ARTICLE_TEXT_DIRECTION,
    content: collaboration ? undefined : body,
    // Editable once the journal has been checked, so nothing typed can race a restore.
    editable: false,
    immediatelyRender: false,
    editorProps: {
      attributes: {
        id: 'article-body',
        'aria-label': 'نص المقال',
        'aria-multiline': 'true',
        role: 'textbox',
      },
      transformPastedHTML: (html) => cleanPastedHtml(html),
      // A pasted or dropped photo is uploaded like one chosen in the media library.
      handlePaste: (view, event) => {
        const files = pastedFiles(event.clipboardData);
        if (!files.length || !view.editable) return false;
        uploadRef.current(files, null);
        return true;
      },
      handleDrop: (view, event, _slice, moved) => {
        const files = moved ? [] : filesOf(event.dataTransfer?.files);
        if (!files.length || !view.editable) return false;
        event.preventDefault();
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? null;
        uploadRef.current(files, at);
        return true;
      },
      // Pasted into an empty line, the first pasted block replaces it whole, direction included.
      transformPasted: (slice, view) => {
        const { selection } = view.state;
        const first = slice.content.firstChild;
        if (
          selection.empty &&
          selection.$from.parent.content.size === 0 &&
          slice.openStart > 0 &&
          first?.isTextblock
        ) {
          return new Slice(slice.content, 0, slice.openEnd);
        }
        return slice;
      },
      clipboardTextParser: (text, _context, _plain, view) => {
        const { schema } = view.state;
        const paragraphs = plainTextParagraphs(text).map((p) =>
          schema.nodes.paragraph!.create({ dir: p.dir }, schema.text(p.text)),
        );
        // Open on both sides: the first and last pasted paragraphs join the ones at the cursor.
        return paragraphs.length ? new Slice(Fragment.from(paragraphs), 1, 1) : Slice.empty;
      },
    },
    onCreate: ({ editor: e }) => {
      editorRef.current = e;
    },
    onUpdate: ({ editor: e }) => {
      onEditRef.current();
      recount(e);
    },
  };
  // A page whose shared document never arrived hands in `null` instead (the body then goes
  // through the autosave): the editor is made again, on the stored body.
  const editor = useEditor(options, [collaboration]);
  useEffect(() => {
    editorRef.current = editor;
    return () => cancelCount.current();
  }, [editor]);

  const dismissUpload = useCallback(
    (id: number) => setUploads((list) => list.filter((u) => u.id !== id)),
    [],
  );
  return {
    editor,
    words,
    // After the document was replaced from elsewhere (theirs, the journal).
    recount: () => editor && words.set(countDocumentWords(editor.state.doc)),
    uploads,
    dismissUpload,
    linkOpen,
    setLinkOpen,
  };
}

// Memoized: a change of the save status re-renders the page's shell, not the body's editor.
export const BodyEditor = memo(function BodyEditor({
  editor,
  uploads,
  dismissUpload,
  linkOpen,
  setLinkOpen,
  editable,
  error,
  onComment,
}: {
  editor: Editor | null;
  editable: boolean;
  // تعليق على النص: offered when the person may comment.
  onComment?: () => void;
  uploads: BodyUpload[];
  dismissUpload: (id: number) => void;
  linkOpen: boolean;
  setLinkOpen: (open: boolean) => void;
  error?: string;
}) {
  const [imagePicker, setImagePicker] = useState(false);
  return (
    <div className="field">
      <span id="body-label" className="label body-label">
        نص المقال
      </span>
      {editor ? (
        <Toolbar
          editor={editor}
          editable={editable}
          actions={{
            openLink: () => editor.isEditable && setLinkOpen(true),
            openImage: () => setImagePicker(true),
            openComment: onComment,
          }}
        />
      ) : null}
      {editor && linkOpen ? <LinkForm editor={editor} onClose={() => setLinkOpen(false)} /> : null}
      {editor ? <ImageDetails editor={editor} /> : null}
      {editor && imagePicker ? (
        <MediaLibrary
          onPick={(media) => {
            setImagePicker(false);
            editor.chain().focus().insertArticleImage(media).run();
          }}
          onClose={() => {
            setImagePicker(false);
            editor.commands.focus();
          }}
        />
      ) : null}
      {uploads.length ? (
        <ul className="body-uploads" aria-label="صور قيد الرفع">
          {uploads.map((u) => (
            <li key={u.id}>
              <span dir="auto">{u.name}</span>
              {u.error ? (
                <>
                  <span role="alert" className="field-error">
                    لم تُرفع الصورة: {u.error}
                  </span>
                  <button type="button" onClick={() => dismissUpload(u.id)}>
                    إغلاق
                  </button>
                </>
              ) : (
                <progress max={1} value={u.progress} aria-label={`رفع ${u.name}`} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="editor-surface" aria-describedby={error ? 'body-error' : undefined}>
        <EditorContent editor={editor} />
      </div>
      {error ? (
        <p id="body-error" className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
});
