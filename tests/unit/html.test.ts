import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { articleNotFoundHtml, articlePageHtml } from '@/app/(public)/news/[id]/[slug]/article-page';
import type { PublishedArticle } from '@/lib/reader/queries';
import { escapeHtml, html, trustedHtml } from '@/lib/reader/html';

// The article page is written as a string (lib/reader/html.ts): every value from the newsroom must be
// escaped wherever it lands — text, attributes, JSON-LD — and the markup must stay well formed.

describe('html builder', () => {
  test('escapes text and attribute values, in any script', () => {
    const hostile = `"><script>alert('x')</script> & «هجوم»`;
    const out = html`<p title="${hostile}">${hostile}</p>`.value;
    assert.equal(
      out,
      `<p title="&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; «هجوم»">&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; «هجوم»</p>`,
    );
    assert.equal(escapeHtml('a<b'), 'a&lt;b');
  });

  test('nests built html, joins arrays, writes nothing for null, undefined and false', () => {
    const items = ['أ', 'ب<'].map((x) => html`<li>${x}</li>`);
    const out = html`<ul>
      ${items}${null}${undefined}${false}${0}
    </ul>`.value;
    assert.equal(out, '<ul>\n<li>أ</li><li>ب&lt;</li>0\n</ul>');
  });

  test('trusted html passes as is; the template indentation goes, interpolated text keeps its own', () => {
    const pre = 'سطر\n    مزاح';
    assert.equal(
      html`<div>
        ${trustedHtml('<b>x</b>')}
        <pre>${pre}</pre>
      </div>`.value,
      '<div>\n<b>x</b>\n<pre>سطر\n    مزاح</pre>\n</div>',
    );
  });
});

const hostile = `</script><script>alert(1)</script>"'`;
const article: PublishedArticle = {
  id: 7,
  slug: 'خبر-تجريبي',
  headline: `عنوان ${hostile}`,
  deck: `مقدمة ${hostile}`,
  dateline: `طشقند ${hostile}`,
  bodyHtml: '<p dir="rtl">نص المقال</p>',
  bodyText: 'نص المقال',
  tags: [`وسم ${hostile}`],
  authorId: 3,
  authorName: `كاتب ${hostile}`,
  sectionId: 1,
  sectionName: 'دولي',
  sectionSlug: 'دولي',
  publishedAt: new Date('2024-09-05T10:00:00Z'),
  updatedAt: null,
  leadImage: null,
} as PublishedArticle;

describe('article page', () => {
  const page = articlePageHtml({
    article,
    tags: [{ id: 1, name: `وسم ${hostile}`, slug: 'وسم' }],
    notes: [{ at: new Date('2024-09-06T10:00:00Z'), note: `تصحيح ${hostile}` }],
    related: [],
  });

  test('no value from the newsroom can open a script or leave an attribute', () => {
    // The only script elements are the JSON-LD and the page's own script.
    assert.equal(page.match(/<script/g)?.length, 2);
    assert.ok(!page.includes('<script>alert'));
    const outsideJson = page.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
    assert.ok(!outsideJson.includes(`"'`), 'quotes are escaped in text and attributes');
  });

  test('the JSON-LD parses and carries the headline exactly', () => {
    const json = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(page)![1]!;
    const data = JSON.parse(json) as { headline: string; author: { name: string }[] };
    assert.equal(data.headline, article.headline);
    assert.equal(data.author[0]!.name, article.authorName);
  });

  test('a right-to-left Arabic document with the body, the canonical address and the counters', () => {
    assert.match(page, /^<!DOCTYPE html>\n<html lang="ar" dir="rtl">/);
    assert.ok(page.includes('<div class="article-body"><p dir="rtl">نص المقال</p></div>'));
    assert.match(page, /<link rel="canonical" href="http[^"]+\/news\/7\/%D8%AE/);
    assert.match(page, /<data value="" data-count="views">/);
    assert.ok(page.includes('نُشر في'));
    assert.ok(!page.includes('حُدّث في 5'), 'no update date for an article published once');
  });

  test('without a deck, the description is the opening of the body', () => {
    const plain = articlePageHtml({
      article: { ...article, deck: '', bodyText: 'نص المقال الأول & الثاني' },
      tags: [],
      notes: [],
      related: [],
    });
    assert.ok(plain.includes('<meta name="description" content="نص المقال الأول &amp; الثاني" />'));
    assert.ok(plain.includes('<meta property="og:description" content="نص المقال الأول &amp; الثاني" />'));
    assert.ok(!plain.includes('class="deck"'));
  });

  test('the not-found page is Arabic and not indexed', () => {
    const missing = articleNotFoundHtml();
    assert.ok(missing.includes('<h1>الصفحة غير موجودة</h1>'));
    assert.ok(missing.includes('<meta name="robots" content="noindex" />'));
  });
});
