'use client';

import type { Editor } from '@tiptap/react';
import type { Mapping } from '@tiptap/pm/transform';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/shared/errors';
import type { Collaboration } from '../collab/useCollaboration';
import { anchorOf, commentHighlightKey, commentHighlightWithHandlers, type HighlightMeta } from './highlight';

// تعليق على النص in the editor: the article's threads, kept fresh, and the steps of starting,
// answering, resolving and reopening one. The thread's words travel in the body as the
// `comment` mark (lib/document/comment-mark.ts); its text comes from the server.
//
// Fresh for everyone in the article: a mark with an id this tab does not know (someone anchored
// a new thread, live through Yjs) makes it ask at once; a reply or a resolve is announced in the
// shared document's awareness (`comments`, a counter: no text of the comment goes through it) so
// the others ask too; and without a live connection the list is asked for every 15 s.

export type ThreadComment = { id: number; authorName: string; body: string; createdAt: Date };
export type Thread = {
  id: number;
  quote: string;
  resolved: boolean;
  resolvedByName: string | null;
  canResolve: boolean;
  createdAt: Date;
  comments: ThreadComment[];
};

// What the editor may ask of the server (app/…/articles/text-comment-actions.ts, handed in by the
// route's shell).
export type TextCommentActions = {
  list: (input: { articleId: number }) => Promise<ActionResult<Thread[]>>;
  start: (input: {
    articleId: number;
    quote: string;
    body: string;
  }) => Promise<ActionResult<{ threadId: number; threads: Thread[] }>>;
  reply: (input: { articleId: number; threadId: number; body: string }) => Promise<ActionResult<Thread[]>>;
  setResolved: (input: {
    articleId: number;
    threadId: number;
    resolved: boolean;
  }) => Promise<ActionResult<Thread[]>>;
};

// A refusal as the form shows it: the field's own message first.
export type Refusal = { message: string; field?: string };
const OFFLINE = 'تعذّر الاتصال بالخادم ولم يُرسل التعليق. أعد المحاولة.';
const POLL_MS = 15_000;

function refusalOf<T>(result: ActionResult<T>): Refusal | null {
  if (result.ok) return null;
  const fields = result.fieldErrors ?? {};
  const field = fields.body ?? fields.thread ?? fields.quote;
  return { message: field ?? result.message, field };
}

// The selection being commented on, mapped through every change made while the comment is written.
export type Draft = { from: number; to: number; quote: string } | { from: null; to: null; quote: '' };

export function useTextComments({
  articleId,
  actions,
  live,
}: {
  articleId: number;
  actions: TextCommentActions | null;
  live: Collaboration | null;
}) {
  const [threads, setThreads] = useState<Thread[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [anchored, setAnchored] = useState<number[]>([]);
  const [active, setActive] = useState<number | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const editorRef = useRef<Editor | null>(null);
  // Set once the body's editor exists (the extension is made before it).
  const [editorReady, setEditorReady] = useState<Editor | null>(null);
  const known = useRef(new Set<number>());
  const asking = useRef<Promise<void> | null>(null);
  const announced = useRef(0);

  const adopt = useCallback((list: Thread[]) => {
    known.current = new Set(list.map((t) => t.id));
    setThreads(list);
    setLoaded(true);
  }, []);

  const refresh = useCallback(() => {
    if (!actions) return Promise.resolve();
    asking.current ??= actions
      .list({ articleId })
      .then((result) => {
        if (result.ok) adopt(result.data);
      })
      .catch(() => undefined)
      .finally(() => {
        asking.current = null;
      });
    return asking.current;
  }, [actions, articleId, adopt]);

  // Tells the others in the shared document that the threads changed.
  const announce = useCallback(() => {
    if (!live) return;
    announced.current += 1;
    live.provider.setAwarenessField('comments', announced.current);
  }, [live]);

  const [highlight] = useState(commentHighlightWithHandlers);

  const openDraft = useCallback(() => {
    const editor = editorRef.current;
    if (!editor || !actions) return;
    const { from, to, empty } = editor.state.selection;
    setDraft(
      empty
        ? { from: null, to: null, quote: '' }
        : { from, to, quote: editor.state.doc.textBetween(from, to, ' ', ' ') },
    );
  }, [actions]);

  useEffect(() => {
    highlight.setHandlers({
      comment: openDraft,
      activate: setActive,
      anchors: (ids) => {
        setAnchored(ids);
        if (ids.some((id) => !known.current.has(id))) void refresh();
      },
    });
  }, [highlight, openDraft, refresh]);

  // The draft's selection follows the text while the comment is being written.
  useEffect(() => {
    const editor = editorReady;
    if (!editor || !draft || draft.from === null) return;
    const follow = ({ transaction }: { transaction: { docChanged: boolean; mapping: Mapping } }) => {
      if (!transaction.docChanged) return;
      setDraft((d) =>
        d && d.from !== null
          ? { ...d, from: transaction.mapping.map(d.from, 1), to: transaction.mapping.map(d.to, -1) }
          : d,
      );
    };
    editor.on('transaction', follow);
    return () => {
      editor.off('transaction', follow);
    };
  }, [draft, editorReady]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Someone else announced a change: ask (once per change of anyone's counter).
  useEffect(() => {
    if (!live) return;
    const awareness = live.provider.awareness;
    if (!awareness) return;
    let seen = '';
    const onChange = () => {
      const counters = [...awareness.getStates().entries()]
        .filter(([client]) => client !== awareness.clientID)
        .map(([client, state]) => `${client}:${String((state as { comments?: number }).comments ?? 0)}`)
        .sort()
        .join(',');
      if (counters === seen) return;
      const first = seen === '';
      seen = counters;
      if (!first) void refresh();
    };
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [live, refresh]);

  // Without a live connection (or as a safety net beside it), every 15 s while the tab is seen.
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  // Open threads are drawn on the text; the one being read more strongly.
  const openIds = useMemo(() => threads.filter((t) => !t.resolved).map((t) => t.id), [threads]);
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || editor.isDestroyed) return;
    const meta: HighlightMeta = { open: openIds, active };
    editor.view.dispatch(editor.state.tr.setMeta(commentHighlightKey, meta).setMeta('addToHistory', false));
  }, [openIds, active, editorReady]);

  // Starts the thread on the server, then anchors it on the words (when this person may edit the
  // body: someone who may only read it comments on the quoted words without an anchor).
  const start = useCallback(
    async (body: string): Promise<Refusal | null> => {
      if (!actions || !draft) return null;
      try {
        const result = await actions.start({ articleId, quote: draft.quote, body });
        if (!result.ok) return refusalOf(result);
        const editor = editorRef.current;
        if (editor && editor.isEditable && draft.from !== null && draft.to > draft.from) {
          editor
            .chain()
            .setTextSelection({ from: draft.from, to: draft.to })
            .setComment(result.data.threadId)
            .setTextSelection(draft.to)
            .run();
        }
        adopt(result.data.threads);
        setActive(result.data.threadId);
        setDraft(null);
        announce();
        return null;
      } catch {
        return { message: OFFLINE };
      }
    },
    [actions, articleId, draft, adopt, announce],
  );

  const answer = useCallback(
    async (call: () => Promise<ActionResult<Thread[]>>): Promise<Refusal | null> => {
      try {
        const result = await call();
        if (!result.ok) return refusalOf(result);
        adopt(result.data);
        announce();
        return null;
      } catch {
        return { message: OFFLINE };
      }
    },
    [adopt, announce],
  );

  const reply = useCallback(
    (threadId: number, body: string) => answer(() => actions!.reply({ articleId, threadId, body })),
    [answer, actions, articleId],
  );
  const setResolved = useCallback(
    (threadId: number, resolved: boolean) =>
      answer(() => actions!.setResolved({ articleId, threadId, resolved })),
    [answer, actions, articleId],
  );

  // Shows a thread's words in the body (scrolled into view, drawn strongly).
  const show = useCallback((threadId: number) => {
    setActive(threadId);
    const editor = editorRef.current;
    if (!editor) return;
    const at = anchorOf(editor.state, threadId);
    if (at) {
      const dom = editor.view.domAtPos(at.from).node;
      (dom instanceof Element ? dom : dom.parentElement)?.scrollIntoView({
        block: 'center',
        behavior: 'smooth',
      });
    }
  }, []);

  return {
    enabled: actions !== null,
    extension: highlight.extension,
    // The body's editor, once it exists (the extension is created before it).
    attach: useCallback((editor: Editor | null) => {
      editorRef.current = editor;
      setEditorReady(editor);
    }, []),
    threads,
    loaded,
    anchored,
    active,
    setActive,
    show,
    draft,
    openDraft,
    cancelDraft: () => setDraft(null),
    start,
    reply,
    setResolved,
  };
}

export type TextComments = ReturnType<typeof useTextComments>;
