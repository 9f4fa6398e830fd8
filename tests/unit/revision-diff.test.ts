import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JSONContent } from '@tiptap/core';
import { compareDocuments, documentBlocks, wordDiff } from '@/lib/newsroom/revision-diff';

// مقارنة: block by block, then word by word with Arabic words as whole tokens.

const p = (text: string, dir = 'rtl', marks?: JSONContent['marks']): JSONContent => ({
  type: 'paragraph',
  attrs: { dir },
  content: text ? [{ type: 'text', text, ...(marks ? { marks } : {}) }] : undefined,
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

describe('word diff', () => {
  test('Arabic words are whole tokens, with their diacritics and attached letters', () => {
    const parts = wordDiff('وقّعت الحكومةُ ثلاثَ اتفاقيات', 'وقّعت الحكومةُ أربعَ اتفاقيات');
    assert.deepEqual(
      parts.filter((part) => part.op !== 'same').map((part) => [part.op, part.text]),
      [
        ['deleted', 'ثلاثَ'],
        ['inserted', 'أربعَ'],
      ],
    );
  });
  test('Latin runs and digits stay in place between Arabic words', () => {
    const parts = wordDiff('قال Sergey Lavrov إن 3 اتفاقيات', 'قال Sergey V. Lavrov إن 3 اتفاقيات');
    assert.equal(parts.map((part) => part.text).join(''), 'قال Sergey V. Lavrov إن 3 اتفاقيات');
    assert.deepEqual(
      parts.filter((part) => part.op === 'inserted').map((part) => part.text.trim()),
      ['V.'],
    );
  });
});

describe('block diff', () => {
  test('an edited paragraph is shown word by word; an added one whole', () => {
    const changes = compareDocuments(
      doc(p('الفقرة الأولى كما هي'), p('قال الوزير إن المحادثات بنّاءة')),
      doc(p('الفقرة الأولى كما هي'), p('قال الوزير إن المحادثات صعبة'), p('فقرة جديدة تماماً')),
    );
    assert.deepEqual(
      changes.map((change) => change.op),
      ['same', 'changed', 'inserted'],
    );
    const changed = changes[1]!;
    assert.ok(changed.op === 'changed');
    assert.deepEqual(
      changed.parts.filter((part) => part.op !== 'same').map((part) => part.text),
      ['بنّاءة', 'صعبة'],
    );
  });

  test('a moved paragraph is shown as moved, not as deleted and added', () => {
    const changes = compareDocuments(
      doc(p('أ أ أ'), p('ب ب ب'), p('ج ج ج')),
      doc(p('ب ب ب'), p('ج ج ج'), p('أ أ أ')),
    );
    const ops = changes.map((change) => change.op);
    assert.ok(ops.includes('moved_from'));
    assert.ok(ops.includes('moved_to'));
    assert.ok(!ops.includes('deleted') && !ops.includes('inserted'));
  });

  test('a change of direction or formatting on the same words is named', () => {
    const bold = [{ type: 'bold' }];
    const changes = compareDocuments(
      doc(p('Press release in English', 'rtl'), p('كلمة مهمة')),
      doc(p('Press release in English', 'ltr'), p('كلمة مهمة', 'rtl', bold)),
    );
    assert.ok(changes[0]!.op === 'same' && changes[0]!.notes.some((note) => note.includes('الاتجاه')));
    assert.ok(changes[1]!.op === 'same' && changes[1]!.notes.some((note) => note.includes('غامق')));
  });

  test('quotes and list items keep their context; the empty caret line is not content', () => {
    const blocks = documentBlocks(
      doc(
        { type: 'blockquote', content: [p('قول مأثور')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p('بند')] }] },
        p(''),
      ),
    );
    assert.deepEqual(
      blocks.map((block) => block.kind),
      ['blockquote', 'bulletList'],
    );
  });
});
