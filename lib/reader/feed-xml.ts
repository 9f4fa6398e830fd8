import type { PublishedSummary, SitemapEntry } from '@/lib/reader/queries';
import { openingWords } from '@/lib/shared/arabic';
import { mediaUrl, type MediaVariant } from '@/lib/shared/media-urls';
import { absoluteUrl, newsroomSettings } from '@/lib/shared/settings';
import { articlePath } from '@/lib/shared/urls';

// RSS 2.0, Atom and news-sitemap documents, built as strings with every text and attribute escaped.

// XML 1.0 forbids most control characters even when escaped; drop them.
const XML_INVALID_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(XML_INVALID_RE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export type Feed = {
  title: string;
  // Site-relative paths: of the page the feed follows, and of the feed itself.
  pagePath: string;
  rssPath: string;
  atomPath: string;
  items: PublishedSummary[];
};

const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

// What a feed reader shows under the headline: the deck, or the body's opening words.
export function summaryOf(item: PublishedSummary): string {
  return item.deck.trim() || openingWords(item.opening, 300);
}

// The lead image's size for feed readers: the largest at most 1280 px wide (they show it large).
function feedImage(item: PublishedSummary): (MediaVariant & { url: string; alt: string }) | null {
  const variants = item.image?.variants ?? [];
  const chosen = variants.filter((v) => v.width <= 1280).at(-1) ?? variants[0];
  return chosen ? { ...chosen, url: absoluteUrl(mediaUrl(chosen.file)), alt: item.image!.alt } : null;
}

function mediaContent(image: NonNullable<ReturnType<typeof feedImage>>): string {
  return (
    `<media:content url="${escapeXml(image.url)}" medium="image" type="image/webp" width="${image.width}" height="${image.height}">` +
    (image.alt ? `<media:description type="plain">${escapeXml(image.alt)}</media:description>` : '') +
    '</media:content>'
  );
}

export function renderRss(feed: Feed): string {
  const items = feed.items.map((item) => {
    const url = absoluteUrl(articlePath(item));
    const image = feedImage(item);
    return [
      '<item>',
      el('title', item.headline),
      el('link', url),
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      el('pubDate', item.publishedAt.toUTCString()),
      el('description', summaryOf(item)),
      el('dc:creator', item.authorName),
      item.sectionName ? el('category', item.sectionName) : '',
      image
        ? `<enclosure url="${escapeXml(image.url)}" length="${image.bytes}" type="image/webp"/>` +
          mediaContent(image)
        : '',
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">',
    '<channel>',
    el('title', feed.title),
    el('link', absoluteUrl(feed.pagePath)),
    `<atom:link href="${escapeXml(absoluteUrl(feed.rssPath))}" rel="self" type="application/rss+xml"/>`,
    el('description', feed.title),
    el('language', 'ar'),
    feed.items[0] ? el('lastBuildDate', latestChange(feed.items).toUTCString()) : '',
    ...items,
    '</channel>',
    '</rss>',
  ].join('\n');
}

export function renderAtom(feed: Feed): string {
  const entries = feed.items.map((item) => {
    const url = absoluteUrl(articlePath(item));
    const image = feedImage(item);
    const summary = summaryOf(item);
    return [
      '<entry>',
      el('title', item.headline),
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      el('id', url),
      el('published', item.publishedAt.toISOString()),
      el('updated', (item.updatedAt ?? item.publishedAt).toISOString()),
      `<author>${el('name', item.authorName)}</author>`,
      summary ? el('summary', summary) : '',
      item.sectionName ? `<category term="${escapeXml(item.sectionName)}"/>` : '',
      image
        ? `<link rel="enclosure" type="image/webp" length="${image.bytes}" href="${escapeXml(image.url)}"/>` +
          mediaContent(image)
        : '',
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="ar">',
    el('title', feed.title),
    el('id', absoluteUrl(feed.pagePath)),
    `<link rel="alternate" type="text/html" href="${escapeXml(absoluteUrl(feed.pagePath))}"/>`,
    `<link rel="self" type="application/atom+xml" href="${escapeXml(absoluteUrl(feed.atomPath))}"/>`,
    el('updated', (feed.items[0] ? latestChange(feed.items) : new Date(0)).toISOString()),
    `<author>${el('name', newsroomSettings.name)}</author>`,
    ...entries,
    '</feed>',
  ].join('\n');
}

function latestChange(items: PublishedSummary[]): Date {
  return new Date(Math.max(...items.map((i) => (i.updatedAt ?? i.publishedAt).getTime())));
}

export function renderNewsSitemap(entries: SitemapEntry[]): string {
  const urls = entries.map((entry) =>
    [
      '<url>',
      el('loc', absoluteUrl(articlePath(entry))),
      '<news:news>',
      `<news:publication>${el('news:name', newsroomSettings.name)}${el('news:language', 'ar')}</news:publication>`,
      el('news:publication_date', entry.publishedAt.toISOString()),
      el('news:title', entry.headline),
      '</news:news>',
      '</url>',
    ].join(''),
  );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    '</urlset>',
  ].join('\n');
}

// Feeds and sitemaps are rendered per request (nothing from the build) and kept a minute by a CDN
// or by server.mjs, like the pages.
export function xmlResponse(body: string, type: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': `${type}; charset=utf-8`,
      'Cache-Control': 'public, max-age=0, s-maxage=60, stale-while-revalidate=60',
    },
  });
}

export type SitemapUrl = { loc: string; lastModified?: Date; changeFrequency?: string };

export function renderSitemap(urls: SitemapUrl[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls.map((url) =>
      [
        '<url>',
        el('loc', url.loc),
        url.lastModified ? el('lastmod', url.lastModified.toISOString()) : '',
        url.changeFrequency ? el('changefreq', url.changeFrequency) : '',
        '</url>',
      ].join(''),
    ),
    '</urlset>',
  ].join('\n');
}

// robots.txt with the start-time site URL (NEWSROOM_SITE_URL), never the build machine's.
export function renderRobots(): string {
  return [
    'User-Agent: *',
    'Allow: /',
    'Disallow: /newsroom',
    'Disallow: /signin',
    'Disallow: /api/',
    '',
    `Host: ${absoluteUrl('/')}`,
    `Sitemap: ${absoluteUrl('/sitemap.xml')}`,
    `Sitemap: ${absoluteUrl('/news-sitemap.xml')}`,
    '',
  ].join('\n');
}
