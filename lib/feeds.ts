import type { PublishedSummary, SitemapEntry } from '@/db/queries/public';
import { absoluteUrl, newsroomSettings } from '@/lib/settings';
import { articlePath } from '@/lib/urls';

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

export function renderRss(feed: Feed): string {
  const items = feed.items.map((item) => {
    const url = absoluteUrl(articlePath(item));
    return [
      '<item>',
      el('title', item.headline),
      el('link', url),
      `<guid isPermaLink="true">${escapeXml(url)}</guid>`,
      el('pubDate', item.publishedAt.toUTCString()),
      el('description', item.deck),
      el('dc:creator', item.authorName),
      item.sectionName ? el('category', item.sectionName) : '',
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">',
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
    return [
      '<entry>',
      el('title', item.headline),
      `<link rel="alternate" type="text/html" href="${escapeXml(url)}"/>`,
      el('id', url),
      el('published', item.publishedAt.toISOString()),
      el('updated', (item.updatedAt ?? item.publishedAt).toISOString()),
      `<author>${el('name', item.authorName)}</author>`,
      item.deck ? el('summary', item.deck) : '',
      item.sectionName ? `<category term="${escapeXml(item.sectionName)}"/>` : '',
      '</entry>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">',
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

export function xmlResponse(body: string, type: string): Response {
  return new Response(body, { headers: { 'Content-Type': `${type}; charset=utf-8` } });
}
