import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getSchema, type JSONContent } from '@tiptap/core';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import {
  ARTICLE_IMAGE_SIZES,
  articleImage,
  IMAGE_CREDIT_MAX,
  IMAGE_TEXT_MAX,
  isMediaSrcSet,
} from '@/lib/document/image';
import {
  ARTICLE_TEXT_DIRECTION,
  articleExtensions,
  articleSchemaExtensions,
} from '@/lib/document/extensions';
import { mediaSrcSet, type MediaVariant } from '@/lib/shared/media-urls';
import { BYLINE_MAX, CAPTION_MAX } from '@/lib/shared/validation/article';

// The body's image node, in the schema and the static renderer the server uses (the one list in
// lib/document/extensions.ts, which includes it).

const schema = getSchema(articleSchemaExtensions);
const render = (json: JSONContent) =>
  renderToHTMLString({
    content: json,
    extensions: articleExtensions,
    staticEditorOptions: { textDirection: ARTICLE_TEXT_DIRECTION },
  });

const NAME = '0123456789abcdef0123456789abcdef';
const variants: MediaVariant[] = [
  { width: 320, height: 180, file: `${NAME}-320.webp`, bytes: 9000 },
  { width: 640, height: 360, file: `${NAME}-640.webp`, bytes: 30000 },
];
const goodAttrs = {
  src: `/media/${NAME}-640.webp`,
  srcset: mediaSrcSet(variants),
  sizes: ARTICLE_IMAGE_SIZES,
  alt: 'وزير الخارجية في مؤتمر صحفي',
  width: 640,
  height: 360,
  caption: 'المؤتمر الصحفي في طشقند <script>alert(1)</script>',
  credit: 'وكالة "الأنباء" & شركاؤها',
};
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const image = (attrs: Record<string, unknown>): JSONContent => ({ type: 'image', attrs });
const para = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });

// A document is accepted when it can be built from JSON and passes the schema's check.
function accepted(json: JSONContent): boolean {
  try {
    schema.nodeFromJSON(json).check();
    return true;
  } catch {
    return false;
  }
}

describe('articleImage in the schema', () => {
  test('the one list of extensions carries it, for the editor, the schema check and the renderer', () => {
    assert.ok(articleExtensions.includes(articleImage));
    assert.ok(articleSchemaExtensions.includes(articleImage));
  });

  test('an uploaded image with its sizes, alternative text, caption and credit is accepted', () => {
    assert.equal(accepted(doc(para('قبل'), image(goodAttrs), para('بعد'))), true);
    assert.equal(accepted(doc(image({ src: goodAttrs.src }))), true);
  });

  test('any image that is not one of ours is refused', () => {
    const hostile = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+',
      'https://evil.example/x.webp',
      '//evil.example/media/x.webp',
      `/media/../newsroom.db`,
      `/media/${NAME}-640.svg`,
      `/media/${NAME}-640.webp?x=1`,
      `/media/${NAME}-640.webp" onerror="alert(1)`,
      '',
    ];
    for (const src of hostile) {
      assert.equal(accepted(doc(image({ ...goodAttrs, src }))), false, src);
    }
    assert.equal(accepted(doc(image({ alt: 'بلا مصدر' }))), false);
    assert.equal(accepted(doc(image({ ...goodAttrs, srcset: 'https://evil.example/a.webp 320w' }))), false);
    assert.equal(
      accepted(doc(image({ ...goodAttrs, srcset: `${goodAttrs.src} 320w, javascript:x 640w` }))),
      false,
    );
    assert.equal(accepted(doc(image({ ...goodAttrs, sizes: '100vw"><script>' }))), false);
    assert.equal(accepted(doc(image({ ...goodAttrs, width: -5 }))), false);
    assert.equal(accepted(doc(image({ ...goodAttrs, width: '640" onload="x' }))), false);
    assert.equal(accepted(doc(image({ ...goodAttrs, alt: 42 }))), false);
    assert.equal(accepted(doc(image({ ...goodAttrs, caption: 'ت'.repeat(501) }))), false);
  });

  test('unknown attributes such as onerror are dropped', () => {
    const node = schema.nodeFromJSON(doc(image({ ...goodAttrs, onerror: 'alert(1)', style: 'x' })));
    node.check();
    assert.equal(JSON.stringify(node.toJSON()).includes('onerror'), false);
    assert.equal(JSON.stringify(node.toJSON()).includes('style'), false);
  });
});

describe('articleImage rendered for readers', () => {
  test('a figure with srcset, sizes, alt, dimensions, and an escaped caption and credit', () => {
    const html = render(doc(image(goodAttrs)));
    assert.match(html, /^<figure class="article-image"><img /);
    assert.ok(html.includes(`src="/media/${NAME}-640.webp"`), html);
    assert.ok(html.includes(`srcset="/media/${NAME}-320.webp 320w, /media/${NAME}-640.webp 640w"`), html);
    assert.ok(html.includes(`sizes="${ARTICLE_IMAGE_SIZES}"`), html);
    assert.ok(html.includes('alt="وزير الخارجية في مؤتمر صحفي"'), html);
    assert.ok(html.includes('width="640" height="360"'), html);
    assert.ok(html.includes('loading="lazy"'), html);
    assert.ok(
      html.includes(
        '<figcaption><span class="article-image-caption">المؤتمر الصحفي في طشقند &lt;script&gt;alert(1)&lt;/script&gt;</span><span class="article-image-separator"> — </span><span class="article-image-credit">وكالة "الأنباء" &amp; شركاؤها</span></figcaption></figure>',
      ),
      html,
    );
    assert.equal(html.includes('<script>'), false);
  });

  test('caption and credit never run together: a separator only when both are there', () => {
    const only = (caption: string, credit: string) =>
      render(doc(image({ ...goodAttrs, caption, credit }))).replace(/^.*<figcaption>|<\/figcaption>.*$/g, '');
    assert.equal(
      only('الثلاثاء', 'رويترز'),
      '<span class="article-image-caption">الثلاثاء</span><span class="article-image-separator"> — </span><span class="article-image-credit">رويترز</span>',
    );
    assert.equal(only('الثلاثاء', ''), '<span class="article-image-caption">الثلاثاء</span>');
    assert.equal(only('', 'رويترز'), '<span class="article-image-credit">رويترز</span>');
  });

  test('without caption or credit there is no figcaption, and the image keeps an empty alt', () => {
    const html = render(doc(image({ src: goodAttrs.src })));
    assert.equal(
      html,
      `<figure class="article-image"><img src="/media/${NAME}-640.webp" alt="" loading="lazy" decoding="async"/></figure>`,
    );
  });

  test('hostile attributes never reach the HTML', () => {
    let rendered = 0;
    for (const attrs of [
      { ...goodAttrs, src: 'javascript:alert(1)' },
      { ...goodAttrs, src: 'https://evil.example/x.webp' },
      { ...goodAttrs, onerror: 'alert(1)' },
    ]) {
      let html = '';
      try {
        html = render(doc(image(attrs)));
      } catch {
        continue; // refused outright: nothing rendered
      }
      rendered++;
      assert.equal(/onerror|javascript:|evil\.example/.test(html), false, html);
    }
    assert.ok(rendered >= 1, 'the valid image with a stray onerror is rendered, without it');
  });
});

describe('limits', () => {
  test('the body image takes the same text limits as the lead image', () => {
    assert.equal(IMAGE_TEXT_MAX, CAPTION_MAX);
    assert.equal(IMAGE_CREDIT_MAX, BYLINE_MAX);
  });
});

describe('isMediaSrcSet', () => {
  test('only our files with width descriptors', () => {
    assert.equal(isMediaSrcSet(mediaSrcSet(variants)), true);
    assert.equal(isMediaSrcSet(`/media/${NAME}-320.webp 2x`), false);
    assert.equal(isMediaSrcSet(`/media/${NAME}-320.webp`), false);
    assert.equal(isMediaSrcSet(''), false);
  });
});
