import 'server-only';
import { getSectionBySlug, getTagBySlug } from '@/db/queries/public';
import { renderAtom, renderRss, xmlResponse, type Feed } from '@/lib/feeds';
import { readLatest, readSection, readTag } from '@/lib/reader-data';
import { newsroomSettings } from '@/lib/settings';
import { safeDecode } from '@/lib/urls';

// The feeds' route handlers: the whole site, a section or a tag, as RSS 2.0 or Atom.

export type FeedScope = { kind: 'site' } | { kind: 'section' | 'tag'; slug: string };
export type FeedFormat = 'rss' | 'atom';

async function loadFeed(scope: FeedScope): Promise<Feed | null> {
  const site = newsroomSettings.name;
  if (scope.kind === 'site') {
    return {
      title: site,
      pagePath: '/',
      rssPath: '/feed.xml',
      atomPath: '/atom.xml',
      items: (await readLatest(1)).items,
    };
  }
  const slug = safeDecode(scope.slug);
  const found = scope.kind === 'section' ? getSectionBySlug(slug) : getTagBySlug(slug);
  if (!found) return null;
  const pagePath = `/${scope.kind}/${encodeURIComponent(found.slug)}`;
  const list =
    scope.kind === 'section' ? await readSection(found.id, 1) : await readTag(found.id, found.name, 1);
  return {
    title: `${found.name} — ${site}`,
    pagePath,
    rssPath: `${pagePath}/feed.xml`,
    atomPath: `${pagePath}/atom.xml`,
    items: list.items,
  };
}

export async function feedResponse(scope: FeedScope, format: FeedFormat): Promise<Response> {
  const feed = await loadFeed(scope);
  if (!feed)
    return new Response('غير موجود', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return format === 'rss'
    ? xmlResponse(renderRss(feed), 'application/rss+xml')
    : xmlResponse(renderAtom(feed), 'application/atom+xml');
}
