import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import type { ProofPoint } from '@/lib/shared/proofreading/matcher';
import type { ProofChecker } from './checker';

// The editor's underlines: a ProseMirror plugin whose decorations are drawn over the text and never
// enter the document, so the saved body, the reader's renderer and writing together are untouched.
// Checking runs after the journalist pauses (DEBOUNCE_MS), in slices of SLICE_MS with the browser
// free between them, the visible paragraphs first; a paragraph the journalist did not touch is the
// same ProseMirror node as before and its points come from the cache, so a keystroke in a 5,000-word
// article checks one paragraph.

export type BodyPoint = ProofPoint & { pos: number; end: number };
type ProofState = { decorations: DecorationSet; points: BodyPoint[] };

export const proofreadingKey = new PluginKey<ProofState>('proofreading');

const DEBOUNCE_MS = 250;
const SLICE_MS = 8;

// What a paragraph's points depend on besides its text: the checker's revision.
type Cached = { revision: number; points: ProofPoint[] };

type Block = { node: PMNode; pos: number };

// Text blocks to check, in document order; quotations (blockquote) are the quoted person's words.
function blocksOf(doc: PMNode): Block[] {
  const blocks: Block[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name === 'blockquote') return false;
    if (node.isTextblock) {
      blocks.push({ node, pos });
      return false;
    }
    return true;
  });
  return blocks;
}

// The block's text, one character per document position (a hard break or inline leaf is U+FFFC),
// so an offset in it plus pos + 1 is a document position.
function textOf(node: PMNode): string {
  let text = '';
  node.forEach((child) => {
    text += child.isText ? child.text! : '\uFFFC'.repeat(child.nodeSize);
  });
  return text;
}

function decorationOf(p: BodyPoint): Decoration {
  return Decoration.inline(
    p.pos,
    p.end,
    {
      class: p.kind === 'spelling' ? 'proof-point proof-spelling' : 'proof-point proof-style',
      'aria-invalid': p.kind === 'spelling' ? 'spelling' : 'grammar',
      'data-proof-kind': p.kind,
      title: p.suggestions[0] ? `${p.reason}: ${p.suggestions[0]}` : p.reason,
    },
    { inclusiveStart: false, inclusiveEnd: false },
  );
}

/** The point at a document position, if any. */
export function pointAt(state: EditorState, pos: number): BodyPoint | undefined {
  return proofreadingKey.getState(state)?.points.find((p) => p.pos <= pos && pos <= p.end);
}

export function bodyPoints(state: EditorState): BodyPoint[] {
  return proofreadingKey.getState(state)?.points ?? [];
}

function openMenuAt(view: EditorView, checker: ProofChecker, pos: number): boolean {
  const point = pointAt(view.state, pos);
  if (!point) return false;
  const start = view.coordsAtPos(point.pos);
  const end = view.coordsAtPos(point.end);
  checker.openMenu({
    point,
    where: { kind: 'body', from: point.pos, to: point.end },
    rect: {
      left: Math.min(start.left, end.left),
      top: start.top,
      bottom: Math.max(start.bottom, end.bottom),
    },
  });
  return true;
}

export function proofreadingExtension(checker: ProofChecker) {
  return Extension.create({
    name: 'proofreading',
    addKeyboardShortcuts: () => ({
      // The suggestions of the word at the cursor (the context-menu key does the same).
      'Alt-Enter': ({ editor }) => openMenuAt(editor.view, checker, editor.state.selection.from),
    }),
    addProseMirrorPlugins() {
      return [
        new Plugin<ProofState>({
          key: proofreadingKey,
          state: {
            init: () => ({ decorations: DecorationSet.empty, points: [] }),
            apply(tr, old) {
              const next = tr.getMeta(proofreadingKey) as ProofState | undefined;
              if (next) return next;
              if (!tr.docChanged) return old;
              // Until the next check (after the pause), the points move with the text: mapping the
              // set is proportional to the change, not to the article, so a keystroke stays cheap
              // in a 2,000,000-character body. A point typed into is dropped.
              const points: BodyPoint[] = [];
              for (const p of old.points) {
                const from = tr.mapping.mapResult(p.pos, 1);
                const to = tr.mapping.mapResult(p.end, -1);
                if (from.deleted || to.deleted || to.pos - from.pos !== p.end - p.pos) continue;
                points.push(from.pos === p.pos ? p : { ...p, pos: from.pos, end: to.pos });
              }
              return { decorations: old.decorations.map(tr.mapping, tr.doc), points };
            },
          },
          props: {
            decorations: (state) => proofreadingKey.getState(state)?.decorations,
            handleDOMEvents: {
              contextmenu: (view, event) => {
                const at = view.posAtCoords({ left: event.clientX, top: event.clientY });
                const pos = at && event.clientX + event.clientY > 0 ? at.pos : view.state.selection.from;
                if (!openMenuAt(view, checker, pos)) return false;
                event.preventDefault();
                return true;
              },
            },
          },
          view: (view) => new ProofRunner(view, checker),
        }),
      ];
    },
  });
}

// Runs the checks of one editor view: after a pause, in slices, visible part first.
class ProofRunner {
  private cache = new WeakMap<PMNode, Cached>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: () => void;
  private run = 0;

  constructor(
    private view: EditorView,
    private checker: ProofChecker,
  ) {
    this.unsubscribe = checker.subscribe(() => this.schedule(0));
    this.schedule(0);
  }

  update(view: EditorView, prev: EditorState): void {
    this.view = view;
    if (!view.state.doc.eq(prev.doc)) this.schedule(DEBOUNCE_MS);
  }

  destroy(): void {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.run += 1;
  }

  private schedule(delay: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.run += 1;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pass();
    }, delay);
  }

  // The index of the first block on screen, so checking starts where the journalist looks.
  private firstVisible(blocks: Block[]): number {
    try {
      const box = this.view.dom.getBoundingClientRect();
      const top = Math.max(box.top, 0) + 4;
      const at = this.view.posAtCoords({ left: box.left + box.width / 2, top });
      if (!at) return 0;
      let lo = 0;
      let hi = blocks.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (blocks[mid]!.pos <= at.pos) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    } catch {
      return 0;
    }
  }

  private pass(): void {
    const run = this.run;
    const doc = this.view.state.doc;
    if (!this.checker.enabled) {
      if (bodyPoints(this.view.state).length > 0) this.publish([], doc);
      return;
    }
    const blocks = blocksOf(doc);
    const start = this.firstVisible(blocks);
    const order = [...blocks.slice(start), ...blocks.slice(0, start)];
    const revision = this.checker.revision;
    let index = 0;
    let published = false;

    const step = () => {
      if (run !== this.run || this.view.isDestroyed) return;
      if (this.view.state.doc !== doc) return; // a newer pass is scheduled by update()
      const deadline = performance.now() + SLICE_MS;
      while (index < order.length && performance.now() < deadline) {
        const { node } = order[index++]!;
        const cached = this.cache.get(node);
        if (!cached || cached.revision !== revision) {
          this.cache.set(node, { revision, points: this.checker.check(textOf(node)) });
        }
      }
      // The visible part is drawn as soon as it is checked (the first slice), the rest at the end.
      if (!published || index >= order.length) {
        published = true;
        this.publish(blocks, doc);
      }
      if (index < order.length) setTimeout(step, 0);
    };
    step();
  }

  private publish(blocks: Block[], doc: PMNode): void {
    const points: BodyPoint[] = [];
    for (const { node, pos } of blocks) {
      const cached = this.cache.get(node);
      if (!cached) continue;
      for (const p of cached.points) points.push({ ...p, pos: pos + 1 + p.from, end: pos + 1 + p.to });
    }
    const state = { decorations: DecorationSet.create(doc, points.map(decorationOf)), points };
    this.view.dispatch(this.view.state.tr.setMeta(proofreadingKey, state).setMeta('addToHistory', false));
  }
}
