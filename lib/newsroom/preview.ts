import { eq } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { db } from '@/db';
import { getArticleForEdit } from '@/lib/newsroom/articles';
import {
  listRelated,
  listRevisionNotes,
  readerTagsByName,
  type PublishedArticle,
  type PublishedSummary,
  type ReaderTag,
  type RevisionNote,
} from '@/lib/reader/queries';
import { media, sections } from '@/db/schema';
import { renderArticleHtml } from '@/lib/document/render';
import type { MediaVariant } from '@/lib/shared/media-urls';
import type { Actor } from '@/lib/shared/permissions';

// The preview (معاينة): the working copy as readers would get it if it were published now. It
// goes through the same renderer as publishing (lib/document/render.ts) and the same page
// (articlePageHtml), so what the journalist checks is what readers will see; nothing is stored.

export type ArticlePreview = {
  article: PublishedArticle;
  tags: ReaderTag[];
  notes: RevisionNote[];
  related: PublishedSummary[];
  status: string;
};

// undefined when there is no such article; throws ForbiddenError when the actor may not view it.
export function getArticlePreview(
  actor: Actor,
  articleId: number,
  now = new Date(),
): ArticlePreview | undefined {
  const working = getArticleForEdit(actor, articleId);
  if (!working) return undefined;
  const section =
    working.sectionId === null
      ? undefined
      : db.select().from(sections).where(eq(sections.id, working.sectionId)).get();
  const image =
    working.leadImageId === null
      ? undefined
      : db.select().from(media).where(eq(media.id, working.leadImageId)).get();
  const variants = image ? (JSON.parse(image.variantsJson) as MediaVariant[]) : [];
  const article: PublishedArticle = {
    id: working.id,
    slug: working.slug,
    headline: working.headline,
    deck: working.deck,
    dateline: working.dateline,
    bodyHtml: renderArticleHtml(JSON.parse(working.bodyJson) as JSONContent),
    bodyText: working.bodyText,
    tags: working.tags,
    authorId: working.authorId,
    authorName: working.byline.trim() || working.authorName,
    sectionId: working.sectionId,
    sectionName: section?.name ?? null,
    sectionSlug: section?.slug ?? null,
    // As the page would date it: its first publication, or now for a first one.
    publishedAt: working.publishedAt ?? now,
    updatedAt: working.publishedAt ? now : null,
    leadImage:
      image && variants.length > 0
        ? {
            alt: working.leadImageAlt || image.alt,
            caption: working.leadImageCaption,
            credit: working.leadImageCredit,
            width: image.width,
            height: image.height,
            variants,
          }
        : null,
  };
  return {
    article,
    tags: readerTagsByName(working.tags),
    notes: listRevisionNotes(working.id),
    related: listRelated(working.id, working.tags),
    status: working.status,
  };
}
