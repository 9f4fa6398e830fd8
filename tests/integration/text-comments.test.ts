import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { JSONContent } from '@tiptap/core';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import {
  articleRevisions,
  articles,
  events,
  notifications,
  textCommentThreads,
  textComments,
  type User,
} from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { listNotes } from '@/lib/newsroom/notes';
import { getArticlePreview } from '@/lib/newsroom/preview';
import {
  listTextComments,
  replyToThread,
  setThreadResolved,
  startThread,
  TEXT_COMMENT_EVENTS,
} from '@/lib/newsroom/text-comments';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { feedResponse } from '@/lib/reader/feeds';
import { getPublishedArticle } from '@/lib/reader/queries';
import { searchPublished } from '@/lib/reader/search';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import {
  replyInput,
  startThreadInput,
  TEXT_COMMENT_MESSAGES,
  threadStateInput,
} from '@/lib/shared/validation/text-comment';
import { TEXT_COMMENT_MAX } from '@/lib/shared/validation/limits';
import { saveFields, writeArticle } from './fixtures';
import { testSection } from './section';

// تعليق على النص on a real SQLite file: threads, replies, resolve and reopen through the queries
// the editor's actions call (after the same zod schemas), @name notifications as notes send them,
// the activity log, refusals that change nothing — and the anchor gone from everything readers
// get: the article page's HTML, the feeds, the search index and every revision's HTML.

let reporter: User;
let otherReporter: User;
let editor: User;

before(async () => {
  [reporter, otherReporter, editor] = (await Promise.all(
    [
      ['reporter', 'هدى الكاتبة'],
      ['reporter', 'مازن المراسل'],
      ['editor', 'سلمى المحررة'],
    ].map(([role, name], i) =>
      createUser({
        email: `tc${i}@test.example`,
        name: name!,
        role: role as 'reporter' | 'editor',
        password: 'long-enough-password',
      }),
    ),
  )) as [User, User, User];
});

const start = (raw: unknown, who: User = editor) => startThread(who, startThreadInput.parse(raw));
const reply = (raw: unknown, who: User = editor) => replyToThread(who, replyInput.parse(raw));
const resolve = (raw: unknown, who: User = editor) => setThreadResolved(who, threadStateInput.parse(raw));

function threadRows(articleId: number) {
  return db.select().from(textCommentThreads).where(eq(textCommentThreads.articleId, articleId)).all();
}
function commentCount() {
  return db.select().from(textComments).all().length;
}

// A body whose word «القصف» carries the thread's anchor, bold around it so the renderer would
// split the run if the mark were not dropped cleanly.
function anchoredBody(threadId: number): JSONContent {
  return {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        attrs: { dir: 'rtl' },
        content: [
          { type: 'text', text: 'توقف ', marks: [{ type: 'bold' }] },
          {
            type: 'text',
            text: 'القصف',
            marks: [{ type: 'bold' }, { type: 'comment', attrs: { id: threadId } }],
          },
          { type: 'text', text: ' عند الفجر.', marks: [{ type: 'bold' }] },
        ],
      },
    ],
  };
}

describe('a thread on the text, from start to resolve', () => {
  test('start, reply, resolve, reopen; the log names each; @name is notified like a note', () => {
    const { id } = writeArticle(reporter, {
      headline: 'هدنة في الجنوب',
      paragraphs: ['توقف القصف عند الفجر.'],
    });
    const first = start({ articleId: id, quote: '  القصف  ', body: 'من المصدر؟ @هدى الكاتبة' });
    assert.equal(first.threads.length, 1);
    const [thread] = first.threads;
    assert.equal(thread!.id, first.threadId);
    assert.equal(thread!.quote, 'القصف');
    assert.equal(thread!.resolved, false);
    assert.deepEqual(
      thread!.comments.map((c) => [c.authorName, c.body]),
      [['سلمى المحررة', 'من المصدر؟ @هدى الكاتبة']],
    );
    // The reporter was named: one notification of the comment's own kind, from the editor.
    const told = db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, reporter.id), eq(notifications.articleId, id)))
      .all();
    assert.deepEqual(
      told.map((n) => [n.kind, n.actorId]),
      [['mentioned_in_comment', editor.id]],
    );
    // The reporter answers on her own article, naming someone who may not see it: nobody told.
    const afterReply = reply(
      { articleId: id, threadId: thread!.id, body: 'وكالة الأنباء. @مازن المراسل' },
      reporter,
    );
    assert.equal(afterReply[0]!.comments.length, 2);
    assert.equal(
      db.select().from(notifications).where(eq(notifications.userId, otherReporter.id)).all().length,
      0,
    );
    // The reporter may not resolve the editor's thread; the editor may.
    assert.throws(
      () => resolve({ articleId: id, threadId: thread!.id, resolved: true }, reporter),
      ForbiddenError,
    );
    assert.equal(threadRows(id)[0]!.resolvedAt, null);
    const resolved = resolve({ articleId: id, threadId: thread!.id, resolved: true });
    assert.equal(resolved[0]!.resolved, true);
    assert.equal(resolved[0]!.resolvedByName, 'سلمى المحررة');
    // Resolving again changes nothing and logs nothing.
    resolve({ articleId: id, threadId: thread!.id, resolved: true });
    const reopened = resolve({ articleId: id, threadId: thread!.id, resolved: false });
    assert.equal(reopened[0]!.resolved, false);
    const logged = db
      .select({ action: events.action, actor: events.actorId })
      .from(events)
      .where(eq(events.articleId, id))
      .all()
      .filter((e) => e.action.startsWith('text_comment'));
    assert.deepEqual(logged, [
      { action: TEXT_COMMENT_EVENTS.start, actor: editor.id },
      { action: TEXT_COMMENT_EVENTS.reply, actor: reporter.id },
      { action: TEXT_COMMENT_EVENTS.resolve, actor: editor.id },
      { action: TEXT_COMMENT_EVENTS.reopen, actor: editor.id },
    ]);
  });

  test('a thread’s author resolves it; a reply to a resolved thread opens it again', () => {
    const { id } = writeArticle(reporter, { headline: 'أمطار غزيرة', paragraphs: ['هطلت أمطار غزيرة.'] });
    const { threadId } = start({ articleId: id, quote: 'غزيرة', body: 'كم ملم؟' }, reporter);
    assert.equal(listTextComments(reporter, id)[0]!.canResolve, true);
    resolve({ articleId: id, threadId, resolved: true }, reporter);
    assert.equal(listTextComments(editor, id)[0]!.resolved, true);
    reply({ articleId: id, threadId, body: 'أربعون ملم حسب الأرصاد.' });
    assert.equal(listTextComments(editor, id)[0]!.resolved, false);
  });

  test('who may comment: whoever may view the article in the newsroom, nobody else', () => {
    const { id } = writeArticle(reporter, { headline: 'مقال خاص', paragraphs: ['نص.'] });
    assert.throws(() => start({ articleId: id, quote: 'نص', body: 'تعليق' }, otherReporter), ForbiddenError);
    assert.throws(() => listTextComments(otherReporter, id), ForbiddenError);
    // Submitted, the reporter can no longer edit it but may still comment on it.
    saveFields(reporter, { articleId: id, sectionId: testSection() });
    submitForReview(reporter, id);
    const { threads } = start({ articleId: id, quote: 'نص', body: 'أضفت المصدر في الملاحظات.' }, reporter);
    assert.equal(threads.length, 1);
  });
});

describe('bad input changes nothing and says why in Arabic', () => {
  test('empty, blank, oversized and broken comments are refused by the schema with their message', () => {
    const message = (raw: unknown) => {
      const parsed = startThreadInput.safeParse(raw);
      assert.equal(parsed.success, false);
      return parsed.error!.issues.map((i) => i.message);
    };
    assert.deepEqual(message({ articleId: 1, quote: 'س', body: '' }), [TEXT_COMMENT_MESSAGES.empty]);
    assert.deepEqual(message({ articleId: 1, quote: 'س', body: ' \n\t ' }), [TEXT_COMMENT_MESSAGES.empty]);
    assert.deepEqual(message({ articleId: 1, quote: 'س', body: 'ب'.repeat(TEXT_COMMENT_MAX + 1) }), [
      TEXT_COMMENT_MESSAGES.tooLong,
    ]);
    assert.deepEqual(message({ articleId: 1, quote: 'س', body: 'نص \ud800 مكسور' }), [
      TEXT_COMMENT_MESSAGES.broken,
    ]);
    assert.equal(replyInput.safeParse({ articleId: 1, threadId: -3, body: 'رد' }).success, false);
    assert.equal(replyInput.safeParse({ articleId: 1, threadId: '1 OR 1=1', body: 'رد' }).success, false);
  });

  test('hostile text is kept as text: markup stays characters, bidi overrides go, a long quote is cut', () => {
    const { id } = writeArticle(reporter, { headline: 'نص عدائي', paragraphs: ['كلمات.'] });
    const hostile = "<img src=x onerror=alert(1)> \u202eأهلاً\u202c '; DROP TABLE text_comments;--";
    const { threads } = start({ articleId: id, quote: 'ك'.repeat(1000), body: hostile });
    assert.equal(
      threads[0]!.comments[0]!.body,
      "<img src=x onerror=alert(1)> أهلاً '; DROP TABLE text_comments;--",
    );
    assert.equal([...threads[0]!.quote].length, 300);
    assert.ok(threads[0]!.quote.endsWith('…'));
  });

  test('a thread that does not exist, or is another article’s, is refused and nothing is written', () => {
    const a = writeArticle(reporter, { headline: 'أ', paragraphs: ['نص أ.'] }).id;
    const b = writeArticle(reporter, { headline: 'ب', paragraphs: ['نص ب.'] }).id;
    const { threadId } = start({ articleId: a, quote: 'نص', body: 'سؤال' });
    const before = commentCount();
    for (const attempt of [
      () => reply({ articleId: b, threadId, body: 'رد في المكان الخطأ' }),
      () => reply({ articleId: a, threadId: 999_999, body: 'رد على لا شيء' }),
      () => resolve({ articleId: b, threadId, resolved: true }),
    ]) {
      assert.throws(attempt, (error: unknown) => {
        assert.ok(error instanceof ActionError);
        assert.equal(error.code, 'invalid_input');
        assert.equal(error.fieldErrors?.thread, TEXT_COMMENT_MESSAGES.noThread);
        return true;
      });
    }
    assert.equal(commentCount(), before);
    assert.equal(threadRows(a)[0]!.resolvedAt, null);
    assert.throws(() => start({ articleId: 999_999, quote: 'x', body: 'y' }), ActionError);
  });
});

describe('newsroom only', () => {
  test('the anchor and the comments reach no reader page, feed, search index or revision HTML', async () => {
    const secret = 'ملاحظة-سرية-للمحررين';
    const { id } = writeArticle(reporter, {
      headline: 'هدنة تصمد',
      paragraphs: ['توقف القصف عند الفجر.'],
      sectionId: testSection(),
    });
    const { threadId } = start({ articleId: id, quote: 'القصف', body: `${secret} تأكدوا من الرقم` });
    // The body with its anchor, saved through the autosave's door (its schema check included).
    const saved = saveFields(reporter, { articleId: id, body: anchoredBody(threadId) });
    assert.equal(saved.conflicts.length, 0);
    const stored = db.select().from(articles).where(eq(articles.id, id)).get()!;
    assert.match(stored.bodyJson, /"comment"/);
    submitForReview(reporter, id);
    approveArticle(editor, id);
    publishArticle(editor, id);

    const page = getPublishedArticle(id)!;
    assert.equal(page.bodyHtml, '<p dir="rtl"><strong>توقف القصف عند الفجر.</strong></p>');
    for (const revision of db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, id))
      .all()) {
      assert.doesNotMatch(revision.bodyHtml ?? '', /comment|data-comment-id/);
    }
    for (const format of ['rss', 'atom'] as const) {
      const text = await feedResponse({ kind: 'site' }, format).text();
      assert.match(text, /هدنة تصمد/);
      assert.doesNotMatch(text, /data-comment-id|ملاحظة-سرية/);
    }
  });

  test('search finds the article by its words, never by a comment’s', () => {
    const words = 'مفاوضاتكلمةفريدة';
    const { id } = writeArticle(reporter, {
      headline: `${words} في العاصمة`,
      paragraphs: ['بدأت المفاوضات صباحاً.'],
      sectionId: testSection(),
    });
    const { threadId } = start({ articleId: id, quote: 'المفاوضات', body: 'تعليقسريفريد للمحررين' });
    saveFields(reporter, { articleId: id, body: anchoredBody(threadId) });
    submitForReview(reporter, id);
    approveArticle(editor, id);
    publishArticle(editor, id);
    assert.equal(searchPublished(words).total, 1);
    assert.equal(searchPublished('تعليقسريفريد').total, 0);
    assert.equal(
      searchPublished(String(threadId)).hits.some((hit) => hit.id === id),
      false,
    );
  });

  test('the preview (the page as readers will see it) has no anchor; the notes area lists the threads', () => {
    const { id } = writeArticle(reporter, {
      headline: 'معاينة',
      paragraphs: ['نص.'],
      sectionId: testSection(),
    });
    const { threadId } = start({ articleId: id, quote: 'القصف', body: 'سؤال للمعاينة' });
    saveFields(reporter, { articleId: id, body: anchoredBody(threadId) });
    const preview = getArticlePreview(editor, id)!;
    assert.doesNotMatch(preview.article.bodyHtml, /comment/);
    // The notes of the article are the notes table alone; the threads are listed from their own.
    assert.equal(listNotes(editor, id).length, 0);
    assert.equal(listTextComments(editor, id)[0]!.comments[0]!.body, 'سؤال للمعاينة');
  });
});
