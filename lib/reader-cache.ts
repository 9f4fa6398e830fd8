import 'server-only';
import { updateTag } from 'next/cache';
import { after } from 'next/server';
import { readerTagNames, readerTagsOf, rememberExpiredReaderTags } from '@/db/queries/reader-cache';

// Reader pages are rendered per request (lib/reader-html.ts) and kept in front of Next by
// server.mjs, whose copy every worker empties when the generation below moves. The tags name the
// places an article appears; they are still expired in Next (and remembered in SQLite) for anything
// else that may cache by them.
// `latest` is everything that lists all articles: home, site feeds, sitemaps.
export const readerTags = readerTagNames;

// What a CDN in front may do with the article page: keep it a minute, and serve the old copy for a
// minute more while it fetches the new one. Next's cache behind it is refreshed at once on publish,
// so an unpublished article leaves the CDN within two minutes, never a day (Next's own header for
// a page revalidated daily says s-maxage=86400).
export const ARTICLE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=60';

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
