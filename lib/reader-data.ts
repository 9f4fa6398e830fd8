import 'server-only';
import {
  getPublishedArticle,
  latestPerSection,
  listForSitemap,
  listRelated,
  listRevisionNotes,
  listSections,
  pageOfAuthor,
  pageOfLatest,
  pageOfSection,
  pageOfTag,
  readerTagsByName,
} from '@/db/queries/public';
import { cachedRead, readerTags } from '@/lib/reader-cache';

// The reads of reader pages, each tagged with the places it shows (see lib/reader-cache.ts).

export const readArticle = cachedRead(
  'article',
  (id: number) => {
    const article = getPublishedArticle(id);
    if (!article) return null;
    return { article, tags: readerTagsByName(article.tags), notes: listRevisionNotes(id) };
  },
  (id) => [readerTags.article(id)],
);

// Tagged with the article's tags: publishing or unpublishing any article that shares one
// refreshes this list on the pages that show it.
export const readRelated = cachedRead(
  'related',
  (id: number, tagNames: string[], tagIds: number[]) => {
    void tagIds;
    return listRelated(id, tagNames);
  },
  (id, tagNames, tagIds) => tagIds.map(readerTags.tag),
);

export const readLatest = cachedRead(
  'latest',
  (page: number) => pageOfLatest(page),
  () => [readerTags.latest],
);

export const readHomeSections = cachedRead(
  'home-sections',
  () => latestPerSection(3),
  () => [readerTags.latest],
);

export const readSections = cachedRead(
  'sections',
  () => listSections(),
  () => ['sections'],
);

export const readSection = cachedRead(
  'section',
  (sectionId: number, page: number) => pageOfSection(sectionId, page),
  (sectionId) => [readerTags.section(sectionId)],
);

export const readTag = cachedRead(
  'tag',
  (tagId: number, tagName: string, page: number) => pageOfTag(tagName, page),
  (tagId) => [readerTags.tag(tagId)],
);

export const readAuthor = cachedRead(
  'author',
  (authorId: number, page: number) => pageOfAuthor(authorId, page),
  (authorId) => [readerTags.author(authorId)],
);

export const readSitemap = cachedRead(
  'sitemap',
  () => listForSitemap(),
  () => [readerTags.latest],
);
