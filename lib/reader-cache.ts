import 'server-only';
import { unstable_cache, updateTag } from 'next/cache';
import { readerPlacesOf } from '@/db/queries/public';

// Readers' pages are served from Next's cache. Every read a reader page makes goes through
// `cachedRead`, which attaches cache tags to the page (and feed, and sitemap) that made it; a
// change to an article's public state expires exactly the tags of the places it appears.
export const readerTags = {
  // Everything that lists all articles: home, site feeds, sitemaps.
  latest: 'latest',
  article: (id: number) => `article:${id}`,
  section: (id: number) => `section:${id}`,
  tag: (id: number) => `tag:${id}`,
  author: (id: number) => `author:${id}`,
} as const;

// Cached values travel as JSON; dates (every field named …At) come back as Dates either way.
function reviveDates<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, v: unknown) =>
    key.endsWith('At') && typeof v === 'string' ? new Date(v) : v,
  ) as T;
}

export function cachedRead<A extends (string | number | string[] | number[])[], R>(
  name: string,
  read: (...args: A) => R,
  tagsOf: (...args: A) => string[],
): (...args: A) => Promise<R> {
  return async (...args) => {
    const run = unstable_cache(async () => read(...args), [name, JSON.stringify(args)], {
      tags: tagsOf(...args),
    });
    return reviveDates(await run());
  };
}

// Called by the publish and unpublish server actions after their write committed. updateTag
// expires at once (read-your-writes): the next reader request renders the new state.
export function refreshReaderPages(articleId: number): void {
  const places = readerPlacesOf(articleId);
  updateTag(readerTags.article(articleId));
  updateTag(readerTags.latest);
  for (const id of places.sectionIds) updateTag(readerTags.section(id));
  for (const id of places.tagIds) updateTag(readerTags.tag(id));
  for (const id of places.authorIds) updateTag(readerTags.author(id));
}
