import 'server-only';
import { unstable_cache, updateTag } from 'next/cache';
import { after } from 'next/server';
import { readerTagNames, readerTagsOf, rememberExpiredReaderTags } from '@/db/queries/reader-cache';

// Readers' pages are served from Next's cache. Every read a reader page makes goes through
// `taggedRead`, which attaches cache tags to the page (and feed, and sitemap) that made it; a
// change to an article's public state expires exactly the tags of the places it appears.
// `latest` is everything that lists all articles: home, site feeds, sitemaps.
export const readerTags = readerTagNames;

// What a CDN in front may do with the article page: keep it a minute, and serve the old copy for a
// minute more while it fetches the new one. Next's cache behind it is refreshed at once on publish,
// so an unpublished article leaves the CDN within two minutes, never a day (Next's own header for
// a page revalidated daily says s-maxage=86400).
export const ARTICLE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=60';

// Tags the page (or feed, or sitemap) being rendered. The callback's result is a constant: only
// the tags matter, and the data itself is read fresh from SQLite on every (re)render, so no stale
// copy can outlive a rebuild or a reset database in Next's persistent data cache.
async function tagRender(tags: string[]): Promise<void> {
  if (tags.length === 0) return;
  await unstable_cache(async () => true, ['reader-tags', ...tags], { tags })();
}

export function taggedRead<A extends (string | number | string[] | number[])[], R>(
  read: (...args: A) => R,
  tagsOf: (...args: A) => string[],
): (...args: A) => Promise<R> {
  return async (...args) => {
    await tagRender(tagsOf(...args));
    return read(...args);
  };
}

// Called after every change to what readers may see of an article (publish, correction, unpublish),
// by the server actions and by the scheduler alike. The change itself is shared through SQLite: the
// publish query bumps the reader cache generation in its own transaction, and every worker process
// (server.mjs) reads that generation on each request, expiring in its own Next the tags written
// beside it and emptying its front copy. This bumps it once more, now that the write committed,
// and, when the action ends, a last time: a page another worker was rendering from the old data
// while the write committed is then expired too. Inside a server action it also expires the tags
// in this process's Next at once (read-your-writes for the action's own response, and the whole
// mechanism under plain `next start`, which has no server.mjs).
export function refreshReaderPages(articleId: number): void {
  const tags = readerTagsOf(articleId);
  rememberExpiredReaderTags(tags, Date.now());
  try {
    for (const tag of tags) updateTag(tag);
    after(() => {
      rememberExpiredReaderTags(tags, Date.now());
    });
  } catch {
    // Not inside a server action (the scheduler): the generation is the whole signal.
  }
}
