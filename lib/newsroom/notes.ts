import { and, asc, desc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import {
  articleRevisions,
  articles,
  assignments,
  notes,
  notifications,
  users,
  type Article,
  type NoteKind,
  type NotificationKind,
  type User,
} from '@/db/schema';
import { tagNamesOf } from '@/lib/newsroom/tags';
import { ActionError } from '@/lib/shared/errors';
import { assertCan, can, type Actor, type ArticleActionAny as ArticleAction } from '@/lib/shared/permissions';
import { transaction, type Tx } from '@/db/transaction';

// ملاحظات التحرير and الإشعارات. Newsroom only: no reader query reads either table.

export type NoteView = {
  id: number;
  kind: NoteKind;
  body: string;
  createdAt: Date;
  authorId: number;
  authorName: string;
};

// What the desk shows of a note: its text, kind and time, and who wrote it.
const NOTE_COLUMNS = {
  id: notes.id,
  kind: notes.kind,
  body: notes.body,
  createdAt: notes.createdAt,
  authorId: notes.authorId,
  authorName: users.name,
};

export function listNotes(actor: Actor, articleId: number): NoteView[] {
  const article = db.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || article.deletedAt) throw new ActionError('not_found');
  assertCan(actor, 'view', article);
  return db
    .select(NOTE_COLUMNS)
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .where(eq(notes.articleId, articleId))
    .orderBy(asc(notes.id))
    .all();
}

// The people a note names as "@name" (a name may have spaces: the longest name that follows an @
// wins), among those who may see the article.
export function mentionedIn(text: string, people: Pick<User, 'id' | 'name'>[]): number[] {
  const byLength = [...people].filter((p) => p.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const found = new Set<number>();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    const rest = text.slice(at + 1);
    const person = byLength.find((p) => {
      const name = p.name.trim();
      return rest.startsWith(name) && !/^[\p{L}\p{M}\p{N}]/u.test(rest.slice(name.length));
    });
    if (person) found.add(person.id);
  }
  return [...found];
}

export function addNoteInTx(
  tx: Tx,
  actor: Actor,
  article: Article,
  body: string,
  kind: NoteKind,
  now: Date,
): number {
  const note = tx
    .insert(notes)
    .values({ articleId: article.id, authorId: actor.id, kind, body, createdAt: now })
    .returning({ id: notes.id })
    .get();
  notifyMentioned(tx, actor, article, body, 'mentioned', now);
  return note.id;
}

// Everyone a text names as @name who may see the article (not the writer) gets a notification:
// notes and comments on the text (lib/newsroom/text-comments.ts) tell people the same way.
export function notifyMentioned(
  tx: Tx,
  actor: Actor,
  article: Article,
  text: string,
  kind: NotificationKind,
  now: Date,
): number[] {
  const people = tx
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(eq(users.disabled, false))
    .all();
  const told = mentionedIn(text, people).filter((id) => {
    const person = people.find((p) => p.id === id)!;
    return id !== actor.id && can(person, 'view', article);
  });
  notify(tx, told, article.id, actor.id, kind, now);
  return told;
}

export function addNote(actor: Actor, articleId: number, body: string, now = new Date()): NoteView {
  return transaction((tx) => {
    const article = tx.select().from(articles).where(eq(articles.id, articleId)).get();
    if (!article || article.deletedAt) throw new ActionError('not_found');
    assertCan(actor, 'addNote', article);
    const id = addNoteInTx(tx, actor, article, body, 'note', now);
    const author = tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id)).get();
    return { id, kind: 'note', body, createdAt: now, authorId: actor.id, authorName: author?.name ?? '' };
  });
}

function notify(
  tx: Tx,
  userIds: number[],
  articleId: number,
  actorId: number | null,
  kind: NotificationKind,
  now: Date,
): void {
  for (const userId of new Set(userIds))
    tx.insert(notifications).values({ userId, articleId, actorId, kind, createdAt: now }).run();
}

const TOLD_THE_AUTHOR: Partial<Record<ArticleAction, NotificationKind>> = {
  requestChanges: 'changes_requested',
  approve: 'approved',
  schedule: 'scheduled',
  publish: 'published',
};

// Who learns of a change of state: the author of what the desk did to their article (not of
// what they did themselves), and the desk of every new submission.
export function notifyOfTransition(
  tx: Tx,
  actor: Actor,
  article: Article,
  action: ArticleAction,
  now: Date,
): void {
  if (action === 'submit') {
    const desk = tx
      .select({ id: users.id })
      .from(users)
      .where(and(inArray(users.role, ['editor', 'admin']), eq(users.disabled, false), ne(users.id, actor.id)))
      .all();
    notify(
      tx,
      desk.map((u) => u.id),
      article.id,
      actor.id,
      'submitted',
      now,
    );
    return;
  }
  const kind = TOLD_THE_AUTHOR[action];
  if (kind && article.authorId !== actor.id) notify(tx, [article.authorId], article.id, actor.id, kind, now);
}

export type NotificationView = {
  id: number;
  kind: NotificationKind;
  createdAt: Date;
  readAt: Date | null;
  articleId: number | null;
  headline: string | null;
  actorName: string | null;
  // A notification about a planned story (the planning desk) names it instead of an article.
  assignmentId: number | null;
  headlineIdea: string | null;
};

const unreadCount = prepareOnFirstUse(() =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(notifications)
    .where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt)))
    .prepare(),
);

export function countUnreadNotifications(userId: number): number {
  return unreadCount().get({ userId })?.n ?? 0;
}

export function listNotifications(userId: number, limit = 100): NotificationView[] {
  const actor = db.select({ id: users.id, name: users.name }).from(users).as('actor');
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      articleId: notifications.articleId,
      headline: articles.headline,
      actorName: actor.name,
      assignmentId: notifications.assignmentId,
      headlineIdea: assignments.headlineIdea,
    })
    .from(notifications)
    .leftJoin(articles, eq(articles.id, notifications.articleId))
    .leftJoin(assignments, eq(assignments.id, notifications.assignmentId))
    .leftJoin(actor, eq(actor.id, notifications.actorId))
    .where(and(eq(notifications.userId, userId), isNull(articles.deletedAt)))
    .orderBy(desc(notifications.id))
    .limit(limit)
    .all();
}

// Scoped by the reader of the notifications in `where`: nobody marks someone else's.
export function markNotificationsRead(userId: number, ids: number[] | 'all', now = new Date()): number {
  const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(ids === 'all' ? mine : and(mine, inArray(notifications.id, ids.length ? ids : [-1])))
    .run().changes;
}

const SNAPSHOT_FIELDS = [
  'headline',
  'deck',
  'slug',
  'sectionId',
  'dateline',
  'byline',
  'leadImageId',
  'leadImageAlt',
  'leadImageCaption',
  'leadImageCredit',
  'bodyJson',
] as const;

// What the editor page says above the editor: the published revision's version (edits after it
// are not yet live) and the latest request for changes.
export function deskStateOf(article: Article): {
  unpublishedEdits: boolean;
  latestChangeRequest: NoteView | null;
} {
  const published = article.publishedRevisionId
    ? db.select().from(articleRevisions).where(eq(articleRevisions.id, article.publishedRevisionId)).get()
    : undefined;
  // Compared field by field: a transition bumps the version without changing what readers see.
  const unpublishedEdits =
    !!published &&
    (SNAPSHOT_FIELDS.some((field) => published[field] !== article[field]) ||
      published.tagsJson !== JSON.stringify(tagNamesOf(db, article.id)));
  const request = db
    .select(NOTE_COLUMNS)
    .from(notes)
    .innerJoin(users, eq(users.id, notes.authorId))
    .where(and(eq(notes.articleId, article.id), eq(notes.kind, 'request_changes')))
    .orderBy(desc(notes.id))
    .get();
  return {
    unpublishedEdits,
    latestChangeRequest: request ?? null,
  };
}
