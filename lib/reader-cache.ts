import 'server-only';
import { updateTag } from 'next/cache';
import { after } from 'next/server';
import { readerPlacesOf } from '@/db/queries/public';
import { rememberExpiredReaderTags } from '@/db/queries/reader-cache';

// Reader pages are rendered per request and kept in front of Next by server.mjs, which this module
// empties on publish and unpublish. The tags below name the places an article appears; they are
// still expired in Next (and remembered in SQLite) for anything else that may cache by them.
export const readerTags = {
  // Everything that lists all articles: home, site feeds, sitemaps.
  latest: 'latest',
  article: (id: number) => `article:${id}`,
  section: (id: number) => `section:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
} as const;

// What a CDN in front may do with the article page: keep it a minute, and serve the old copy for a
// minute more while it fetches the new one. Next's cache behind it is refreshed at once on publish,
// so an unpublished article leaves the CDN within two minutes, never a day (Next's own header for
// a page revalidated daily says s-maxage=86400).
export const ARTICLE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=60';

// Called by the publish and unpublish server actions after their write committed. updateTag
// expires at once (read-your-writes): the next reader request renders the new state. The expiry is
// also written to SQLite, because Next forgets it on restart (lib/reader-cache-restore.ts): before,
// and again once Next has applied it (it does so when the action ends), so that the remembered time
// is never earlier than Next's own.
export function refreshReaderPages(articleId: number): void {
  const places = readerPlacesOf(articleId);
  const tags = [
    readerTags.article(articleId),
    readerTags.latest,
    ...places.sectionIds.map(readerTags.section),
    ...places.tagIds.map(readerTags.tag),
    ...places.authorIds.map(readerTags.author),
  ];
  rememberExpiredReaderTags(tags, Date.now());
  for (const tag of tags) updateTag(tag);
  clearFrontCache();
  after(() => {
    rememberExpiredReaderTags(tags, Date.now());
    clearFrontCache();
  });
  // A backstop should `after` run before a slow revalidation has finished.
  setTimeout(clearFrontCache, 1000);
}

// The article pages that server.mjs keeps in front of Next. A page copied from Next between this
// action's write and the end of the action could still be the old one, hence the clears above.
// No-op under plain `next start`.
function clearFrontCache(): void {
  const clear = (globalThis as Record<symbol, unknown>)[Symbol.for('newsroom.front-cache.clear')];
  if (typeof clear === 'function') clear();
}
