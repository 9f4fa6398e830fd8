import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { bodyOf, seededState } from '@/lib/collab/document';
import { checkArticleDocument, DOCUMENT_MESSAGES } from '@/lib/document/check';
import { commentIdsIn, withoutCommentMarks } from '@/lib/document/comment-mark';
import { articleExtensions } from '@/lib/document/extensions';
import { renderArticleHtml } from '@/lib/document/render';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';

// The comment anchor (تعليق على النص) is part of the one document module: the schema accepts it
// with a thread id and nothing else, Yjs carries it, and the renderer for readers drops it.

const comment = (id: unknown) => ({ type: 'comment', attrs: { id } });
const text = (t: string, marks?: JSONContent['marks']): JSONContent => ({ type: 'text', text: t, marks });
const doc = (...content: JSONContent[]): JSONContent => ({
  type: 'doc',
  content: [{ type: 'paragraph', attrs: { dir: 'rtl' }, content }],
});

describe('the renderer for readers drops the anchor', () => {
  test('plain text: no span, no id, the words joined back', () => {
    const html = renderArticleHtml(
      doc(text('قال '), text('الوزير', [comment(12)]), text(' إن الاتفاق قريب.')),
    );
    assert.equal(html, '<p dir="rtl">قال الوزير إن الاتفاق قريب.</p>');
  });

  test('inside bold and a link, and two threads over the same words', () => {
    const link = { type: 'link', attrs: { href: 'https://example.com/' } };
    const html = renderArticleHtml(
      doc(
        text('عاجل: ', [{ type: 'bold' }]),
        text('انفجار', [{ type: 'bold' }, comment(3), comment(4)]),
        text(' في ', [{ type: 'bold' }, comment(4)]),
        text('الميناء', [link, comment(5)]),
      ),
    );
    assert.equal(
      html,
      '<p dir="rtl"><strong>عاجل: انفجار في </strong><a rel="noopener noreferrer nofollow" href="https://example.com/">الميناء</a></p>',
    );
  });

  test('the document given is not changed, and the ids can be listed in reading order', () => {
    const body = doc(text('أ', [comment(9)]), text('ب'), text('ج', [comment(2), comment(9)]));
    const before = JSON.stringify(body);
    withoutCommentMarks(body);
    assert.equal(JSON.stringify(body), before);
    assert.deepEqual(commentIdsIn(body), [9, 2]);
    assert.deepEqual(commentIdsIn(withoutCommentMarks(body)), []);
  });

  test('without the stripping the same extensions would write it out (so the tests above can fail)', () => {
    const html = renderToHTMLString({ content: doc(text('س', [comment(1)])), extensions: articleExtensions });
    assert.match(html, /<span data-comment-id="1">س<\/span>/);
  });
});

describe('the schema check', () => {
  test('accepts a thread id, refuses anything else in its place', () => {
    assert.equal(checkArticleDocument(doc(text('نص', [comment(7)]))).ok, true);
    for (const bad of [null, 0, -1, 1.5, '7', 2 ** 31, '<script>', { x: 1 }]) {
      const checked = checkArticleDocument(doc(text('نص', [comment(bad)])));
      assert.equal(checked.ok, false, JSON.stringify(bad));
      assert.equal(!checked.ok && checked.reason, DOCUMENT_MESSAGES.schema);
    }
  });

  test('drops attributes other than the id', () => {
    const checked = checkArticleDocument(
      doc(text('نص', [{ type: 'comment', attrs: { id: 7, body: 'سر', author: 'x' } }])),
    );
    assert.ok(checked.ok);
    assert.equal(
      JSON.stringify(checked.json.content?.[0]?.content?.[0]?.marks),
      JSON.stringify([{ type: 'comment', attrs: { id: 7 } }]),
    );
  });
});

describe('the shared document carries the anchor', () => {
  test('seeded into Yjs and read back, with two threads on overlapping words', () => {
    const body = doc(text('قال '), text('الوزير', [comment(1), comment(2)]), text(' اليوم', [comment(2)]));
    const ydoc = new Y.Doc();
    Y.applyUpdate(ydoc, seededState(body));
    assert.deepEqual(commentIdsIn(bodyOf(ydoc)).sort(), [1, 2]);
    assert.equal(renderArticleHtml(bodyOf(ydoc)), '<p dir="rtl">قال الوزير اليوم</p>');
  });
});
