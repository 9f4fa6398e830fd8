import 'server-only';
import {
  PER_PAGE,
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
import { readerTags, taggedRead } from '@/lib/reader-cache';

// The reads of reader pages, each tagged with the places it shows (see lib/reader-cache.ts).

export const readArticle = taggedRead(
  (id: number) => {
    const article = getPublishedArticle(id);
    if (!article) return null;
    return { article, tags: readerTagsByName(article.tags), notes: listRevisionNotes(id) };
  },
  (id) => [readerTags.article(id)],
);

// Tagged with the article's tags: publishing or unpublishing any article that shares one
// refreshes this list on the pages that show it.
export const readRelated = taggedRead(
  (id: number, tagNames: string[], tagIds: number[]) => {
    void tagIds;
    return listRelated(id, tagNames);
  },
  (id, tagNames, tagIds) => tagIds.map(readerTags.tag),
);

export const readLatest = taggedRead(
  (page: number) => pageOfLatest(page),
  () => [readerTags.latest],
);

export const readHomeSections = taggedRead(
  () => latestPerSection(PER_PAGE + 3),
  () => [readerTags.latest],
);

export const readSections = taggedRead(
  () => listSections(),
  () => ['sections'],
);

export const readSection = taggedRead(
  (sectionId: number, page: number) => pageOfSection(sectionId, page),
  (sectionId) => [readerTags.section(sectionId)],
);

export const readTag = taggedRead(
  (tagId: number, tagName: string, page: number) => pageOfTag(tagName, page),
  (tagId) => [readerTags.tag(tagId)],
);

export const readAuthor = taggedRead(
  (authorId: number, page: number) => pageOfAuthor(authorId, page),
  (authorId) => [readerTags.author(authorId)],
);

export const readSitemap = taggedRead(
  () => listForSitemap(),
  () => [readerTags.latest],
);
