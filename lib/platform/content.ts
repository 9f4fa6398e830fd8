import { and, asc, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { db } from '@/db';
import { articleRevisions, articles, sections, tags, users } from '@/db/schema';
import {
  getPublishedArticle,
  publishedSummariesById,
  readerTagsByName,
  readerVisible,
  type PublishedSummary,
} from '@/lib/reader/queries';
import { searchPublished } from '@/lib/reader/search';
import { mediaUrl, type MediaVariant } from '@/lib/shared/media-urls';
import { absoluteUrl } from '@/lib/shared/settings';
import { articlePath } from '@/lib/shared/urls';
import type { z } from '@/lib/shared/validation/zod';
import type { apiArticle, apiArticleSummary, articleListQuery } from '@/lib/platform/schemas';

// The Content API's reads (docs/api.md): exactly what readers may see, through the reader's own
// `readerVisible` condition and its published-revision queries (lib/reader/queries.ts). Nothing
// here reads a working copy, a note, a pending comment or an embargoed article.

export type ApiArticleSummary = z.infer<typeof apiArticleSummary>;
export type ApiArticle = z.infer<typeof apiArticle>;

const sectionUrl = (slug: string) => absoluteUrl(`/section/${encodeURIComponent(slug)}`);
const tagUrl = (slug: string) => absoluteUrl(`/tag/${encodeURIComponent(slug)}`);
const authorUrl = (id: number) => absoluteUrl(`/author/${id}`);

function largest(variants: readonly MediaVariant[]) {
  return variants.at(-1);
}

export function summaryOf(row: PublishedSummary): ApiArticleSummary {
  const image = row.image ? largest(row.image.variants) : undefined;
  return {
    id: row.id,
    slug: row.slug,
    url: absoluteUrl(articlePath(row)),
    headline: row.headline,
    deck: row.deck,
    dateline: row.dateline,
    byline: row.authorName,
    section:
      row.sectionSlug && row.sectionName
        ? { slug: row.sectionSlug, name: row.sectionName, url: sectionUrl(row.sectionSlug) }
        : null,
    published_at: row.publishedAt.toISOString(),
    updated_at: row.updatedAt?.toISOString() ?? null,
    image:
      row.image && image
        ? {
            url: absoluteUrl(mediaUrl(image.file)),
            width: row.image.width,
            height: row.image.height,
            alt: row.image.alt,
          }
        : null,
  };
}

// The cursor: where the previous page stopped, in the list's own order (published, then id).
export function encodeCursor(publishedAt: Date, id: number): string {
  return Buffer.from(`${publishedAt.getTime()}:${id}`).toString('base64url');
}
export function decodeCursor(cursor: string): { at: number; id: number } | null {
  const match = /^(\d{1,15}):(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return match ? { at: Number(match[1]), id: Number(match[2]) } : null;
}

export type ListFilters = z.infer<typeof articleListQuery>;

export function listArticles(
  filters: ListFilters,
): { articles: ApiArticleSummary[]; next_cursor: string | null } | null {
  const conditions = [readerVisible];
  if (filters.section) {
    const section = db
      .select({ id: sections.id })
      .from(sections)
      .where(eq(sections.slug, filters.section))
      .get();
    if (!section) return { articles: [], next_cursor: null };
    conditions.push(eq(articleRevisions.sectionId, section.id));
  }
  if (filters.tag) {
    const tag = db.select({ name: tags.name }).from(tags).where(eq(tags.slug, filters.tag)).get();
    if (!tag) return { articles: [], next_cursor: null };
    conditions.push(
      sql`EXISTS (SELECT 1 FROM json_each(${articleRevisions.tagsJson}) WHERE json_each.value = ${tag.name})`,
    );
  }
  if (filters.author) conditions.push(eq(articleRevisions.authorId, filters.author));
  if (filters.updated_since)
    conditions.push(
      gte(
        sql`coalesce(${articles.republishedAt}, ${articles.publishedAt})`,
        new Date(filters.updated_since).getTime(),
      ),
    );
  if (filters.cursor) {
    const cursor = decodeCursor(filters.cursor);
    if (!cursor) return null;
    conditions.push(
      or(
        lt(articles.publishedAt, new Date(cursor.at)),
        and(eq(articles.publishedAt, new Date(cursor.at)), lt(articles.id, cursor.id)),
      )!,
    );
  }
  const rows = db
    .select({ id: articles.id, publishedAt: articles.publishedAt })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .where(and(...conditions))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(filters.limit + 1)
    .all();
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    articles: publishedSummariesById(page.map((row) => row.id)).map(summaryOf),
    next_cursor:
      rows.length > filters.limit && last?.publishedAt ? encodeCursor(last.publishedAt, last.id) : null,
  };
}

// One published article by id, or by the slug of its published revision.
export function findArticle(ref: string): ApiArticle | undefined {
  let id: number | undefined;
  if (/^[1-9][0-9]{0,15}$/.test(ref)) id = Number(ref);
  else {
    let slug = ref;
    try {
      slug = decodeURIComponent(ref);
    } catch {
      return undefined;
    }
    id = db
      .select({ id: articles.id })
      .from(articles)
      .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
      .where(and(eq(articleRevisions.slug, slug), readerVisible))
      .get()?.id;
  }
  if (id === undefined) return undefined;
  const article = getPublishedArticle(id);
  if (!article) return undefined;
  const [summary] = publishedSummariesById([id]);
  if (!summary) return undefined;
  const author = db.select({ name: users.name }).from(users).where(eq(users.id, article.authorId)).get();
  const image = article.leadImage;
  const biggest = image ? largest(image.variants) : undefined;
  return {
    ...summaryOf(summary),
    author: {
      id: article.authorId,
      name: author?.name ?? article.authorName,
      url: authorUrl(article.authorId),
    },
    tags: readerTagsByName(article.tags).map((tag) => ({
      name: tag.name,
      slug: tag.slug,
      url: tagUrl(tag.slug),
    })),
    lead_image:
      image && biggest
        ? {
            url: absoluteUrl(mediaUrl(biggest.file)),
            width: image.width,
            height: image.height,
            alt: image.alt,
            caption: image.caption,
            credit: image.credit,
            renditions: image.variants.map((v) => ({
              url: absoluteUrl(mediaUrl(v.file)),
              width: v.width,
              height: v.height,
            })),
          }
        : null,
    body_html: article.bodyHtml,
    body_text: article.bodyText,
  };
}

export function listApiSections() {
  return db
    .select({ id: sections.id, slug: sections.slug, name: sections.name })
    .from(sections)
    .orderBy(asc(sections.position), asc(sections.id))
    .all()
    .map((s) => ({ ...s, url: sectionUrl(s.slug) }));
}

// Tags of published revisions, most used first.
export function listApiTags(limit: number) {
  const rows = db.all<{ name: string; n: number }>(sql`
    SELECT je.value AS name, count(*) AS n
    FROM articles JOIN article_revisions ON article_revisions.id = articles.published_revision_id,
         json_each(article_revisions.tags_json) AS je
    WHERE ${readerVisible}
    GROUP BY je.value ORDER BY n DESC, je.value LIMIT ${limit}`);
  const slugs = readerTagsByName(rows.map((r) => r.name));
  const byName = new Map(slugs.map((t) => [t.name, t.slug]));
  return rows.flatMap((r) => {
    const slug = byName.get(r.name);
    return slug ? [{ name: r.name, slug, url: tagUrl(slug), count: r.n }] : [];
  });
}

// Authors with at least one article readers may see.
export function listApiAuthors(limit: number) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(articles)
    .innerJoin(articleRevisions, eq(articleRevisions.id, articles.publishedRevisionId))
    .innerJoin(users, eq(users.id, articleRevisions.authorId))
    .where(readerVisible)
    .orderBy(asc(users.name))
    .limit(limit)
    .all()
    .map((a) => ({ ...a, url: authorUrl(a.id) }));
}

export function searchApi(q: string, page: number) {
  const found = searchPublished(q, page);
  return {
    articles: found.hits.map((hit) => ({
      id: hit.id,
      slug: hit.slug,
      url: absoluteUrl(articlePath(hit)),
      headline: hit.headline,
      deck: hit.deck,
      published_at: hit.publishedAt.toISOString(),
    })),
    total: found.total,
    page: found.page,
    page_count: found.pageCount,
  };
}
