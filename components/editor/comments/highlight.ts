import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { COMMENT_MARK, isThreadId } from '@/lib/document/comment-mark';

// In the editor only: the words of every open comment thread highlighted, the thread being read
// more strongly, a click on highlighted words opening their thread, and Ctrl/Cmd+Alt+M to comment
// on the selection. Decorations, not styles of the mark: the mark stays in the document when a
// thread is resolved (so reopening it brings the highlight back) and is simply not drawn, and no
// inline <style> is needed under the page's Content-Security-Policy.

export type CommentHandlers = {
  // Ctrl/Cmd+Alt+M (and the toolbar's button): comment on the selection.
  comment: () => void;
  // A click on highlighted words: the thread they belong to (the innermost when several).
  activate: (threadId: number) => void;
  // The ids anchored in the body changed (someone anchored a new thread, or deleted one's words).
  anchors: (ids: number[]) => void;
};

type HighlightState = { open: ReadonlySet<number>; active: number | null; ids: string; set: DecorationSet };

export const commentHighlightKey = new PluginKey<HighlightState>('commentHighlight');

export type HighlightMeta = { open?: number[]; active?: number | null };

function idsOf(mark: { type: { name: string }; attrs: Record<string, unknown> }): number | null {
  return mark.type.name === COMMENT_MARK && isThreadId(mark.attrs.id) ? mark.attrs.id : null;
}

// One pass over the body: each anchored run of text, and the ids anchored, in reading order.
function scan(doc: PMNode, open: ReadonlySet<number>, active: number | null) {
  const decorations: Decoration[] = [];
  const ids = new Set<number>();
  doc.descendants((node, pos) => {
    if (!node.isText) return true;
    for (const mark of node.marks) {
      const id = idsOf(mark);
      if (id === null) continue;
      ids.add(id);
      if (!open.has(id)) continue;
      decorations.push(
        Decoration.inline(pos, pos + node.nodeSize, {
          class: id === active ? 'comment-anchor comment-anchor-active' : 'comment-anchor',
          'data-thread': String(id),
        }),
      );
    }
    return false;
  });
  return { set: DecorationSet.create(doc, decorations), ids: [...ids].join(',') };
}

// The thread whose words are at `pos` (the innermost, the last mark).
export function threadAt(state: EditorState, pos: number): number | null {
  const $pos = state.doc.resolve(pos);
  const marks = [...($pos.nodeAfter?.marks ?? []), ...($pos.nodeBefore?.marks ?? [])];
  for (const mark of marks.reverse()) {
    const id = idsOf(mark);
    if (id !== null) return id;
  }
  return null;
}

// Where thread `id`'s words are in the body now (the first run), or null when none are left.
export function anchorOf(state: EditorState, id: number): { from: number; to: number } | null {
  let found: { from: number; to: number } | null = null;
  state.doc.descendants((node, pos) => {
    if (found) return false;
    if (node.isText && node.marks.some((m) => idsOf(m) === id))
      found = { from: pos, to: pos + node.nodeSize };
    return !found;
  });
  return found;
}

export function commentHighlight(handlers: { current: CommentHandlers }) {
  return Extension.create({
    name: 'commentHighlight',
    addKeyboardShortcuts: () => ({
      'Mod-Alt-m': () => {
        handlers.current.comment();
        return true;
      },
    }),
    addProseMirrorPlugins: () => [commentHighlightPlugin(handlers)],
  });
}

// The extension with handlers the page sets after every render (they close over its state).
export function commentHighlightWithHandlers() {
  const handlers: { current: CommentHandlers } = {
    current: { comment: () => undefined, activate: () => undefined, anchors: () => undefined },
  };
  return {
    extension: commentHighlight(handlers),
    setHandlers: (next: CommentHandlers) => {
      handlers.current = next;
    },
  };
}

// The ProseMirror plugin itself (apart from TipTap, so bench/text-comments.ts can time it).
export function commentHighlightPlugin(handlers: { current: CommentHandlers }) {
  return new Plugin<HighlightState>({
    key: commentHighlightKey,
    state: {
      init: (_config, state) => ({ open: new Set(), active: null, ...scan(state.doc, new Set(), null) }),
      apply: (tr, value, _old, state) => {
        const meta = tr.getMeta(commentHighlightKey) as HighlightMeta | undefined;
        if (!meta && !tr.docChanged) return value;
        const open = meta?.open ? new Set(meta.open) : value.open;
        const active = meta && 'active' in meta ? (meta.active ?? null) : value.active;
        // Typing far from any anchor still rescans: a remote change arrives from Yjs as a
        // replacement of the paragraph, which mapping the old set would not follow. One pass
        // over the nodes is well under a millisecond for a 5,000-word article.
        return { open, active, ...scan(state.doc, open, active) };
      },
    },
    view: (initial) => {
      let last = commentHighlightKey.getState(initial.state)!.ids;
      const first = last;
      queueMicrotask(() => handlers.current.anchors(first ? first.split(',').map(Number) : []));
      return {
        update: (view) => {
          const ids = commentHighlightKey.getState(view.state)!.ids;
          if (ids === last) return;
          last = ids;
          handlers.current.anchors(ids ? ids.split(',').map(Number) : []);
        },
      };
    },
    props: {
      decorations: (state) => commentHighlightKey.getState(state)!.set,
      handleClick: (view, pos) => {
        const id = threadAt(view.state, pos);
        const { open } = commentHighlightKey.getState(view.state)!;
        if (id !== null && open.has(id)) handlers.current.activate(id);
        return false;
      },
    },
  });
}
