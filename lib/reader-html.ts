import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PublishedSummary } from '@/db/queries/public';
import { formatArabicDate, formatArabicTime } from '@/lib/arabic';
import { html, trustedHtml, type Html } from '@/lib/html';
import { newsroomSettings } from '@/lib/settings';
import { articlePath } from '@/lib/urls';

// The reader site's shell as plain HTML. The article page — where readers land from search,
// social shares and feeds — is served as a complete HTML document with no framework JavaScript
// (see app/(public)/news/[id]/[slug]/route.ts); the other reader pages are React pages whose
// layout writes the same header and footer from here, so the site looks the same everywhere.

export const siteHeaderInner: Html = html`<div class="container">
  <a href="/" class="brand">${newsroomSettings.name}</a>
  <nav aria-label="الموقع">
    <ul>
      <li><a href="/">آخر الأخبار</a></li>
    </ul>
  </nav>
  <form action="/search" role="search" aria-label="بحث في الموقع" class="site-search">
    <input type="search" name="q" aria-label="بحث" maxlength="200" />
    <button type="submit">بحث</button>
  </form>
</div>`;

export const siteFooterInner: Html = html`<a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a>`;

// A date as readers see it: the newsroom's calendar, digits and time zone, with a machine-readable
// <time>. The React reader pages write the same markup (components/PublishedDate.tsx).
export function publishedDateInner(date: Date, label?: string): Html {
  const settings = newsroomSettings.dates;
  return html`${label ? `${label} ` : ''}<time datetime="${date.toISOString()}"
      >${formatArabicDate(date, settings)} <bdi>${formatArabicTime(date, settings)}</bdi></time
    >`;
}

export function publishedDateHtml(date: Date, label?: string): Html {
  return html`<span>${publishedDateInner(date, label)}</span>`;
}

// The items of a list of articles (home, section, tag, author, related). Article links are plain
// links: the article page is not a React page, so Next's <Link> would only prefetch its HTML.
export function articleItemsHtml(items: PublishedSummary[], heading: 'h2' | 'h3' = 'h2'): Html {
  return html`${items.map(
    (article) =>
      html`<li>
        ${trustedHtml(`<${heading}>`)}<a href="${articlePath(article)}">${article.headline}</a
        >${trustedHtml(`</${heading}>`)} ${article.deck ? html`<p>${article.deck}</p>` : null}
        <p class="muted">
          ${article.dateline ? `${article.dateline} · ` : null}${publishedDateHtml(article.publishedAt)}
        </p>
      </li>`,
  )}`;
}

export function articleListHtml(items: PublishedSummary[], heading: 'h2' | 'h3' = 'h2'): Html {
  return html`<ul class="article-list">
    ${articleItemsHtml(items, heading)}
  </ul>`;
}

// The site's CSS, inlined in the page as Next inlines it in its own pages (experimental.inlineCss):
// a few kB, and no render-blocking request on a phone. Read once per server process. Only the
// reading font's faces: reader pages use no other family.
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

export const READER_FONT_PRELOADS = ['/fonts/noto-naskh-arabic-arabic-400-normal.woff2'];

export function readerDocument({
  title,
  head,
  main,
  script,
}: {
  title: string;
  head?: Html;
  main: Html;
  script?: string;
}): string {
  const document = html`<!DOCTYPE html>
    <html lang="ar" dir="rtl">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <link rel="icon" href="/icon.svg" type="image/svg+xml" />
        ${READER_FONT_PRELOADS.map(
          (href) => html`<link rel="preload" href="${href}" as="font" type="font/woff2" crossorigin="" />`,
        )}
        ${head}
        <style>
          ${trustedHtml(readerCss())}
        </style>
      </head>
      <body>
        <div class="reader-site">
          <header class="site-header">${siteHeaderInner}</header>
          <main class="container">${main}</main>
          <footer class="site-footer container muted">${siteFooterInner}</footer>
        </div>
        ${
          // Written byte for byte as the constant, with nothing around it: the page's CSP allows
          // this script by the hash of exactly that text (lib/security-headers.ts).
          script ? trustedHtml(`<script>${script}</script>`) : null
        }
      </body>
    </html>`;
  return document.value;
}
