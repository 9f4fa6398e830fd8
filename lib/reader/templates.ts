import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ListImage, PublishedSummary } from '@/lib/reader/queries';
import { listSections } from '@/lib/reader/queries';
import { formatArabicDate, formatArabicTime } from '@/lib/shared/arabic';
import { html, trustedHtml, type Html } from '@/lib/reader/html';
import { mediaSrc, mediaSrcSet } from '@/lib/shared/media-urls';
import { ARTICLE_CACHE_CONTROL } from '@/lib/reader/cache-control';
import { absoluteUrl, newsroomSettings } from '@/lib/shared/settings';
import { articlePath } from '@/lib/shared/urls';

// Every reader page is one plain HTML document written here: no framework JavaScript, the site's
// CSS inlined, the reading font preloaded. Route handlers under app/(public)/ call these and answer
// with readerResponse; they are rendered per request (nothing is prerendered at build, nothing
// goes into Next's cache), and server.mjs keeps a copy of the ones the site links to in memory.
// Settings (name, site URL, dates) are read when the server starts (lib/shared/settings.ts).

// `sizes` of every image a reader page shows, one place for all: the widths the CSS
// (app/globals.css) gives them. `article` is the article column, which the editor also writes on
// body images (components/editor/image.ts, ARTICLE_IMAGE_SIZES).
export const READER_IMAGE_SIZES = {
  article: '(min-width: 46rem) 46rem, 100vw',
  top: '(min-width: 72rem) 44rem, (min-width: 64rem) 62vw, 100vw',
  card: '(min-width: 72rem) 16rem, (min-width: 40rem) 30vw, 7.5rem',
} as const;
export type ImageSize = keyof typeof READER_IMAGE_SIZES;

export const READER_FONT_PRELOADS = ['/fonts/noto-naskh-arabic-arabic-400-normal.woff2'];

// A picture from its upload sizes (lib/newsroom/uploads.ts), sized by the page's CSS. `eager` for the one
// picture that is the page's largest paint; every other waits until it is near the screen.
export function imageHtml(image: ListImage, size: ImageSize, eager = false): Html {
  return html`<img
    src="${mediaSrc(image.variants, size === 'card' ? 640 : 1280)}"
    srcset="${mediaSrcSet(image.variants)}"
    sizes="${READER_IMAGE_SIZES[size]}"
    width="${image.width}"
    height="${image.height}"
    alt="${image.alt}"
    ${eager ? trustedHtml('fetchpriority="high"') : trustedHtml('loading="lazy" decoding="async" fetchpriority="low"')}
  />`;
}

// A date as readers see it: the newsroom's calendar, digits and time zone, with a machine-readable
// <time>.
export function publishedDateInner(date: Date, label?: string): Html {
  const settings = newsroomSettings.dates;
  return html`${label ? `${label} ` : ''}<time datetime="${date.toISOString()}"
      >${formatArabicDate(date, settings)} <bdi>${formatArabicTime(date, settings)}</bdi></time
    >`;
}

export function publishedDateHtml(date: Date, label?: string): Html {
  return html`<span>${publishedDateInner(date, label)}</span>`;
}

const heading = (level: 'h2' | 'h3', inner: Html) =>
  html`${trustedHtml(`<${level}>`)}${inner}${trustedHtml(`</${level}>`)}`;

export function sectionPath(slug: string): string {
  return `/section/${encodeURIComponent(slug)}`;
}

// One story in a list: picture, section label, headline, deck, date. The headline's link covers
// the whole card (CSS), so each story is one link, and the section label stays its own link.
export function storyCardHtml(
  article: PublishedSummary,
  {
    level = 'h3',
    size = 'card',
    eager = false,
    deck = size === 'top',
    kicker = true,
  }: { level?: 'h2' | 'h3'; size?: ImageSize; eager?: boolean; deck?: boolean; kicker?: boolean } = {},
): Html {
  return html`<article class="story story-${size}${article.image ? '' : ' story-text'}">
    ${article.image ? html`<div class="story-image">${imageHtml(article.image, size, eager)}</div>` : null}
    <div class="story-text-part">
      ${
        kicker && article.sectionName && article.sectionSlug
          ? html`<p class="kicker">
              <a href="${sectionPath(article.sectionSlug)}">${article.sectionName}</a>
            </p>`
          : null
      }
      ${heading(level, html`<a href="${articlePath(article)}">${article.headline}</a>`)}
      ${deck && article.deck ? html`<p class="story-deck">${article.deck}</p>` : null}
      <p class="story-meta muted">
        ${article.dateline ? `${article.dateline} · ` : null}${publishedDateHtml(article.publishedAt)}
      </p>
    </div>
  </article>`;
}

export function storyGridHtml(
  items: PublishedSummary[],
  options: { level?: 'h2' | 'h3'; kicker?: boolean } = {},
): Html {
  return html`<ul class="story-grid">
    ${items.map((article) => html`<li>${storyCardHtml(article, options)}</li>`)}
  </ul>`;
}

// A numbered list of headlines (الأكثر قراءة), numbered in the newsroom's digits.
export function rankedListHtml(items: PublishedSummary[]): Html {
  const digits = new Intl.NumberFormat(`ar-u-nu-${newsroomSettings.dates.digits}`);
  return html`<ol class="ranked">
    ${items.map(
      (article, i) =>
        html`<li>
          <span class="rank" aria-hidden="true">${digits.format(i + 1)}</span>
          <a href="${articlePath(article)}">${article.headline}</a>
        </li>`,
    )}
  </ol>`;
}

// Page numbers from an address: "2" and up; page 1 is the list's own address. Null: not a page.
export function parsePageNumber(segment: string | undefined): number | null {
  if (segment === undefined) return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(segment) || segment === '1') return null;
  return Number(segment);
}

export function pagePath(basePath: string, page: number): string {
  if (page <= 1) return basePath;
  return `${basePath === '/' ? '' : basePath}/page/${page}`;
}

export function paginationHtml(page: number, pageCount: number, hrefOf: (page: number) => string): Html {
  if (pageCount <= 1) return html``;
  return html`<nav aria-label="الصفحات" class="pagination">
    ${page > 1 ? html`<a href="${hrefOf(page - 1)}" rel="prev">الصفحة السابقة</a>` : null}
    <span class="muted">صفحة ${page} من ${pageCount}</span>
    ${page < pageCount ? html`<a href="${hrefOf(page + 1)}" rel="next">الصفحة التالية</a>` : null}
  </nav>`;
}

// The site's CSS, inlined in the page: a few kB, and no render-blocking request on a phone. Read
// once per server process. Only the reading font's faces: reader pages use no other family.
let css: string | null = null;
function readerCss(): string {
  if (css !== null) return css;
  const read = (file: string) => readFileSync(path.join(process.cwd(), 'app', file), 'utf8');
  const faces = read('fonts.css')
    .split('@font-face')
    .filter((block) => block.includes("'Noto Naskh Arabic'"))
    .map((block) => `@font-face${block}`);
  css = [...faces, read('globals.css')]
    .join('\n')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    // Not around ":" or ">": in a selector the space before them means a descendant.
    .replace(/\s*([{};,])\s*/g, '$1')
    .trim();
  return css;
}

const SEARCH_ICON = trustedHtml(
  '<svg aria-hidden="true" focusable="false" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"><circle cx="10.5" cy="10.5" r="6.5"/><path d="m20 20-4.8-4.8"/></svg>',
);

export function searchButtonHtml(): Html {
  return html`<button type="submit" aria-label="بحث" class="icon-button">${SEARCH_ICON}</button>`;
}

function siteHeaderHtml(withSearch: boolean): Html {
  const sections = listSections();
  return html`<header class="site-header">
    <div class="container masthead">
      <a href="/" class="brand">${newsroomSettings.name}</a>
      ${
        withSearch
          ? html`<form action="/search" role="search" aria-label="بحث في الموقع" class="site-search">
              <input type="search" name="q" aria-label="بحث" maxlength="200" />
              ${searchButtonHtml()}
            </form>`
          : null
      }
    </div>
    <nav aria-label="الأقسام" class="sections-nav">
      <ul class="container">
        <li><a href="/">آخر الأخبار</a></li>
        ${sections.map((s) => html`<li><a href="${sectionPath(s.slug)}">${s.name}</a></li>`)}
      </ul>
    </nav>
  </header>`;
}

export type Feeds = { rss: string; atom: string };

export type ReaderPage = {
  // The page's own title; the site's name is added (the home page's title is the name alone).
  title?: string;
  description?: string;
  // Site-relative; made absolute with the start-time NEWSROOM_SITE_URL.
  canonicalPath?: string;
  feeds?: Feeds;
  noindex?: boolean;
  head?: Html;
  main: Html;
  // One of the constants of lib/reader/scripts.ts (the Content-Security-Policy hashes them).
  script?: string;
  // The search page has its own form; the header's would be a second one.
  headerSearch?: boolean;
  // The page's largest picture (its LCP): fetched from the head, before the body is parsed.
  leadImage?: { image: ListImage; size: ImageSize };
  ogType?: 'website' | 'article';
};

export function readerDocument(page: ReaderPage): string {
  const site = newsroomSettings.name;
  const title = page.title ? `${page.title} | ${site}` : site;
  const feeds = page.feeds ?? { rss: '/feed.xml', atom: '/atom.xml' };
  const canonical = page.canonicalPath ? absoluteUrl(page.canonicalPath) : null;
  const meta = (property: string, content: string | null | undefined) =>
    content ? html`<meta property="${property}" content="${content}" />` : null;
  const document = html`<!DOCTYPE html>
    <html lang="ar" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        ${page.description ? html`<meta name="description" content="${page.description}" />` : null}
        ${page.noindex ? html`<meta name="robots" content="noindex" />` : null}
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        ${
          page.leadImage
            ? html`<link
                rel="preload"
                as="image"
                imagesrcset="${mediaSrcSet(page.leadImage.image.variants)}"
                imagesizes="${READER_IMAGE_SIZES[page.leadImage.size]}"
                fetchpriority="high"
              />`
            : null
        }
        ${READER_FONT_PRELOADS.map(
          (href) => html`<link rel="preload" href="${href}" as="font" type="font/woff2" crossorigin="" />`,
        )}
        ${canonical ? html`<link rel="canonical" href="${canonical}" />` : null}
        <link rel="alternate" type="application/rss+xml" href="${absoluteUrl(feeds.rss)}" />
        <link rel="alternate" type="application/atom+xml" href="${absoluteUrl(feeds.atom)}" />
        ${
          page.ogType === 'article'
            ? null
            : [
                meta('og:type', 'website'),
                meta('og:title', page.title ?? site),
                meta('og:url', canonical),
                meta('og:description', page.description),
                meta('og:site_name', site),
                meta('og:locale', 'ar'),
              ]
        }
        ${page.head}
        <style>
          ${trustedHtml(readerCss())}
        </style>
      </head>
      <body>
        <div class="reader-site">
          ${siteHeaderHtml(page.headerSearch ?? true)}
          <main class="container">${page.main}</main>
          <footer class="site-footer muted">
            <div class="container">
              <a href="/" class="brand">${site}</a>
              <a href="${feeds.rss}">RSS</a> · <a href="${feeds.atom}">Atom</a>
            </div>
          </footer>
        </div>
        ${
          // Written byte for byte as the constant, with nothing around it: the page's CSP allows
          // this script by the hash of exactly that text (lib/http/security-headers.ts).
          page.script ? trustedHtml(`<script>${page.script}</script>`) : null
        }
      </body>
    </html>`;
  return document.value;
}

// What a CDN may keep: a minute, refreshed in the background (lib/reader/cache-control.ts).
export function readerResponse(body: string, status = 200): Response {
  return new Response(body, {
    status,
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': ARTICLE_CACHE_CONTROL },
  });
}

export function notFoundHtml(): string {
  return readerDocument({
    title: 'الصفحة غير موجودة',
    noindex: true,
    main: html`<section class="not-found">
      <h1>الصفحة غير موجودة</h1>
      <p>لم نجد ما تبحث عنه. ربما نُقل الخبر أو أُلغي نشره.</p>
      <p><a href="/">العودة إلى آخر الأخبار</a></p>
    </section>`,
  });
}

export function notFoundResponse(): Response {
  return readerResponse(notFoundHtml(), 404);
}
