import type { JSONContent } from '@tiptap/core';
import { diffArrays, diffWords } from 'diff';

// مقارنة between two revisions of one article, from their TipTap JSON documents. Pure: the page
// renders what this returns. The diff algorithm is npm `diff` (Myers), used twice: over the list
// of blocks (so an added, removed or moved paragraph shows as one), then word by word inside a
// changed block, with Intl.Segmenter as its tokenizer so an Arabic word — with its diacritics and
// attached و/ب/ال — is one token, never cut mid-letter, and Latin runs and digits keep their place.

export type WordPart = { text: string; op: 'same' | 'inserted' | 'deleted' };

// One text block of a document, flattened: quotes and list items carry their context in `kind`.
export type DocumentBlock = {
  kind: string;
  dir: string | null;
  text: string;
  // The marks over the block's text, as "bold@3-10" items: equal text with a different value
  // here means a formatting change.
  marks: string[];
};

export type BlockChange =
  | { op: 'same'; block: DocumentBlock; notes: string[] }
  | { op: 'changed'; before: DocumentBlock; after: DocumentBlock; parts: WordPart[]; notes: string[] }
  | { op: 'inserted'; block: DocumentBlock }
  | { op: 'deleted'; block: DocumentBlock }
  // The same text removed in one place and added in another.
  | { op: 'moved_from'; block: DocumentBlock }
  | { op: 'moved_to'; block: DocumentBlock; notes: string[] };

export const BLOCK_KIND_LABELS: Record<string, string> = {
  paragraph: 'فقرة',
  heading: 'عنوان فرعي',
  blockquote: 'اقتباس',
  bulletList: 'قائمة نقطية',
  orderedList: 'قائمة مرقمة',
  image: 'صورة',
  codeBlock: 'نص برمجي',
  horizontalRule: 'فاصل',
  table: 'جدول',
};

const MARK_LABELS: Record<string, string> = {
  bold: 'غامق',
  italic: 'مائل',
  link: 'رابط',
  strike: 'يتوسطه خط',
  underline: 'تسطير',
  code: 'نص برمجي',
};

const DIRECTION_LABELS: Record<string, string> = {
  rtl: 'من اليمين إلى اليسار',
  ltr: 'من اليسار إلى اليمين',
  auto: 'تلقائي',
};

let segmenter: Intl.Segmenter | undefined;
function wordSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('ar', { granularity: 'word' });
  return segmenter;
}

// A changed block is shown word by word only if enough of it stayed; otherwise as a deletion
// and an insertion, which reads better than a confetti of ins/del.
const MIN_SHARED_FOR_WORD_DIFF = 0.3;

export function wordDiff(before: string, after: string): WordPart[] {
  return diffWords(before, after, { intlSegmenter: wordSegmenter() }).map((change) => ({
    text: change.value,
    op: change.added ? 'inserted' : change.removed ? 'deleted' : 'same',
  }));
}

function textOf(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(textOf).join('');
}

function marksOf(node: JSONContent): string[] {
  const out: string[] = [];
  let offset = 0;
  const walk = (child: JSONContent) => {
    if (child.type === 'text') {
      const length = (child.text ?? '').length;
      for (const mark of child.marks ?? []) {
        const href = mark.type === 'link' ? `(${String(mark.attrs?.href ?? '')})` : '';
        out.push(`${mark.type}${href}@${offset}-${offset + length}`);
      }
      offset += length;
      return;
    }
    if (child.type === 'hardBreak') offset += 1;
    for (const grandchild of child.content ?? []) walk(grandchild);
  };
  walk(node);
  return out;
}

const str = (value: unknown): string | null => (value == null ? null : String(value));

// Text blocks in reading order, each with the container it sits in (quote, list).
export function documentBlocks(doc: JSONContent): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  const visit = (node: JSONContent, context: string | null, inheritedDir: string | null) => {
    const dir = str(node.attrs?.dir) ?? inheritedDir;
    switch (node.type) {
      case 'paragraph':
      case 'heading':
      case 'codeBlock': {
        const level = node.type === 'heading' ? ` ${String(node.attrs?.level ?? '')}` : '';
        blocks.push({
          kind: context ?? `${node.type}${level}`,
          dir,
          text: textOf(node),
          marks: marksOf(node),
        });
        return;
      }
      case 'image':
        blocks.push({
          kind: 'image',
          dir,
          text: str(node.attrs?.alt) ?? '',
          marks: [`src(${String(node.attrs?.src ?? '')})`, `caption(${String(node.attrs?.caption ?? '')})`],
        });
        return;
      case 'horizontalRule':
        blocks.push({ kind: 'horizontalRule', dir, text: '', marks: [] });
        return;
      case 'blockquote':
      case 'bulletList':
      case 'orderedList':
      case 'table':
        for (const child of node.content ?? []) visit(child, context ?? node.type!, dir);
        return;
      default:
        for (const child of node.content ?? []) visit(child, context, dir);
    }
  };
  visit(doc, null, null);
  // An empty trailing paragraph is the editor's caret line, not content.
  return blocks.filter(
    (block) => block.text.trim() !== '' || block.kind === 'image' || block.kind === 'horizontalRule',
  );
}

export function blockKindLabel(kind: string): string {
  const [base, level] = kind.split(' ');
  const label = BLOCK_KIND_LABELS[base!] ?? base!;
  return level ? `${label} (${level})` : label;
}

// What differs between two blocks besides their words: kind, direction, formatting.
function formatNotes(before: DocumentBlock, after: DocumentBlock): string[] {
  const notes: string[] = [];
  if (before.kind !== after.kind) {
    notes.push(`تغيّر نوع الكتلة: ${blockKindLabel(before.kind)} ← ${blockKindLabel(after.kind)}`);
  }
  if ((before.dir ?? 'rtl') !== (after.dir ?? 'rtl')) {
    const label = (dir: string | null) => DIRECTION_LABELS[dir ?? 'rtl'] ?? String(dir);
    notes.push(`تغيّر الاتجاه: ${label(before.dir)} ← ${label(after.dir)}`);
  }
  if (before.marks.join('|') !== after.marks.join('|')) {
    const changed = new Set<string>();
    const beforeSet = new Set(before.marks);
    const afterSet = new Set(after.marks);
    for (const mark of before.marks) if (!afterSet.has(mark)) changed.add(mark.replace(/[(@].*$/, ''));
    for (const mark of after.marks) if (!beforeSet.has(mark)) changed.add(mark.replace(/[(@].*$/, ''));
    const names = [...changed].map((name) => MARK_LABELS[name] ?? name);
    if (before.kind === 'image') notes.push('تغيّرت الصورة أو تعليقها');
    else if (names.length > 0) notes.push(`تغيّر التنسيق: ${names.join('، ')}`);
  }
  return notes;
}

function sharedRatio(parts: WordPart[]): number {
  let same = 0;
  let total = 0;
  for (const part of parts) {
    const length = part.text.trim().length;
    total += length;
    if (part.op === 'same') same += length;
  }
  return total === 0 ? 1 : same / total;
}

export function compareDocuments(before: JSONContent, after: JSONContent): BlockChange[] {
  const oldBlocks = documentBlocks(before);
  const newBlocks = documentBlocks(after);
  const changes = diffArrays(oldBlocks, newBlocks, { comparator: (a, b) => a.text === b.text });

  // Flatten to single-block operations, keeping kept pairs together.
  type Op =
    | { op: 'same'; before: DocumentBlock; after: DocumentBlock }
    | { op: 'deleted'; block: DocumentBlock }
    | { op: 'inserted'; block: DocumentBlock };
  const ops: Op[] = [];
  let oldIndex = 0;
  let newIndex = 0;
  for (const change of changes) {
    const count = change.count ?? change.value.length;
    for (let i = 0; i < count; i++) {
      if (change.added) ops.push({ op: 'inserted', block: newBlocks[newIndex++]! });
      else if (change.removed) ops.push({ op: 'deleted', block: oldBlocks[oldIndex++]! });
      else ops.push({ op: 'same', before: oldBlocks[oldIndex++]!, after: newBlocks[newIndex++]! });
    }
  }

  // A deleted block whose exact text is inserted elsewhere was moved.
  const insertedByText = new Map<string, number[]>();
  ops.forEach((op, i) => {
    if (op.op === 'inserted')
      insertedByText.set(op.block.text, [...(insertedByText.get(op.block.text) ?? []), i]);
  });
  const movedTo = new Map<number, DocumentBlock>(); // inserted op index → the block it came from
  const movedFrom = new Set<number>();
  ops.forEach((op, i) => {
    if (op.op !== 'deleted' || op.block.text.trim() === '') return;
    const targets = insertedByText.get(op.block.text);
    const target = targets?.shift();
    if (target === undefined) return;
    movedFrom.add(i);
    movedTo.set(target, op.block);
  });

  const out: BlockChange[] = [];
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.op === 'same') {
      out.push({ op: 'same', block: op.after, notes: formatNotes(op.before, op.after) });
      continue;
    }
    if (movedFrom.has(i)) {
      out.push({ op: 'moved_from', block: (op as { block: DocumentBlock }).block });
      continue;
    }
    if (movedTo.has(i)) {
      const block = (op as { block: DocumentBlock }).block;
      out.push({ op: 'moved_to', block, notes: formatNotes(movedTo.get(i)!, block) });
      continue;
    }
    // A run of deletions followed by insertions: pair them up in order as edited blocks.
    if (op.op === 'deleted') {
      const deleted: DocumentBlock[] = [];
      let j = i;
      while (j < ops.length && ops[j]!.op === 'deleted' && !movedFrom.has(j)) {
        deleted.push((ops[j] as { block: DocumentBlock }).block);
        j++;
      }
      const inserted: DocumentBlock[] = [];
      let k = j;
      while (k < ops.length && ops[k]!.op === 'inserted' && !movedTo.has(k)) {
        inserted.push((ops[k] as { block: DocumentBlock }).block);
        k++;
      }
      const pairs = Math.min(deleted.length, inserted.length);
      for (let p = 0; p < pairs; p++) {
        const parts = wordDiff(deleted[p]!.text, inserted[p]!.text);
        if (sharedRatio(parts) >= MIN_SHARED_FOR_WORD_DIFF) {
          out.push({
            op: 'changed',
            before: deleted[p]!,
            after: inserted[p]!,
            parts,
            notes: formatNotes(deleted[p]!, inserted[p]!),
          });
        } else {
          out.push({ op: 'deleted', block: deleted[p]! }, { op: 'inserted', block: inserted[p]! });
        }
      }
      for (const block of deleted.slice(pairs)) out.push({ op: 'deleted', block });
      for (const block of inserted.slice(pairs)) out.push({ op: 'inserted', block });
      i = k - 1;
      continue;
    }
    out.push({ op: 'inserted', block: op.block });
  }
  return out;
}

export function hasBodyChanges(changes: BlockChange[]): boolean {
  return changes.some((change) => change.op !== 'same' || change.notes.length > 0);
}
