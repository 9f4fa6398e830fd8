import { and, count, desc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { db } from '@/db';
import { transaction } from '@/db/transaction';
import { articles, sections, users, type ArticleStatus } from '@/db/schema';
import { toMatchExpression } from '@/lib/reader/search';
import { searchTerms } from '@/lib/shared/arabic';
import { canInNewsroom, type Actor } from '@/lib/shared/permissions';

// كل المقالات: every article this person may see — reporters their own, the desk everyone's —
// newest activity first, with filters and a search over headline and body.
//
// Search: the reader index (article_search) holds published text only, so drafts and the working
// copies of published articles are searched in their own FTS5 table, newsroom_search
// (drizzle/0008), folded by the same lib/shared/arabic.ts searchTerms() as reader search, and queried
// with the same toMatchExpression(). It is kept in step lazily: every write bumps an article's
// version, newsroom_search_state remembers which version each row was folded from, and a search
// first re-folds the articles whose version moved. So no write path (save, restore, workflow…)
// has to remember the index, several processes share it through the database, and an autosave
// costs nothing extra; a search pays for the articles changed since the previous search.

export type IndexFilter = {
  status?: ArticleStatus;
  sectionId?: number;
  authorId?: number;
  // Last change on or after `from` and before `until` (epoch ms).
  from?: number;
  until?: number;
  q?: string;
  page?: number;
};

export type IndexItem = {
  id: number;
  headline: string;
  status: ArticleStatus;
  sectionName: string | null;
  authorId: number;
  authorName: string;
  updatedAt: Date;
  wordCount: number;
  slug: string;
  publishedAt: Date | null;
};

export type IndexPage = { items: IndexItem[]; total: number; page: number; pageCount: number };

export const INDEX_PER_PAGE = 25;

const fold = (text: string) => searchTerms(text).join(' ');

// Re-folds the articles whose working copy changed since it was last folded. Returns how many.
// Two steps, so that finding what changed reads only articles_version_idx (id and version) and
// the bodies are read for the changed articles alone. Every statement runs on the transaction's
// own `tx` (db/transaction.ts).
export function refreshNewsroomSearch(): number {
  return transaction((tx) => {
    const stale = tx.all<{ id: number }>(
      sql`SELECT a.id FROM articles a INDEXED BY articles_version_idx
          LEFT JOIN newsroom_search_state s ON s.article_id = a.id
          WHERE s.version IS NULL OR s.version <> a.version`,
    );
    for (const { id } of stale) {
      const row = tx.get<{ id: number; version: number; headline: string; deck: string; body: string }>(
        sql`SELECT id, version, headline, deck, body_text AS body FROM articles WHERE id = ${id}`,
      )!;
      tx.run(sql`DELETE FROM newsroom_search WHERE rowid = ${row.id}`);
      tx.run(
        sql`INSERT INTO newsroom_search (rowid, headline, body)
            VALUES (${row.id}, ${fold(`${row.headline} ${row.deck}`)}, ${fold(row.body)})`,
      );
      tx.run(
        sql`INSERT INTO newsroom_search_state (article_id, version) VALUES (${row.id}, ${row.version})
            ON CONFLICT (article_id) DO UPDATE SET version = excluded.version`,
      );
    }
    return stale.length;
  });
}

function conditionsFor(actor: Actor, filter: IndexFilter): SQL[] {
  // A deleted draft leaves every list (its revisions stay).
  const conditions: SQL[] = [isNull(articles.deletedAt)];
  // Scope first: a reporter's index is their own work, whatever the filters say.
  if (!canInNewsroom(actor, 'viewEveryArticle')) conditions.push(eq(articles.authorId, actor.id));
  if (filter.status) conditions.push(eq(articles.status, filter.status));
  if (filter.sectionId) conditions.push(eq(articles.sectionId, filter.sectionId));
  if (filter.authorId) conditions.push(eq(articles.authorId, filter.authorId));
  if (filter.from !== undefined) conditions.push(gte(articles.updatedAt, new Date(filter.from)));
  if (filter.until !== undefined) conditions.push(lt(articles.updatedAt, new Date(filter.until)));
  return conditions;
}

export function listNewsroomArticles(actor: Actor, filter: IndexFilter, perPage = INDEX_PER_PAGE): IndexPage {
  const conditions = conditionsFor(actor, filter);
  if (filter.q?.trim()) {
    const expression = toMatchExpression(filter.q);
    // Nothing searchable left (only punctuation, say): no article matches rather than all.
    if (!expression) return { items: [], total: 0, page: 1, pageCount: 1 };
    refreshNewsroomSearch();
    conditions.push(
      sql`${articles.id} IN (SELECT rowid FROM newsroom_search WHERE newsroom_search MATCH ${expression})`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const total = db.select({ n: count() }).from(articles).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const page = Math.min(Math.max(1, Math.floor(filter.page ?? 1)), pageCount);
  const items = db
    .select({
      id: articles.id,
      headline: articles.headline,
      status: articles.status,
      sectionName: sections.name,
      authorId: articles.authorId,
      authorName: users.name,
      updatedAt: articles.updatedAt,
      wordCount: articles.wordCount,
      slug: articles.slug,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .innerJoin(users, eq(users.id, articles.authorId))
    .leftJoin(sections, eq(sections.id, articles.sectionId))
    .where(where)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(perPage)
    .offset((page - 1) * perPage)
    .all();
  return { items, total, page, pageCount };
}

// The authors a person may filter by: everyone for the desk, oneself for a reporter.
export function listIndexAuthors(actor: Actor): { id: number; name: string }[] {
  const query = db.select({ id: users.id, name: users.name }).from(users);
  return (canInNewsroom(actor, 'viewEveryArticle') ? query : query.where(eq(users.id, actor.id)))
    .orderBy(users.name)
    .all();
}
