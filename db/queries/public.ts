import { and, desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { articleRevisions, articles, sections, users } from '@/db/schema';

// Reader pages read only what readers may see: the published revision of a published article,
// never the working copy an editor may be changing.

export type PublishedArticle = {
  id: number;
  slug: string;
  headline: string;
  deck: string;
  dateline: string;
  bodyHtml: string;
  tags: string[];
  authorName: string;
  sectionName: string | null;
  sectionSlug: string | null;
  publishedAt: Date;
  updatedAt: Date | null;
};

export type PublishedSummary = Pick<
  PublishedArticle,
  'id' | 'slug' | 'headline' | 'deck' | 'dateline' | 'publishedAt' | 'sectionName'
>;

const isPublished = eq(articles.status, 'published');

const publishedById = prepareOnFirstUse(() =>
  db
    .select({
      id: articles.id,
      slug: articleRevisions.slug,
      headline: articleRevisions.headline,
      deck: articleRevisions.deck,
      dateline: articleRevisions.dateline,
      bodyHtml: articleRevisions.bodyHtml,
      tagsJson: articleRevisions.tagsJson,
      authorName: users.name,
      sectionName: sections.name,
      sectionSlug: sections.slug,
      publishedAt: articles.publishedAt,
      updatedAt: articles.republishedAt,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .innerJoin(users, eq(users.id, articleRevisions.authorId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(and(eq(articles.id, sql.placeholder('id')), isPublished))
    .prepare(),
);

export function getPublishedArticle(id: number): PublishedArticle | undefined {
  const row = publishedById().get({ id });
  if (!row || !row.publishedAt) return undefined;
  const { tagsJson, ...rest } = row;
  return {
    ...rest,
    bodyHtml: row.bodyHtml ?? '',
    publishedAt: row.publishedAt,
    tags: JSON.parse(tagsJson) as string[],
  };
}

const latestPublished = prepareOnFirstUse(() =>
  db
    .select({
      id: articles.id,
      slug: articleRevisions.slug,
      headline: articleRevisions.headline,
      deck: articleRevisions.deck,
      dateline: articleRevisions.dateline,
      publishedAt: articles.publishedAt,
      sectionName: sections.name,
    })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .leftJoin(sections, eq(sections.id, articleRevisions.sectionId))
    .where(isPublished)
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

export function listLatestPublished(limit = 20): PublishedSummary[] {
  return latestPublished()
    .all({ limit })
    .filter((row): row is typeof row & { publishedAt: Date } => row.publishedAt !== null);
}
