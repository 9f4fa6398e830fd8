import { and, asc, eq, exists, inArray, or, sql, type SQL } from 'drizzle-orm';
import { articles, articleTags, tags } from '@/db/schema';
import { normalizeTagName, slugify } from '@/lib/shared/arabic';
import { ARTICLE_PERMISSIONS, type Actor } from '@/lib/shared/permissions';
import { type Tx, type Queryable } from '@/db/transaction';

// Cleans what a journalist typed into distinct tags, the first spelling of each one winning.
export function cleanTagNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.replace(/\s+/g, ' ').trim();
    const key = normalizeTagName(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}

// Sets an article's tags, reusing an existing tag when only the spelling differs.
export function setArticleTags(tx: Tx, articleId: number, names: readonly string[]): string[] {
  const cleaned = cleanTagNames(names);
  tx.delete(articleTags).where(eq(articleTags.articleId, articleId)).run();
  const stored: string[] = [];
  cleaned.forEach((name, position) => {
    const normalized = normalizeTagName(name);
    const tag =
      tx.select().from(tags).where(eq(tags.normalized, normalized)).get() ??
      tx
        .insert(tags)
        .values({ name, normalized, slug: slugify(name) || normalized })
        .returning()
        .get();
    tx.insert(articleTags).values({ articleId, tagId: tag.id, position }).run();
    stored.push(tag.name);
  });
  return stored;
}

export function tagNamesOf(tx: Queryable, articleId: number): string[] {
  return tx
    .select({ name: tags.name })
    .from(articleTags)
    .innerJoin(tags, eq(tags.id, articleTags.tagId))
    .where(eq(articleTags.articleId, articleId))
    .orderBy(asc(articleTags.position))
    .all()
    .map((t) => t.name);
}

// The articles whose tags `viewer` may be offered: published ones (readers see their tags), and
// those the permission table lets the viewer read (lib/shared/permissions.ts, 'view': a reporter's own,
// the desk's any). A tag that lives only on another reporter's draft is that reporter's business.
function readableBy(viewer: Actor): SQL {
  const rule = ARTICLE_PERMISSIONS[viewer.role].view;
  const published = eq(articles.status, 'published');
  if (!rule) return published;
  const statuses = inArray(articles.status, [...rule.from]);
  return or(published, rule.scope === 'any' ? statuses : and(eq(articles.authorId, viewer.id), statuses))!;
}

// Existing tags whose normalized form starts with what was typed, so "اسيا" finds "آسيا" and a
// journalist reuses a tag instead of coining a second spelling of it.
export function suggestTags(tx: Queryable, typed: string, viewer: Actor, limit = 8): string[] {
  const key = normalizeTagName(typed);
  if (!key) return [];
  const pattern = `${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return (
    tx
      .select({ name: tags.name })
      .from(tags)
      // Only tags of articles the viewer may read: a tag no article uses (a draft's tags changed
      // since, a tag typed half-way by an older editor) is offered to no one.
      .where(
        and(
          sql`${tags.normalized} LIKE ${pattern} ESCAPE '\\'`,
          exists(
            tx
              .select({ one: sql`1` })
              .from(articleTags)
              .innerJoin(articles, eq(articles.id, articleTags.articleId))
              .where(and(eq(articleTags.tagId, tags.id), readableBy(viewer))),
          ),
        ),
      )
      .orderBy(asc(sql`length(${tags.normalized})`), asc(tags.normalized))
      .limit(limit)
      .all()
      .map((t) => t.name)
  );
}
