import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { JSONContent } from '@tiptap/core';
import { checkArticleDocument, paragraphsToDocument, parseArticleDocument } from '@/lib/document/check';
import { renderArticleHtml } from '@/lib/document/render';
import { createWordCounter, documentStats } from '@/lib/document/stats';
import { countWords } from '@/lib/shared/arabic';
import { isSafeHref } from '@/lib/shared/links';

const para = (text: string, dir?: string, marks?: unknown[]) => ({
  type: 'paragraph',
  ...(dir ? { attrs: { dir } } : {}),
  content: [{ type: 'text', text, ...(marks ? { marks } : {}) }],
});
const doc = (...content: unknown[]): JSONContent => ({ type: 'doc', content: content as JSONContent[] });

describe('isSafeHref', () => {
  test('allows http, https, mailto and relative addresses', () => {
    for (const href of [
      'https://example.com/ar?q=طشقند',
      'http://x.test',
      'mailto:desk@newsroom.test',
      '/news/1/خبر',
      '#top',
    ]) {
      assert.equal(isSafeHref(href), true, href);
    }
  });
  test('refuses javascript:, data:, vbscript:, obfuscated and protocol-relative addresses', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'java\tscript:alert(1)',
      ' javascript:alert(1)',
      'java\u200bscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      '//evil.example/x',
      '',
    ]) {
      assert.equal(isSafeHref(href), false, JSON.stringify(href));
    }
  });
});

describe('checkArticleDocument', () => {
  test('accepts an Arabic document with direction and marks, and drops unknown attributes', () => {
    const result = checkArticleDocument(
      doc(
        {
          type: 'heading',
          attrs: { level: 2, dir: 'rtl', onclick: 'x()' },
          content: [{ type: 'text', text: 'عنوان' }],
        },
        para('قال Putin إن 2024 عام', 'rtl', [{ type: 'bold' }]),
        para('An English paragraph', 'ltr'),
      ),
    );
    assert.equal(result.ok, true);
    if (!result.ok) return;
    assert.equal(JSON.stringify(result.json).includes('onclick'), false);
    assert.equal(result.json.content?.[2]?.attrs?.dir, 'ltr');
  });
  test('refuses nodes the editor does not have, malformed shapes and bad links', () => {
    const bad: unknown[] = [
      null,
      [],
      'doc',
      { type: 'paragraph' },
      doc({ type: 'script', text: 'alert(1)' }),
      doc({ type: 'text', text: 'نص خارج فقرة' }),
      doc(para('x', undefined, [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }])),
      doc(para('x', undefined, [{ type: 'link', attrs: { href: 'data:text/html;base64,PHNjcmlwdD4=' } }])),
      doc({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'paragraph' }] }),
      doc(para('x', 'rtl" onmouseover="alert(1)')),
      { type: 'doc', attrs: { dir: 'sideways' }, content: [para('x')] },
    ];
    for (const input of bad) assert.equal(checkArticleDocument(input).ok, false, JSON.stringify(input));
  });
  test('parseArticleDocument refuses broken JSON and oversized documents', () => {
    assert.equal(parseArticleDocument('{"type":"doc",').ok, false);
    assert.equal(parseArticleDocument(JSON.stringify(doc(para('ب'.repeat(2_100_000))))).ok, false);
    assert.equal(parseArticleDocument(JSON.stringify(doc(para('نص')))).ok, true);
  });
});

describe('renderArticleHtml', () => {
  test('keeps dir attributes, escapes text and renders safe links', () => {
    const html = renderArticleHtml(
      doc(
        para('<script>alert("x")</script> نص', 'rtl'),
        para('Left to right', 'ltr'),
        para('رابط', 'rtl', [{ type: 'link', attrs: { href: 'https://example.com/?a=1&b=2' } }]),
      ),
    );
    assert.match(html, /<p dir="rtl">&lt;script&gt;alert\(/);
    assert.match(html, /<p dir="ltr">Left to right<\/p>/);
    assert.match(html, /<a [^>]*href="https:\/\/example.com\/\?a=1&amp;b=2"/);
    assert.match(html, /rel="noopener noreferrer nofollow"/);
    assert.equal(html.includes('<script>'), false);
  });
  test('paragraphs default to right to left', () => {
    assert.equal(
      renderArticleHtml(paragraphsToDocument(['أولى', 'ثانية'])),
      '<p dir="rtl">أولى</p><p dir="rtl">ثانية</p>',
    );
  });
});

describe('documentStats', () => {
  test('plain text keeps a blank line between blocks and words are counted', () => {
    const checked = checkArticleDocument(
      paragraphsToDocument(['وتستضيف طشقند يومي 4 و5 سبتمبر', 'قال Putin']),
    );
    assert.ok(checked.ok);
    const stats = documentStats(checked.node);
    assert.equal(stats.text, 'وتستضيف طشقند يومي 4 و5 سبتمبر\n\nقال Putin');
    assert.equal(stats.wordCount, 8);
  });

  test('a hard line break separates the words on either side of it', () => {
    const checked = checkArticleDocument(
      doc({
        type: 'paragraph',
        content: [
          { type: 'text', text: 'السطر الأول' },
          { type: 'hardBreak' },
          { type: 'text', text: 'والثاني' },
        ],
      }),
    );
    assert.ok(checked.ok);
    assert.equal(documentStats(checked.node).wordCount, 3);
    assert.equal(documentStats(checked.node).text, 'السطر الأول\nوالثاني');
  });

  test("the editor's live counter and the count stored at a save are the same on every edit", () => {
    // The case: one letter typed inside a word, in a body with a list, a quote, a heading
    // and a line break; the editor's counter (with its cache warm from before) and the server's agree.
    const body = (word: string) =>
      doc(
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'قمة طشقند 2024' }] },
        para(`وتستضيف ${word} يومي 4 و5 سبتمبر قمة بحضور Putin وXi؛ قال: «نعم».`),
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [para('البند الأول'), para('3.5 مليار دولار')] }],
        },
        { type: 'blockquote', content: [para('اقتباس من المؤتمر الصحفي')] },
        {
          type: 'paragraph',
          content: [{ type: 'text', text: 'سطر' }, { type: 'hardBreak' }, { type: 'text', text: 'سطر' }],
        },
      );
    const editorCount = createWordCounter();
    for (const word of ['طشقند', 'طشقنxد', 'طشـقند', 'طش']) {
      const checked = checkArticleDocument(body(word));
      assert.ok(checked.ok);
      const stats = documentStats(checked.node);
      assert.equal(editorCount(checked.node), stats.wordCount, word);
      // And it is the plain text's word count: what search and previews see.
      assert.equal(stats.wordCount, countWords(stats.text), word);
    }
  });
});
