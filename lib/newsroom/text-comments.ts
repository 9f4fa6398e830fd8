import { and, asc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { db } from '@/db';
import { articles, textComments, textCommentThreads, users, type Article } from '@/db/schema';
import { recordEvent } from '@/lib/newsroom/articles';
import { notifyMentioned } from '@/lib/newsroom/notes';
import { ActionError } from '@/lib/shared/errors';
import { assertCan, canResolveThread, ForbiddenError, type Actor } from '@/lib/shared/permissions';
import {
  TEXT_COMMENT_MESSAGES,
  type ReplyInput,
  type StartThreadInput,
  type ThreadStateInput,
} from '@/lib/shared/validation/text-comment';
import { transaction, type Queryable, type Tx } from '@/db/transaction';

// تعليق على النص: threads of newsroom comments anchored on words of an article's body. The anchor
// is the body's `comment` mark (lib/document/comment-mark.ts), put there by the editor once the
// thread exists; here are the thread's words, people and state. Newsroom only: no reader query
// reads these tables, and the reader's renderer drops the mark.

export type TextCommentView = {
  id: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: Date;
};

export type ThreadView = {
  id: number;
  quote: string;
  authorId: number;
  createdAt: Date;
  resolved: boolean;
  resolvedAt: Date | null;
  resolvedByName: string | null;
  // Whether the person asking may resolve or reopen it (its author or the desk).
  canResolve: boolean;
  comments: TextCommentView[];
};

// The activity log's words for these (lib/shared/desk-labels.ts).
export const TEXT_COMMENT_EVENTS = {
  start: 'text_comment',
  reply: 'text_comment_reply',
  resolve: 'text_comment_resolved',
  reopen: 'text_comment_reopened',
} as const;

const resolver = alias(users, 'resolver');

// Every thread of the article, oldest first, with its comments.
function threadsOf(q: Queryable, actor: Actor, article: Article): ThreadView[] {
  const threads = q
    .select({
      id: textCommentThreads.id,
      quote: textCommentThreads.quote,
      authorId: textCommentThreads.authorId,
      createdAt: textCommentThreads.createdAt,
      resolvedAt: textCommentThreads.resolvedAt,
      resolvedByName: resolver.name,
    })
    .from(textCommentThreads)
    .leftJoin(resolver, eq(resolver.id, textCommentThreads.resolvedBy))
    .where(eq(textCommentThreads.articleId, article.id))
    .orderBy(asc(textCommentThreads.id))
    .all();
  if (!threads.length) return [];
  const comments = q
    .select({
      id: textComments.id,
      threadId: textComments.threadId,
      authorId: textComments.authorId,
      authorName: users.name,
      body: textComments.body,
      createdAt: textComments.createdAt,
    })
    .from(textComments)
    .innerJoin(users, eq(users.id, textComments.authorId))
    .where(
      inArray(
        textComments.threadId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(textComments.id))
    .all();
  return threads.map((thread) => ({
    ...thread,
    resolved: thread.resolvedAt !== null,
    canResolve: canResolveThread(actor, article, thread),
    comments: comments
      .filter((c) => c.threadId === thread.id)
      .map((c) => ({
        id: c.id,
        authorId: c.authorId,
        authorName: c.authorName,
        body: c.body,
        createdAt: c.createdAt,
      })),
  }));
}

function articleFor(q: Queryable, articleId: number): Article {
  const article = q.select().from(articles).where(eq(articles.id, articleId)).get();
  if (!article || article.deletedAt) throw new ActionError('not_found');
  return article;
}

// A thread id sent by a browser must be a thread of this very article.
function threadIn(tx: Tx, article: Article, threadId: number) {
  const thread = tx
    .select()
    .from(textCommentThreads)
    .where(and(eq(textCommentThreads.id, threadId), eq(textCommentThreads.articleId, article.id)))
    .get();
  if (!thread) throw new ActionError('invalid_input', { thread: TEXT_COMMENT_MESSAGES.noThread });
  return thread;
}

export function listTextComments(actor: Actor, articleId: number): ThreadView[] {
  const article = articleFor(db, articleId);
  assertCan(actor, 'view', article);
  return threadsOf(db, actor, article);
}

// A new thread on the words `quote`; the editor then anchors it (the mark with the returned id).
export function startThread(
  actor: Actor,
  input: StartThreadInput,
  now = new Date(),
): { threadId: number; threads: ThreadView[] } {
  return transaction((tx) => {
    const article = articleFor(tx, input.articleId);
    assertCan(actor, 'comment', article);
    const thread = tx
      .insert(textCommentThreads)
      .values({ articleId: article.id, authorId: actor.id, quote: input.quote, createdAt: now })
      .returning({ id: textCommentThreads.id })
      .get();
    tx.insert(textComments)
      .values({ threadId: thread.id, authorId: actor.id, body: input.body, createdAt: now })
      .run();
    recordEvent(
      tx,
      actor,
      article.id,
      TEXT_COMMENT_EVENTS.start,
      article.status,
      article.status,
      now,
      input.quote,
    );
    notifyMentioned(tx, actor, article, input.body, 'mentioned_in_comment', now);
    return { threadId: thread.id, threads: threadsOf(tx, actor, article) };
  });
}

// A reply; a reply to a resolved thread opens it again (the conversation is not over).
export function replyToThread(actor: Actor, input: ReplyInput, now = new Date()): ThreadView[] {
  return transaction((tx) => {
    const article = articleFor(tx, input.articleId);
    assertCan(actor, 'comment', article);
    const thread = threadIn(tx, article, input.threadId);
    tx.insert(textComments)
      .values({ threadId: thread.id, authorId: actor.id, body: input.body, createdAt: now })
      .run();
    if (thread.resolvedAt !== null) {
      tx.update(textCommentThreads)
        .set({ resolvedAt: null, resolvedBy: null })
        .where(eq(textCommentThreads.id, thread.id))
        .run();
    }
    recordEvent(
      tx,
      actor,
      article.id,
      TEXT_COMMENT_EVENTS.reply,
      article.status,
      article.status,
      now,
      thread.quote,
    );
    notifyMentioned(tx, actor, article, input.body, 'mentioned_in_comment', now);
    return threadsOf(tx, actor, article);
  });
}

// تم الحل / إعادة فتح. Asking for the state a thread is already in changes nothing.
export function setThreadResolved(actor: Actor, input: ThreadStateInput, now = new Date()): ThreadView[] {
  return transaction((tx) => {
    const article = articleFor(tx, input.articleId);
    assertCan(actor, 'view', article);
    const thread = threadIn(tx, article, input.threadId);
    if (!canResolveThread(actor, article, thread)) throw new ForbiddenError('resolveComment');
    if ((thread.resolvedAt !== null) !== input.resolved) {
      tx.update(textCommentThreads)
        .set(
          input.resolved ? { resolvedAt: now, resolvedBy: actor.id } : { resolvedAt: null, resolvedBy: null },
        )
        .where(eq(textCommentThreads.id, thread.id))
        .run();
      const action = input.resolved ? TEXT_COMMENT_EVENTS.resolve : TEXT_COMMENT_EVENTS.reopen;
      recordEvent(tx, actor, article.id, action, article.status, article.status, now, thread.quote);
    }
    return threadsOf(tx, actor, article);
  });
}
