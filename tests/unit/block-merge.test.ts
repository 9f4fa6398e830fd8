import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JSONContent } from '@tiptap/core';
import { blockKey, blockKeysOf, differingRun, mergeBlocks, resolveMerge } from '@/lib/document/merge';

// The body's three-way merge by top-level block, on real Arabic paragraphs. Every pair of block
// operations (insert, delete, edit, move) on each side: on different blocks they both land; on the
// same block only what cannot be combined is a conflict, and the conflict is that block alone.

const p = (text: string): JSONContent => ({
  type: 'paragraph',
  attrs: { dir: 'rtl' },
  content: [{ type: 'text', text }],
});
const textOf = (block: JSONContent): string =>
  block.type === 'paragraph'
    ? (block.content?.[0]?.text ?? '')
    : `[${(block.content ?? []).map((item) => textOf(item.content![0]!)).join('|')}]`;

const BASE = [
  'قال الوزير إن الاتفاق وُقّع',
  'وأضاف أن المفاوضات استمرت',
  'ونقلت وكالة الأنباء',
  'وفي طشقند',
  'انتهى',
];
const base = BASE.map(p);
const baseKeys = blockKeysOf(base);

type Op = 'insert' | 'delete' | 'edit' | 'move';
const OPS: Op[] = ['insert', 'delete', 'edit', 'move'];

// One operation on the block that holds `target`, by its text (so that two operations on different
// blocks can be applied one after the other, whatever the other did to the positions): insert a
// new paragraph after it, delete it, edit it, or move it to the other end of the article.
function apply(doc: JSONContent[], op: Op, target: string, who: string): JSONContent[] {
  const out = [...doc];
  const at = out.findIndex((block) => textOf(block) === target);
  assert.ok(at >= 0, `no block «${target}»`);
  if (op === 'insert') out.splice(at + 1, 0, p(`فقرة جديدة من ${who}`));
  if (op === 'delete') out.splice(at, 1);
  if (op === 'edit') out[at] = p(`${target} (عدّلها ${who})`);
  if (op === 'move') {
    const [block] = out.splice(at, 1);
    if (at === 0) out.push(block!);
    else out.unshift(block!);
  }
  return out;
}

const texts = (blocks: JSONContent[]) => blocks.map(textOf);

describe('block merge: every pair of operations on different blocks lands without a conflict', () => {
  const positions: [string, number, number][] = [
    ['middle', 1, 3],
    ['start and end', 0, 4],
    ['end and start', 4, 0],
    ['neighbours', 1, 2],
  ];
  for (const [where, mineAt, theirsAt] of positions) {
    for (const mineOp of OPS) {
      for (const theirsOp of OPS) {
        test(`mine ${mineOp}, theirs ${theirsOp} (${where})`, () => {
          const mine = apply(base, mineOp, BASE[mineAt]!, 'سارة');
          const theirs = apply(base, theirsOp, BASE[theirsAt]!, 'أحمد');
          const merged = mergeBlocks(baseKeys, mine, theirs);
          assert.equal(merged.conflicts.length, 0);
          const result = texts(resolveMerge(merged, 'theirs'));
          // Both changes, whatever the order they are applied in, and nothing else.
          const expected = apply(theirs, mineOp, BASE[mineAt]!, 'سارة');
          assert.deepEqual(new Set(result), new Set(texts(expected)));
          assert.equal(result.length, expected.length);
          // A block neither side touched keeps its place relative to the other untouched ones.
          const untouched = BASE.filter((_, i) => i !== mineAt && i !== theirsAt);
          assert.deepEqual(
            result.filter((t) => untouched.includes(t)),
            untouched,
          );
          if (mineOp !== 'move' && theirsOp !== 'move') assert.deepEqual(result, texts(expected));
        });
      }
    }
  }
});

describe('block merge: both sides on the same block', () => {
  // The third paragraph: moved to the start, it cannot be mistaken for its neighbours moving.
  const target = BASE[2]!;
  const before = BASE.slice(0, 2);
  const after = BASE.slice(3);
  const merge = (mineOp: Op, theirsOp: Op) =>
    mergeBlocks(baseKeys, apply(base, mineOp, target, 'سارة'), apply(base, theirsOp, target, 'أحمد'));
  const clean = (mineOp: Op, theirsOp: Op) => {
    const merged = merge(mineOp, theirsOp);
    assert.equal(merged.conflicts.length, 0, `${mineOp}/${theirsOp} should merge`);
    return texts(resolveMerge(merged, 'theirs'));
  };

  test('insert / insert after the same block: both kept, theirs first (stored first)', () => {
    assert.deepEqual(clean('insert', 'insert'), [
      ...before,
      target,
      'فقرة جديدة من أحمد',
      'فقرة جديدة من سارة',
      ...after,
    ]);
  });
  test('insert after a block the other deleted: the new paragraph stays, the old one goes', () => {
    for (const [m, t] of [
      ['insert', 'delete'],
      ['delete', 'insert'],
    ] as const) {
      assert.deepEqual(clean(m, t), [
        ...before,
        `فقرة جديدة من ${m === 'insert' ? 'سارة' : 'أحمد'}`,
        ...after,
      ]);
    }
  });
  test('insert after a block the other edited: both', () => {
    assert.deepEqual(clean('insert', 'edit'), [
      ...before,
      `${target} (عدّلها أحمد)`,
      'فقرة جديدة من سارة',
      ...after,
    ]);
    assert.deepEqual(clean('edit', 'insert'), [
      ...before,
      `${target} (عدّلها سارة)`,
      'فقرة جديدة من أحمد',
      ...after,
    ]);
  });
  test('insert after a block the other moved: the new paragraph stays where it was added', () => {
    assert.deepEqual(clean('insert', 'move'), [target, ...before, 'فقرة جديدة من سارة', ...after]);
    assert.deepEqual(clean('move', 'insert'), [target, ...before, 'فقرة جديدة من أحمد', ...after]);
  });
  test('delete / delete: deleted once', () => {
    assert.deepEqual(clean('delete', 'delete'), [...before, ...after]);
  });
  test('delete / edit and edit / delete: a conflict of that block alone', () => {
    const a = merge('delete', 'edit');
    assert.equal(a.conflicts.length, 1);
    assert.deepEqual(texts(a.conflicts[0]!.theirs), [`${target} (عدّلها أحمد)`]);
    assert.deepEqual(texts(a.conflicts[0]!.mine), []);
    assert.deepEqual(texts(resolveMerge(a, 'theirs')), [...before, `${target} (عدّلها أحمد)`, ...after]);
    assert.deepEqual(texts(resolveMerge(a, 'mine')), [...before, ...after]);
    const b = merge('edit', 'delete');
    assert.deepEqual(texts(b.conflicts[0]!.mine), [`${target} (عدّلها سارة)`]);
    assert.deepEqual(texts(b.conflicts[0]!.theirs), []);
  });
  test('delete / move: the block is kept where it was moved (nothing disappears unseen)', () => {
    assert.deepEqual(clean('delete', 'move'), [target, ...before, ...after]);
    assert.deepEqual(clean('move', 'delete'), [target, ...before, ...after]);
  });
  test('edit / edit, differently: a conflict of that block alone; the same edit: none', () => {
    const merged = merge('edit', 'edit');
    assert.equal(merged.conflicts.length, 1);
    assert.deepEqual(texts(merged.conflicts[0]!.mine), [`${target} (عدّلها سارة)`]);
    assert.deepEqual(texts(merged.conflicts[0]!.theirs), [`${target} (عدّلها أحمد)`]);
    assert.deepEqual(texts(resolveMerge(merged, 'mine')), [...before, `${target} (عدّلها سارة)`, ...after]);
    assert.deepEqual(texts(resolveMerge(merged, 'both')), [
      ...before,
      `${target} (عدّلها سارة)`,
      `${target} (عدّلها أحمد)`,
      ...after,
    ]);
    const same = apply(base, 'edit', target, 'سارة');
    assert.equal(mergeBlocks(baseKeys, same, same).conflicts.length, 0);
    assert.deepEqual(texts(resolveMerge(mergeBlocks(baseKeys, same, same), 'theirs')), texts(same));
  });
  test('edit / move: the edited block goes where it was moved', () => {
    assert.deepEqual(clean('edit', 'move'), [`${target} (عدّلها سارة)`, ...before, ...after]);
    assert.deepEqual(clean('move', 'edit'), [`${target} (عدّلها أحمد)`, ...before, ...after]);
  });
  test('move / move: to the same place once; to different places, theirs decides', () => {
    assert.deepEqual(clean('move', 'move'), [target, ...before, ...after]);
    const mine = [...base.slice(0, 2), ...base.slice(3), base[2]!];
    const theirs = [base[2]!, ...base.slice(0, 2), ...base.slice(3)];
    const merged = mergeBlocks(baseKeys, mine, theirs);
    assert.equal(merged.conflicts.length, 0);
    assert.deepEqual(texts(resolveMerge(merged, 'theirs')), texts(theirs));
  });
  test('a conflict leaves the other side’s changes elsewhere merged', () => {
    const mine = apply(apply(base, 'edit', target, 'سارة'), 'edit', BASE[4]!, 'سارة');
    const theirs = apply(apply(base, 'edit', target, 'أحمد'), 'insert', BASE[0]!, 'أحمد');
    const merged = mergeBlocks(baseKeys, mine, theirs);
    assert.equal(merged.conflicts.length, 1);
    assert.deepEqual(texts(merged.conflicts[0]!.mine), [`${target} (عدّلها سارة)`]);
    assert.deepEqual(texts(resolveMerge(merged, 'mine')), [
      BASE[0],
      'فقرة جديدة من أحمد',
      BASE[1],
      `${target} (عدّلها سارة)`,
      BASE[3],
      `${BASE[4]} (عدّلها سارة)`,
    ]);
  });
  test('neighbouring paragraphs edited on one side: only the one both edited conflicts', () => {
    const mine = apply(base, 'edit', target, 'سارة');
    const theirs = apply(apply(base, 'edit', target, 'أحمد'), 'edit', BASE[1]!, 'أحمد');
    const merged = mergeBlocks(baseKeys, mine, theirs);
    assert.equal(merged.conflicts.length, 1);
    assert.deepEqual(texts(merged.conflicts[0]!.theirs), [`${target} (عدّلها أحمد)`]);
    assert.deepEqual(texts(resolveMerge(merged, 'mine')), [
      BASE[0],
      `${BASE[1]} (عدّلها أحمد)`,
      `${target} (عدّلها سارة)`,
      ...after,
    ]);
  });
  test('a paragraph added right next to a conflicting block is shown in the conflict with it', () => {
    // The alignment cannot tell which of their two blocks is the edit of the old one: both are
    // shown under «نسختهم», so nothing of theirs is dropped unseen.
    const mine = apply(base, 'edit', target, 'سارة');
    const theirs = apply(apply(base, 'edit', target, 'أحمد'), 'insert', BASE[1]!, 'أحمد');
    const merged = mergeBlocks(baseKeys, mine, theirs);
    assert.equal(merged.conflicts.length, 1);
    assert.deepEqual(texts(merged.conflicts[0]!.theirs), ['فقرة جديدة من أحمد', `${target} (عدّلها أحمد)`]);
    assert.deepEqual(texts(merged.conflicts[0]!.mine), [`${target} (عدّلها سارة)`]);
  });
});

describe('block merge: edges', () => {
  test('empty documents', () => {
    assert.deepEqual(resolveMerge(mergeBlocks([], [], []), 'theirs'), []);
    const both = mergeBlocks([], [p('من سارة')], [p('من أحمد')]);
    assert.equal(both.conflicts.length, 0);
    assert.deepEqual(texts(resolveMerge(both, 'theirs')), ['من أحمد', 'من سارة']);
    assert.deepEqual(texts(resolveMerge(mergeBlocks([], [p('من سارة')], []), 'theirs')), ['من سارة']);
    assert.deepEqual(resolveMerge(mergeBlocks(blockKeysOf([p('أ')]), [], []), 'theirs'), []);
    // One side emptied the article, the other edited a paragraph of it: that paragraph conflicts.
    const emptied = mergeBlocks(baseKeys, [], apply(base, 'edit', BASE[2]!, 'أحمد'));
    assert.equal(emptied.conflicts.length, 1);
    assert.deepEqual(texts(resolveMerge(emptied, 'mine')), []);
  });
  test('nothing changed on one side: the other side whole', () => {
    const theirs = apply(apply(base, 'edit', BASE[0]!, 'أحمد'), 'delete', BASE[3]!, 'أحمد');
    assert.deepEqual(texts(resolveMerge(mergeBlocks(baseKeys, base, theirs), 'theirs')), texts(theirs));
    assert.deepEqual(texts(resolveMerge(mergeBlocks(baseKeys, theirs, base), 'theirs')), texts(theirs));
  });
  test('appending at the end on both sides keeps both (a reporter adds lines, an editor too)', () => {
    const mine = [...base, p('آخر الأخبار من سارة')];
    const theirs = [...base, p('تحديث من أحمد')];
    assert.deepEqual(texts(resolveMerge(mergeBlocks(baseKeys, mine, theirs), 'theirs')), [
      ...BASE,
      'تحديث من أحمد',
      'آخر الأخبار من سارة',
    ]);
  });

  const list = (...items: string[]): JSONContent => ({
    type: 'bulletList',
    content: items.map((text) => ({ type: 'listItem', content: [p(text)] })),
  });
  const nested = (inner: JSONContent): JSONContent => ({
    type: 'bulletList',
    content: [{ type: 'listItem', content: [p('البند الأول'), inner] }],
  });
  test('nested lists: a list is one block; edits to different items of it conflict, as that list', () => {
    const withList = [p('مقدمة'), list('بند أ', 'بند ب'), p('خاتمة')];
    const keys = blockKeysOf(withList);
    const mine = [withList[0]!, list('بند أ معدّل', 'بند ب'), withList[2]!];
    const theirs = [withList[0]!, list('بند أ', 'بند ب معدّل'), withList[2]!];
    const merged = mergeBlocks(keys, mine, theirs);
    assert.equal(merged.conflicts.length, 1);
    assert.deepEqual(texts(merged.conflicts[0]!.mine), ['[بند أ معدّل|بند ب]']);
    // The list edited on one side and the paragraph after it on the other: both.
    const after = [withList[0]!, withList[1]!, p('خاتمة معدّلة')];
    assert.deepEqual(texts(resolveMerge(mergeBlocks(keys, mine, after), 'theirs')), [
      'مقدمة',
      '[بند أ معدّل|بند ب]',
      'خاتمة معدّلة',
    ]);
    // A list nested in a list: changed inside on one side, the heading paragraph on the other.
    const deep = [p('مقدمة'), nested(list('عميق'))];
    const deepKeys = blockKeysOf(deep);
    const deepMine = [p('مقدمة'), nested(list('عميق معدّل'))];
    const deepTheirs = [p('مقدمة جديدة'), deep[1]!];
    const deepMerged = mergeBlocks(deepKeys, deepMine, deepTheirs);
    assert.equal(deepMerged.conflicts.length, 0);
    assert.deepEqual(resolveMerge(deepMerged, 'theirs'), [p('مقدمة جديدة'), nested(list('عميق معدّل'))]);
  });
  test('block keys: the same JSON the same key, one letter apart a different one', () => {
    assert.equal(blockKey(JSON.stringify(p('خبر'))), blockKey(JSON.stringify(p('خبر'))));
    assert.notEqual(blockKey(JSON.stringify(p('خبر'))), blockKey(JSON.stringify(p('خبز'))));
    assert.match(blockKey('{}'), /^[0-9a-f]{14}$/);
  });
});

test('differingRun: the run of blocks between the same start and the same end', () => {
  assert.equal(differingRun(['أ', 'ب'], ['أ', 'ب']), null);
  assert.deepEqual(differingRun(['أ', 'ب', 'ج'], ['أ', 'س', 'ج']), { start: 1, end: 1 });
  assert.deepEqual(differingRun(['أ', 'ب'], ['أ', 'ب', 'ج']), { start: 2, end: 0 });
  assert.deepEqual(differingRun(['أ', 'ب'], ['ب']), { start: 0, end: 1 });
  assert.deepEqual(differingRun([], ['أ']), { start: 0, end: 0 });
  // A repeated block is counted once, at the start: the ends never overlap.
  assert.deepEqual(differingRun(['أ', 'أ'], ['أ', 'أ', 'أ']), { start: 2, end: 0 });
});
