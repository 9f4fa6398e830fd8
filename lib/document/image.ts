import { Node } from '@tiptap/core';
import type { DOMOutputSpec } from '@tiptap/pm/model';
import { isMediaPath, MAX_IMAGE_SIDE, mediaSrc, mediaSrcSet, type MediaItem } from '@/lib/shared/media-urls';

// An image inside the article body: only the newsroom's own uploads (/media/…), with their
// web sizes, alternative text and an optional caption and credit under it. Every attribute is
// checked by the schema (ProseMirror calls `validate` when a node is made and in node.check()),
// so a pasted or hand-made document with any other image is refused, and renderHTML writes out
// only what passed.

// The article column is 46rem wide (app/globals.css .article); narrower screens use the full width.
export const ARTICLE_IMAGE_SIZES = '(min-width: 46rem) 46rem, 100vw';
// The lead image's limits (lib/shared/validation/article.ts), repeated so that the editor's bundle does
// not pull in zod; a unit test keeps the two equal.
export const IMAGE_TEXT_MAX = 500;
export const IMAGE_CREDIT_MAX = 120;

export type ArticleImageAttrs = {
  src: string;
  srcset: string | null;
  sizes: string | null;
  alt: string;
  width: number | null;
  height: number | null;
  caption: string;
  credit: string;
};

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    articleImage: {
      // Puts an uploaded image into the body at the selection.
      insertArticleImage: (
        media: MediaItem,
        text?: Partial<Pick<ArticleImageAttrs, 'alt' | 'caption' | 'credit'>>,
      ) => ReturnType;
    };
  }
}

// Caption and credit are two elements with a separator between them, so they never run together
// ("الثلاثاءرويترز") on the page, in the editor, in a copied selection or in a feed reader. The
// lead image on the article page writes the same markup (imageCaptionHtml in article-page.ts).
export const CAPTION_CLASS = 'article-image-caption';
export const CREDIT_CLASS = 'article-image-credit';
export const CAPTION_SEPARATOR_CLASS = 'article-image-separator';
export const CAPTION_SEPARATOR = ' — ';

export function figcaptionParts(caption: string, credit: string): DOMOutputSpec[] {
  const parts: DOMOutputSpec[] = [];
  if (caption) parts.push(['span', { class: CAPTION_CLASS }, caption]);
  if (caption && credit) parts.push(['span', { class: CAPTION_SEPARATOR_CLASS }, CAPTION_SEPARATOR]);
  if (credit) parts.push(['span', { class: CREDIT_CLASS }, credit]);
  return parts;
}

function refuse(what: string): never {
  throw new RangeError(`image: ${what}`);
}

// "url 320w, url 640w": every candidate must be one of ours.
export function isMediaSrcSet(value: string): boolean {
  if (value.length > 2000) return false;
  return value.split(',').every((candidate) => {
    const match = /^\s*(\S+)\s+[1-9][0-9]{0,4}w\s*$/.exec(candidate);
    return match !== null && isMediaPath(match[1]!);
  });
}

const isSizes = (value: string) => value.length <= 200 && /^[a-z0-9\s(),.:%-]*$/i.test(value);
const isSide = (value: unknown) =>
  Number.isInteger(value) && (value as number) > 0 && (value as number) <= MAX_IMAGE_SIDE;

function text(max: number) {
  return (value: unknown) => {
    if (typeof value !== 'string' || value.length > max) refuse('text');
  };
}

function side(value: unknown) {
  if (value !== null && !isSide(value)) refuse('size');
}

const readSide = (element: HTMLElement, name: string) => {
  const n = Number(element.getAttribute(name));
  return isSide(n) ? n : null;
};

// Attributes of a pasted <img>, or false when the image is not one of ours.
function fromImg(img: HTMLImageElement | null): Partial<ArticleImageAttrs> | false {
  const src = img?.getAttribute('src') ?? '';
  if (!img || !isMediaPath(src)) return false;
  const srcset = img.getAttribute('srcset');
  const sizes = img.getAttribute('sizes');
  return {
    src,
    srcset: srcset && isMediaSrcSet(srcset) ? srcset : null,
    sizes: sizes && isSizes(sizes) ? sizes : null,
    alt: (img.getAttribute('alt') ?? '').slice(0, IMAGE_TEXT_MAX),
    width: readSide(img, 'width'),
    height: readSide(img, 'height'),
  };
}

export const articleImage = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    // Rendered by renderHTML below from the checked values, never copied through as they came.
    return {
      src: {
        default: null,
        rendered: false,
        validate: (value: unknown) => {
          if (typeof value !== 'string' || !isMediaPath(value)) refuse('src must be an uploaded image');
        },
      },
      srcset: {
        default: null,
        rendered: false,
        validate: (value: unknown) => {
          if (value !== null && (typeof value !== 'string' || !isMediaSrcSet(value))) refuse('srcset');
        },
      },
      sizes: {
        default: null,
        rendered: false,
        validate: (value: unknown) => {
          if (value !== null && (typeof value !== 'string' || !isSizes(value))) refuse('sizes');
        },
      },
      alt: { default: '', rendered: false, validate: text(IMAGE_TEXT_MAX) },
      width: { default: null, rendered: false, validate: side },
      height: { default: null, rendered: false, validate: side },
      caption: { default: '', rendered: false, validate: text(IMAGE_TEXT_MAX) },
      credit: { default: '', rendered: false, validate: text(IMAGE_CREDIT_MAX) },
    };
  },

  parseHTML() {
    return [
      {
        tag: 'figure',
        getAttrs: (figure) => {
          const img = fromImg(figure.querySelector('img'));
          if (!img) return false;
          const part = (name: string) =>
            figure.querySelector(`figcaption .${name}`)?.textContent?.trim() ?? '';
          return {
            ...img,
            caption: part(CAPTION_CLASS).slice(0, IMAGE_TEXT_MAX),
            credit: part(CREDIT_CLASS).slice(0, IMAGE_CREDIT_MAX),
          };
        },
      },
      { tag: 'img[src]', getAttrs: (img) => fromImg(img as HTMLImageElement) },
    ];
  },

  renderHTML({ node }) {
    const attrs = node.attrs as ArticleImageAttrs;
    // Belt and braces: a node that somehow skipped validation renders as an empty figure (the
    // empty string child keeps the static renderer from writing a self-closing <figure/>).
    if (typeof attrs.src !== 'string' || !isMediaPath(attrs.src))
      return ['figure', { class: 'article-image' }, ''];
    const img: DOMOutputSpec = [
      'img',
      {
        src: attrs.src,
        srcset: attrs.srcset && isMediaSrcSet(attrs.srcset) ? attrs.srcset : null,
        sizes: attrs.srcset && attrs.sizes && isSizes(attrs.sizes) ? attrs.sizes : null,
        alt: typeof attrs.alt === 'string' ? attrs.alt : '',
        width: isSide(attrs.width) ? String(attrs.width) : null,
        height: isSide(attrs.height) ? String(attrs.height) : null,
        loading: 'lazy',
        decoding: 'async',
      },
    ];
    const parts = figcaptionParts(String(attrs.caption ?? ''), String(attrs.credit ?? ''));
    if (parts.length === 0) return ['figure', { class: 'article-image' }, img];
    return ['figure', { class: 'article-image' }, img, ['figcaption', {}, ...parts]];
  },

  addCommands() {
    return {
      insertArticleImage:
        (media, given = {}) =>
        ({ commands }) => {
          const largest = media.variants.at(-1);
          const attrs: ArticleImageAttrs = {
            src: media.src || mediaSrc(media.variants),
            srcset: media.srcSet || mediaSrcSet(media.variants),
            sizes: ARTICLE_IMAGE_SIZES,
            alt: given.alt ?? media.alt,
            width: largest?.width ?? null,
            height: largest?.height ?? null,
            caption: given.caption ?? media.caption,
            credit: given.credit ?? media.credit,
          };
          return commands.insertContent({ type: this.name, attrs });
        },
    };
  },
});
