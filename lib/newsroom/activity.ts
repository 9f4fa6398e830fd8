import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { db } from '@/db';
import { articles, events, users } from '@/db/schema';
import { ActionError } from '@/lib/shared/errors';
import { can, canInNewsroom, ForbiddenError, type Actor } from '@/lib/shared/permissions';

// سجل النشاط: the events table read back — who did what, when, to which article or member, from
// which state to which. Every state change, restore and change to people writes one row in the
// same transaction as the change itself, so the log cannot miss or invent one.

export type ActivityEntry = {
  id: number;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: string | null;
  createdAt: Date;
  actorId: number | null;
  actorName: string | null;
  articleId: number | null;
  articleHeadline: string | null;
  userId: number | null;
  userName: string | null;
};

const actor = alias(users, 'actor');
const subject = alias(users, 'subject');

const columns = {
  id: events.id,
  action: events.action,
  fromStatus: events.fromStatus,
  toStatus: events.toStatus,
  detail: events.detail,
  createdAt: events.createdAt,
  actorId: events.actorId,
  actorName: actor.name,
  articleId: events.articleId,
  articleHeadline: articles.headline,
  userId: events.userId,
  userName: subject.name,
};

function selectEvents(where: SQL | undefined, limit: number): ActivityEntry[] {
  return db
    .select(columns)
    .from(events)
    .leftJoin(actor, eq(actor.id, events.actorId))
    .leftJoin(subject, eq(subject.id, events.userId))
    .leftJoin(articles, eq(articles.id, events.articleId))
    .where(where)
    .orderBy(desc(events.id))
    .limit(limit)
    .all();
}

// One article's log, for whoever may see the article; newest first.
export function listArticleActivity(viewer: Actor, articleId: number, limit = 200): ActivityEntry[] {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || !can(viewer, 'view', article)) throw new ActionError('not_found');
  return selectEvents(eq(events.articleId, articleId), limit);
}

export type ActivityFilter = { actorId?: number; action?: string; before?: number };
export type ActivityPage = { entries: ActivityEntry[]; nextBefore: number | null };

export const ACTIVITY_PER_PAGE = 50;

// The whole log, for admins, filterable by person and action. Paged by event id ("older than"),
// which stays right while new events arrive at the top.
export function listActivity(
  viewer: Actor,
  filter: ActivityFilter,
  perPage = ACTIVITY_PER_PAGE,
): ActivityPage {
  if (!canInNewsroom(viewer, 'viewActivityLog')) throw new ForbiddenError('viewActivityLog');
  const conditions: SQL[] = [];
  if (filter.actorId) conditions.push(eq(events.actorId, filter.actorId));
  if (filter.action) conditions.push(eq(events.action, filter.action));
  if (filter.before) conditions.push(lt(events.id, filter.before));
  const rows = selectEvents(conditions.length ? and(...conditions) : undefined, perPage + 1);
  const more = rows.length > perPage;
  const entries = rows.slice(0, perPage);
  return { entries, nextBefore: more ? entries.at(-1)!.id : null };
}

// The actions that occur in the log, for the filter's choices.
export function listActivityActions(): string[] {
  return db
    .select({ action: events.action })
    .from(events)
    .groupBy(events.action)
    .orderBy(sql`count(*) DESC`)
    .all()
    .map((row) => row.action);
}
