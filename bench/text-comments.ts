// The cost of drawing comments on the text (components/editor/comments/highlight.ts) while typing:
// ProseMirror transactions (one letter each) applied to a 5,000-word article carrying 30 comment
// anchors, with the highlight plugin vs without it, in the same run. No browser: this is the
// plugin's own work per keystroke (the rescan of the body and the decoration set), which is what
// it adds to the editor's typing latency (bench/editor-typing.ts measures the whole keystroke).
//
//   npx tsx --conditions=react-server bench/text-comments.ts
import { getSchema } from '@tiptap/core';
import { EditorState, type Plugin } from '@tiptap/pm/state';
import { commentHighlightKey, commentHighlightPlugin } from '@/components/editor/comments/highlight';
import { articleSchemaExtensions } from '@/lib/document/extensions';

const schema = getSchema(articleSchemaExtensions);
const WORDS = ['أعلنت', 'الحكومة', 'اليوم', 'عن', 'خطة', 'جديدة', 'لدعم', 'المزارعين', 'في', 'الجنوب'];

function article(anchors: number) {
  const paragraphs = [];
  let thread = 1;
  for (let p = 0; p < 250; p++) {
    const words = Array.from({ length: 20 }, (_, i) => WORDS[(p + i) % WORDS.length]!);
    const nodes = [];
    if (thread <= anchors && p % 8 === 0) {
      nodes.push(schema.text(words.slice(0, 5).join(' ') + ' '));
      nodes.push(schema.text(words.slice(5, 8).join(' '), [schema.marks.comment!.create({ id: thread++ })]));
      nodes.push(schema.text(' ' + words.slice(8).join(' ')));
    } else nodes.push(schema.text(words.join(' ')));
    paragraphs.push(schema.nodes.paragraph!.create({ dir: 'rtl' }, nodes));
  }
  return schema.nodes.doc!.create(null, paragraphs);
}

function time(plugins: Plugin[], keystrokes: number): number[] {
  let state = EditorState.create({ schema, doc: article(30), plugins });
  if (plugins.length) {
    const open = Array.from({ length: 30 }, (_, i) => i + 1);
    state = state.apply(state.tr.setMeta(commentHighlightKey, { open, active: 3 }));
  }
  const times: number[] = [];
  let seed = 7;
  for (let k = 0; k < keystrokes; k++) {
    seed = (seed * 48271) % 2147483647;
    const pos = 2 + (seed % (state.doc.content.size - 4));
    const at = state.doc.resolve(pos).parent.isTextblock ? pos : 2;
    const started = performance.now();
    state = state.apply(state.tr.insertText('ب', at));
    // What the view reads at each update.
    void (plugins.length && commentHighlightKey.getState(state)!.set);
    times.push(performance.now() - started);
  }
  return times;
}

const pct = (list: number[], p: number) =>
  [...list].sort((a, b) => a - b)[Math.floor((list.length - 1) * p)]!;
const handlers = {
  current: { comment: () => undefined, activate: () => undefined, anchors: () => undefined },
};
// Warm up both, then measure in alternating turns.
time([], 300);
time([commentHighlightPlugin(handlers)], 300);
const bare: number[] = [];
const withHighlight: number[] = [];
for (let turn = 0; turn < 4; turn++) {
  bare.push(...time([], 500));
  withHighlight.push(...time([commentHighlightPlugin(handlers)], 500));
}
const row = (name: string, t: number[]) =>
  `${name.padEnd(26)} p50 ${pct(t, 0.5).toFixed(3)} ms   p95 ${pct(t, 0.95).toFixed(3)} ms`;
console.log('5,000 words, 30 open comment threads, one letter per transaction');
console.log(row('without the highlight', bare));
console.log(row('with the highlight', withHighlight));
console.log(`added per keystroke (p95): ${(pct(withHighlight, 0.95) - pct(bare, 0.95)).toFixed(3)} ms`);
