import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { articleRevisions, articles, media, sections, tags, users, type Section } from '@/db/schema';
import type { MediaVariant } from '@/lib/shared/media-urls';

// Reader pages read only what readers may see: the published revision of a published article,
// never the working copy an editor may be changing.

export type ReaderTag = { id: number; name: string; slug: string };

export type LeadImage = {
  alt: string;
  caption: string;
  credit: string;
  width: number;
  height: number;
  variants: MediaVariant[];
};

// A correction or update note shown to readers: a publication after the first, with its reason.
export type RevisionNote = { at: Date; note: string };

export type PublishedArticle = {
  id: number;
  slug: string;
  headline: string;
  deck: string;
  dateline: string;
  bodyHtml: string;
  bodyText: string;
  tags: string[];
  authorId: number;
  authorName: string;
  sectionId: number | null;
  sectionName: string | null;
  sectionSlug: string | null;
  publishedAt: Date;
  updatedAt: Date | null;
  leadImage: LeadImage | null;
};

export type PublishedSummary = {
  id: number;
  slug: string;
  headline: string;
  deck: string;
  dateline: string;
  publishedAt: Date;
  updatedAt: Date | null;
  authorName: string;
  sectionName: string | null;
  sectionSlug: string | null;
  // For thumbnails: the lead image's upload sizes, or null when the article has none.
  image: ListImage | null;
  // The body's first few hundred characters, for summaries when there is no deck (feeds).
  opening: string;
};

export type ListImage = { alt: string; width: number; height: number; variants: MediaVariant[] };

// What readers may see, in one place so that no reader query can forget a part of it: published,
// and not under embargo (حظر النشر حتى). The embargo is lifted by the scheduler when its time
// comes, with the cache refresh of a publication, so every page shows the article at once.
// Every reader query below, search (lib/reader/search.ts) and the counters (stats.ts) use it.
export const readerVisible = and(eq(articles.status, 'published'), isNull(articles.embargoUntil))!;
export const READER_VISIBLE_SQL = "articles.status = 'published' AND articles.embargo_until IS NULL";
const isPublished = readerVisible;
// The byline as printed, or the author's name when the journalist left it empty.
const bylineOrName = sql<string>`coalesce(nullif(trim(${articleRevisions.byline}), ''), ${users.name})`;

const summaryColumns = {
  id: articles.id,
  slug: articleRevisions.slug,
  headline: articleRevisions.headline,
  deck: articleRevisions.deck,
  dateline: articleRevisions.dateline,
  publishedAt: articles.publishedAt,
  updatedAt: articles.republishedAt,
  authorName: bylineOrName,
  sectionName: sections.name,
  sectionSlug: sections.slug,
  opening: sql<string>`substr(${articleRevisions.bodyText}, 1, 400)`,
  imageAlt: sql<string>`coalesce(nullif(${articleRevisions.leadImageAlt}, ''), ${media.alt}, '')`,
  imageWidth: media.width,
  imageHeight: media.height,
  imageVariantsJson: media.variantsJson,
};

function publishedSummaries() {
  return db
    .select(summaryColumns)
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .innerJoin(users, eq(users.id, articleRevisions.authorId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .leftJoin(media, eq(media.id, articleRevisions.leadImageId))
    .$dynamic();
}

type SummaryRow = Omit<PublishedSummary, 'publishedAt' | 'image'> & {
  publishedAt: Date | null;
  imageAlt: string;
  imageWidth: number | null;
  imageHeight: number | null;
  imageVariantsJson: string | null;
};
const withDate = (rows: SummaryRow[]): PublishedSummary[] =>
  rows.flatMap(({ imageAlt, imageWidth, imageHeight, imageVariantsJson, publishedAt, ...row }) => {
    if (publishedAt === null) return [];
    const variants = parseVariants(imageVariantsJson);
    const largest = variants.at(-1);
    const image = largest
      ? {
          alt: imageAlt,
          width: imageWidth ?? largest.width,
          height: imageHeight ?? largest.height,
          variants,
        }
      : null;
    return [{ ...row, publishedAt, image }];
  });

const publishedById = prepareOnFirstUse(() =>
  db
    .select({
      ...summaryColumns,
      bodyHtml: articleRevisions.bodyHtml,
      bodyText: articleRevisions.bodyText,
      tagsJson: articleRevisions.tagsJson,
      authorId: articleRevisions.authorId,
      sectionId: articleRevisions.sectionId,
      leadImageAlt: articleRevisions.leadImageAlt,
      leadImageCaption: articleRevisions.leadImageCaption,
      leadImageCredit: articleRevisions.leadImageCredit,
      mediaWidth: media.width,
      mediaHeight: media.height,
      mediaAlt: media.alt,
      variantsJson: media.variantsJson,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .innerJoin(users, eq(users.id, articleRevisions.authorId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .leftJoin(media, eq(media.id, articleRevisions.leadImageId))
    .where(and(eq(articles.id, sql.placeholder('id')), isPublished))
    .prepare(),
);

function parseVariants(json: string | null): MediaVariant[] {
  if (!json) return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as MediaVariant[]) : [];
  } catch {
    return [];
  }
}

export function getPublishedArticle(id: number): PublishedArticle | undefined {
  const row = publishedById().get({ id });
  if (!row || !row.publishedAt) return undefined;
  const variants = parseVariants(row.variantsJson);
  return {
    id: row.id,
    slug: row.slug,
    headline: row.headline,
    deck: row.deck,
    dateline: row.dateline,
    bodyHtml: row.bodyHtml ?? '',
    bodyText: row.bodyText,
    tags: JSON.parse(row.tagsJson) as string[],
    authorId: row.authorId,
    authorName: row.authorName,
    sectionId: row.sectionId,
    sectionName: row.sectionName,
    sectionSlug: row.sectionSlug,
    publishedAt: row.publishedAt,
    updatedAt: row.updatedAt,
    leadImage:
      variants.length > 0
        ? {
            alt: row.leadImageAlt || row.mediaAlt || '',
            caption: row.leadImageCaption,
            credit: row.leadImageCredit,
            width: row.mediaWidth ?? variants.at(-1)!.width,
            height: row.mediaHeight ?? variants.at(-1)!.height,
            variants,
          }
        : null,
  };
}

// Notes of every publication after the first one (corrections and updates), newest first.
export function listRevisionNotes(articleId: number): RevisionNote[] {
  const rows = db
    .select({ id: articleRevisions.id, at: articleRevisions.createdAt, note: articleRevisions.note })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.reason, 'publish')))
    .orderBy(asc(articleRevisions.id))
    .all();
  return rows
    .slice(1)
    .filter((row) => row.note?.trim())
    .map((row) => ({ at: row.at, note: row.note!.trim() }))
    .reverse();
}

// The tags of a published revision, with their addresses, in the revision's order.
export function readerTagsByName(names: readonly string[]): ReaderTag[] {
  if (names.length === 0) return [];
  const rows = db
    .select({ id: tags.id, name: tags.name, slug: tags.slug })
    .from(tags)
    .where(inArray(tags.name, [...names]))
    .all();
  return names.flatMap((name) => rows.filter((row) => row.name === name).slice(0, 1));
}

export type Page<T> = { items: T[]; total: number; page: number; pageCount: number };

function paged(where: SQL, page: number, perPage: number): Page<PublishedSummary> {
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .where(where)
      .get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const items = withDate(
    publishedSummaries()
      .where(where)
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(perPage)
      .offset((page - 1) * perPage)
      .all(),
  );
  return { items, total, page, pageCount };
}

export const PER_PAGE = 20;

export function listLatestPublished(limit = 20): PublishedSummary[] {
  return paged(isPublished, 1, limit).items;
}

export function pageOfLatest(page: number, perPage = PER_PAGE): Page<PublishedSummary> {
  return paged(isPublished, page, perPage);
}

export function pageOfSection(sectionId: number, page: number, perPage = PER_PAGE): Page<PublishedSummary> {
  return paged(and(isPublished, eq(articleRevisions.sectionId, sectionId))!, page, perPage);
}

// A tag's articles are those whose PUBLISHED revision carries it, not the working copy's tags.
const carriesTag = (name: string) =>
  sql`EXISTS (SELECT 1 FROM json_each(${articleRevisions.tagsJson}) WHERE json_each.value = ${name})`;

export function pageOfTag(tagName: string, page: number, perPage = PER_PAGE): Page<PublishedSummary> {
  return paged(and(isPublished, carriesTag(tagName))!, page, perPage);
}

export function pageOfAuthor(authorId: number, page: number, perPage = PER_PAGE): Page<PublishedSummary> {
  return paged(and(isPublished, eq(articleRevisions.authorId, authorId))!, page, perPage);
}

// Every reader page's header lists the sections, so it is prepared once: built and prepared per
// call it was the largest single cost a search page's render had of its own (a CPU profile of
// new queries, bench/README.md).
const sectionsInOrder = prepareOnFirstUse(() =>
  db.select().from(sections).orderBy(asc(sections.position), asc(sections.id)).prepare(),
);

export function listSections(): Section[] {
  return sectionsInOrder().all();
}

export function getSectionBySlug(slug: string): Section | undefined {
  return db.select().from(sections).where(eq(sections.slug, slug)).get();
}

export function getTagBySlug(slug: string): ReaderTag | undefined {
  return db
    .select({ id: tags.id, name: tags.name, slug: tags.slug })
    .from(tags)
    .where(eq(tags.slug, slug))
    .orderBy(asc(tags.id))
    .get();
}

export function getAuthorName(authorId: number): string | undefined {
  return db.select({ name: users.name }).from(users).where(eq(users.id, authorId)).get()?.name;
}

// The home page's sections: the latest few published articles of each section that has any.
export function latestPerSection(perSection = 3): { section: Section; items: PublishedSummary[] }[] {
  return listSections()
    .map((section) => ({ section, items: pageOfSection(section.id, 1, perSection).items }))
    .filter((group) => group.items.length > 0);
}

// Published articles sharing the most tags with this one, newest first among equals.
export function listRelated(articleId: number, tagNames: readonly string[], limit = 4): PublishedSummary[] {
  if (tagNames.length === 0) return [];
  const shared = sql<number>`(SELECT count(*) FROM json_each(${articleRevisions.tagsJson})
    WHERE json_each.value IN (${sql.join(
      tagNames.map((name) => sql`${name}`),
      sql`, `,
    )}))`;
  return withDate(
    publishedSummaries()
      .where(and(isPublished, ne(articles.id, articleId), sql`${shared} > 0`))
      .orderBy(desc(shared), desc(articles.publishedAt), desc(articles.id))
      .limit(limit)
      .all(),
  );
}

export type SitemapEntry = {
  id: number;
  slug: string;
  headline: string;
  publishedAt: Date;
  updatedAt: Date | null;
};

export function listForSitemap(since?: Date, limit = 50_000): SitemapEntry[] {
  return db
    .select({
      id: articles.id,
      slug: articleRevisions.slug,
      headline: articleRevisions.headline,
      publishedAt: articles.publishedAt,
      updatedAt: articles.republishedAt,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(since ? and(isPublished, gte(articles.publishedAt, since)) : isPublished)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .all()
    .filter((row): row is SitemapEntry => row.publishedAt !== null);
}

// Where an article has ever appeared for readers (every published revision's section, tags and
// author), so that publishing, correcting or unpublishing refreshes exactly those lists.
export function readerPlacesOf(articleId: number): {
  sectionIds: number[];
  tagIds: number[];
  authorIds: number[];
} {
  const revisions = db
    .select({
      sectionId: articleRevisions.sectionId,
      authorId: articleRevisions.authorId,
      tagsJson: articleRevisions.tagsJson,
    })
    .from(articleRevisions)
    .where(and(eq(articleRevisions.articleId, articleId), eq(articleRevisions.reason, 'publish')))
    .all();
  const names = [...new Set(revisions.flatMap((r) => JSON.parse(r.tagsJson) as string[]))];
  const tagIds =
    names.length > 0
      ? db
          .select({ id: tags.id })
          .from(tags)
          .where(inArray(tags.name, names))
          .all()
          .map((t) => t.id)
      : [];
  return {
    sectionIds: [...new Set(revisions.flatMap((r) => (r.sectionId === null ? [] : [r.sectionId])))],
    tagIds,
    authorIds: [...new Set(revisions.map((r) => r.authorId))],
  };
}

// The front page's top story (الخبر الرئيسي): the one an editor chose, while it is published;
// without a choice, the newest published article with a lead image; without any image, the newest.
export function getTopStory(): PublishedSummary | undefined {
  const [chosen] = withDate(
    publishedSummaries()
      .where(and(isPublished, isNotNull(articles.topStoryAt)))
      .orderBy(desc(articles.topStoryAt))
      .limit(1)
      .all(),
  );
  if (chosen) return chosen;
  const [pictured] = withDate(
    publishedSummaries()
      .where(and(isPublished, isNotNull(media.id)))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(1)
      .all(),
  );
  return pictured ?? listLatestPublished(1)[0];
}

// A section's lead on its own page: the newest of its articles with a lead image.
export function getSectionLead(sectionId: number): PublishedSummary | undefined {
  return withDate(
    publishedSummaries()
      .where(and(isPublished, eq(articleRevisions.sectionId, sectionId), isNotNull(media.id)))
      .orderBy(desc(articles.publishedAt), desc(articles.id))
      .limit(1)
      .all(),
  )[0];
}

// Published articles by id, in the order given (unpublished or unknown ids are left out): for
// lists ranked elsewhere, such as الأكثر قراءة (lib/reader/counters.ts).
export function publishedSummariesById(ids: readonly number[]): PublishedSummary[] {
  if (ids.length === 0) return [];
  const rows = withDate(
    publishedSummaries()
      .where(and(isPublished, inArray(articles.id, [...ids])))
      .all(),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
