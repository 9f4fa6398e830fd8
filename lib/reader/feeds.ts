import 'server-only';
import { getSectionBySlug, getTagBySlug, pageOfLatest, pageOfSection, pageOfTag } from '@/lib/reader/queries';
import { renderAtom, renderRss, xmlResponse, type Feed } from '@/lib/reader/feed-xml';
import { newsroomSettings } from '@/lib/shared/settings';
import { safeDecode } from '@/lib/shared/urls';

// The feeds' route handlers: the whole site, a section or a tag, as RSS 2.0 or Atom. Rendered per
// request, like the pages.

export type FeedScope = { kind: 'site' } | { kind: 'section' | 'tag'; slug: string };
export type FeedFormat = 'rss' | 'atom';

function loadFeed(scope: FeedScope): Feed | null {
  const site = newsroomSettings.name;
  if (scope.kind === 'site') {
    return {
      title: site,
      pagePath: '/',
      rssPath: '/feed.xml',
      atomPath: '/atom.xml',
      items: pageOfLatest(1).items,
    };
  }
  const slug = safeDecode(scope.slug);
  const found = scope.kind === 'section' ? getSectionBySlug(slug) : getTagBySlug(slug);
  if (!found) return null;
  const pagePath = `/${scope.kind}/${encodeURIComponent(found.slug)}`;
  const list = scope.kind === 'section' ? pageOfSection(found.id, 1) : pageOfTag(found.name, 1);
  // A tag that only unpublished work carries has no feed (nor page): its name is not public.
  if (scope.kind === 'tag' && list.total === 0) return null;
  return {
    title: `${found.name} — ${site}`,
    pagePath,
    rssPath: `${pagePath}/feed.xml`,
    atomPath: `${pagePath}/atom.xml`,
    items: list.items,
  };
}

export function feedResponse(scope: FeedScope, format: FeedFormat): Response {
  const feed = loadFeed(scope);
  if (!feed)
    return new Response('غير موجود', {
      status: 404,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  return format === 'rss'
    ? xmlResponse(renderRss(feed), 'application/rss+xml')
    : xmlResponse(renderAtom(feed), 'application/atom+xml');
}
