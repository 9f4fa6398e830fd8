import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { openDatabase } from '@/db/connection';
import { createDraft, getArticleForEdit, listMyArticles, listReviewQueue } from '@/lib/newsroom/articles';
import {
  approveArticle,
  archiveArticle,
  deleteDraft,
  publishArticle,
  publishIfDue,
  requestChanges,
  scheduleArticle,
  setEmbargo,
  submitForReview,
  unscheduleArticle,
  withdrawFromReview,
  SCHEDULE_MESSAGES,
} from '@/lib/newsroom/workflow';
import {
  addNote,
  countUnreadNotifications,
  listNotes,
  listNotifications,
  markNotificationsRead,
  mentionedIn,
} from '@/lib/newsroom/notes';
import * as publicQueries from '@/lib/reader/queries';
import { runScheduledWork } from '@/lib/newsroom/schedule';
import { searchPublished } from '@/lib/reader/search';
import { commentsStateOf } from '@/lib/newsroom/comments';
import { getReaderCounts, mostReadArticles, recordShare, recordView } from '@/lib/reader/counters';
import { createUser } from '@/lib/auth/users';
import {
  articleOldSlugs,
  articleRevisions,
  articles,
  articleViewHours,
  events,
  sections,
  type User,
} from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { ActionError, ERROR_MESSAGES } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { noteInput } from '@/lib/shared/validation/workflow';
import { saveFields } from './fixtures';

// The desk's workflow on a real SQLite file: withdraw, request changes into the notes thread,
// scheduling (also across a restart and with two processes racing), embargo across every reader
// query, archive and soft deletion, the working copy's stable slug, notes and notifications.

let reporter: User;
let otherReporter: User;
let editor: User;
let secondEditor: User;
let sectionId: number;

before(async () => {
  [reporter, otherReporter, editor, secondEditor] = await Promise.all([
    createUser({
      email: 'wr@test.example',
      name: 'سارة أحمد',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'wr2@test.example',
      name: 'سارة',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'we@test.example',
      name: 'مراد المحرر',
      role: 'editor',
      password: 'long-enough-password',
    }),
    createUser({ email: 'wa@test.example', name: 'هدى', role: 'admin', password: 'long-enough-password' }),
  ]);
  sectionId = db.insert(sections).values({ name: 'محليات', slug: 'محليات' }).returning().get().id;
});

const row = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;

function written(headline: string, paragraphs: string[], extra: Record<string, unknown> = {}) {
  const draft = createDraft(reporter);
  saveFields(reporter, {
    articleId: draft.id,
    baseVersion: draft.version,
    headline,
    body: paragraphsToDocument(paragraphs),
    sectionId,
    ...extra,
  });
  return draft.id;
}

function approved(headline: string, paragraphs: string[], extra: Record<string, unknown> = {}) {
  const id = written(headline, paragraphs, extra);
  submitForReview(reporter, id);
  approveArticle(editor, id);
  return id;
}

function actionError(fn: () => unknown): ActionError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ActionError, `expected ActionError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an ActionError');
}

const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);
const kindsFor = (user: User, articleId: number) =>
  listNotifications(user.id)
    .filter((n) => n.articleId === articleId)
    .map((n) => n.kind)
    .reverse();

describe('withdraw, request changes, archive, delete', () => {
  test('a reporter withdraws their own article from review; nobody else can', () => {
    const id = written('سأسحبه', ['نص']);
    submitForReview(reporter, id);
    assert.throws(() => withdrawFromReview(otherReporter, id), ForbiddenError);
    assert.throws(() => withdrawFromReview(editor, id), ForbiddenError);
    assert.equal(withdrawFromReview(reporter, id).status, 'draft');
    assert.ok(!listReviewQueue().some((a) => a.id === id));
    assert.throws(() => withdrawFromReview(reporter, id), ForbiddenError);
  });

  test('the reason for requested changes stays in the notes after resubmission, and the reporter is told', () => {
    const id = written('يحتاج مصدراً', ['نص']);
    submitForReview(reporter, id);
    assert.ok(kindsFor(editor, id).includes('submitted'));
    assert.ok(kindsFor(secondEditor, id).includes('submitted'));
    requestChanges(editor, id, 'أضف مصدر الرقم في الفقرة الثانية');
    assert.deepEqual(kindsFor(reporter, id), ['changes_requested']);
    submitForReview(reporter, id);
    assert.equal(row(id).changesRequestedReason, null);
    const thread = listNotes(reporter, id);
    assert.deepEqual(
      thread.map((n) => [n.kind, n.body, n.authorName]),
      [['request_changes', 'أضف مصدر الرقم في الفقرة الثانية', 'مراد المحرر']],
    );
    approveArticle(editor, id);
    assert.deepEqual(kindsFor(reporter, id), ['changes_requested', 'approved']);
  });

  test('publishing refuses a missing section and names it; nothing changes', () => {
    const id = approved('بلا قسم', ['نص'], { sectionId: null });
    const before = row(id);
    const error = actionError(() => publishArticle(editor, id));
    assert.equal(error.code, 'missing_section');
    assert.match(ERROR_MESSAGES.missing_section, /القسم/);
    assert.deepEqual(Object.keys(error.fieldErrors ?? {}), ['section']);
    assert.deepEqual(row(id), before);
    assert.equal(actionError(() => scheduleArticle(editor, id, minutes(10))).code, 'missing_section');
  });

  test('archive puts away an unpublished article; only a never-published draft can be deleted', () => {
    const id = approved('للأرشيف', ['نص']);
    assert.equal(archiveArticle(editor, id).status, 'archived');
    assert.throws(() => archiveArticle(editor, id), ForbiddenError);

    const draft = written('مسودة ستُحذف', ['نص']);
    assert.throws(() => deleteDraft(otherReporter, draft), ForbiddenError);
    const revisionsBefore = db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, draft))
      .all();
    deleteDraft(reporter, draft);
    assert.equal(getArticleForEdit(reporter, draft), undefined);
    assert.ok(!listMyArticles(reporter).some((a) => a.id === draft));
    assert.equal(actionError(() => deleteDraft(reporter, draft)).code, 'not_found');
    assert.deepEqual(
      db.select().from(articleRevisions).where(eq(articleRevisions.articleId, draft)).all(),
      revisionsBefore,
    );

    const published = approved('نُشر مرة', ['نص']);
    publishArticle(editor, published);
    assert.throws(() => deleteDraft(editor, published), ForbiddenError);
  });
});

describe('scheduling', () => {
  test('refuses a time in the past and an embargo after the schedule, changing nothing', () => {
    const id = approved('موعد خاطئ', ['نص']);
    const before = row(id);
    const now = new Date();
    assert.deepEqual(
      actionError(() => scheduleArticle(editor, id, minutes(-1, now), null, now)).fieldErrors,
      {
        scheduledAt: SCHEDULE_MESSAGES.past,
      },
    );
    assert.deepEqual(
      actionError(() => scheduleArticle(editor, id, minutes(10, now), minutes(20, now), now)).fieldErrors,
      { embargoUntil: SCHEDULE_MESSAGES.embargoAfterSchedule },
    );
    assert.deepEqual(row(id), before);
    assert.throws(() => scheduleArticle(reporter, id, minutes(10, now), null, now), ForbiddenError);
  });

  test('goes live by itself at its time, once, and the reporter is told', () => {
    const now = new Date('2026-05-01T08:00:00Z');
    const id = approved('يُنشر وحده', ['نص مجدول']);
    scheduleArticle(editor, id, minutes(5, now), null, now);
    assert.equal(row(id).status, 'scheduled');
    assert.deepEqual(runScheduledWork(minutes(4, now)).published, []);
    assert.equal(publicQueries.getPublishedArticle(id), undefined);
    assert.deepEqual(runScheduledWork(minutes(5, now)).published, [id]);
    assert.equal(publicQueries.getPublishedArticle(id)?.headline, 'يُنشر وحده');
    assert.deepEqual(runScheduledWork(minutes(6, now)).published, []);
    assert.deepEqual(kindsFor(reporter, id), ['approved', 'scheduled', 'published']);
    const publishes = db
      .select()
      .from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, id), eq(articleRevisions.reason, 'publish')))
      .all();
    assert.equal(publishes.length, 1);
    assert.equal(publishes[0]!.createdBy, editor.id);
  });

  test('one scheduled article that lost its section does not hold back the others', () => {
    const now = new Date('2026-05-05T08:00:00Z');
    const broken = approved('فقد قسمه', ['نص']);
    const fine = approved('سليم', ['نص']);
    scheduleArticle(editor, broken, minutes(1, now), null, now);
    scheduleArticle(editor, fine, minutes(1, now), null, now);
    saveFields(editor, {
      articleId: broken,
      baseVersion: row(broken).version,
      headline: 'فقد قسمه',
      sectionId: null,
      body: paragraphsToDocument(['نص']),
    });
    assert.deepEqual(runScheduledWork(minutes(2, now)).published, [fine]);
    assert.equal(row(broken).status, 'scheduled');
  });

  test('an unscheduled article stays where it is when its old time comes', () => {
    const now = new Date('2026-05-02T08:00:00Z');
    const id = approved('أُلغيت جدولته', ['نص']);
    scheduleArticle(editor, id, minutes(5, now), null, now);
    assert.equal(unscheduleArticle(editor, id, minutes(1, now)).status, 'approved');
    assert.deepEqual(runScheduledWork(minutes(10, now)).published, []);
    assert.equal(row(id).status, 'approved');
  });

  test('the server was down at that minute: the first sweep after start publishes it, once', () => {
    const now = new Date('2026-05-03T08:00:00Z');
    const id = approved('فات موعده والخادم متوقف', ['نص']);
    scheduleArticle(editor, id, minutes(1, now), null, now);
    // Nothing swept at 08:01; the server comes back at 11:00 and sweeps on start.
    const restart = new Date('2026-05-03T11:00:00Z');
    const freshConnection = openDatabase(process.env.DATABASE_PATH!);
    try {
      assert.deepEqual(runScheduledWork(restart, freshConnection).published, [id]);
      assert.deepEqual(runScheduledWork(minutes(1, restart), freshConnection).published, []);
    } finally {
      freshConnection.$client.close();
    }
    assert.equal(row(id).status, 'published');
    assert.equal(row(id).publishedAt?.toISOString(), restart.toISOString());
    assert.equal(
      db
        .select()
        .from(events)
        .where(and(eq(events.articleId, id), eq(events.action, 'scheduled_publish')))
        .all().length,
      1,
    );
  });

  test('two processes racing on one database file publish it once', () => {
    const now = new Date('2026-05-04T08:00:00Z');
    const id = approved('سباق الناشرين', ['نص']);
    scheduleArticle(editor, id, minutes(1, now), null, now);
    const first = openDatabase(process.env.DATABASE_PATH!);
    const second = openDatabase(process.env.DATABASE_PATH!);
    try {
      const due = minutes(2, now);
      // Both saw it due before either wrote: the write itself decides.
      const sawFirst = first.select().from(articles).where(eq(articles.id, id)).get()!;
      const sawSecond = second.select().from(articles).where(eq(articles.id, id)).get()!;
      assert.equal(sawFirst.status, 'scheduled');
      assert.equal(sawSecond.status, 'scheduled');
      const a = publishIfDue(editor, id, due, first);
      const b = publishIfDue(editor, id, due, second);
      assert.equal(a?.status, 'published');
      assert.equal(b, null);
      assert.deepEqual(runScheduledWork(due, second).published, []);
    } finally {
      first.$client.close();
      second.$client.close();
    }
    const publishes = db
      .select()
      .from(articleRevisions)
      .where(and(eq(articleRevisions.articleId, id), eq(articleRevisions.reason, 'publish')))
      .all();
    assert.equal(publishes.length, 1);
    assert.equal(kindsFor(reporter, id).filter((k) => k === 'published').length, 1);
  });
});

describe('embargo', () => {
  // Every reader query of lib/reader/queries.ts (plus search and the counters), asked whether it
  // shows the article. A reader query added later without a line here fails the first test.
  function readerSees(id: number, tag: string): Record<string, boolean> {
    const inList = (items: { id: number }[]) => items.some((item) => item.id === id);
    return {
      getPublishedArticle: publicQueries.getPublishedArticle(id) !== undefined,
      listLatestPublished: inList(publicQueries.listLatestPublished(100)),
      pageOfLatest: inList(publicQueries.pageOfLatest(1, 100).items),
      pageOfSection: inList(publicQueries.pageOfSection(sectionId, 1, 100).items),
      pageOfTag: inList(publicQueries.pageOfTag(tag, 1, 100).items),
      pageOfAuthor: inList(publicQueries.pageOfAuthor(reporter.id, 1, 100).items),
      latestPerSection: publicQueries.latestPerSection(100).some((group) => inList(group.items)),
      listRelated: inList(publicQueries.listRelated(-1, [tag])),
      listForSitemap: inList(publicQueries.listForSitemap()),
      searchPublished: inList(searchPublished('زعفران').hits),
      publishedSummariesById: inList(publicQueries.publishedSummariesById([id])),
      getTopStory: publicQueries.getTopStory()?.id === id,
      getSectionLead: publicQueries.getSectionLead(sectionId)?.id === id,
      getReaderCounts: getReaderCounts(id) !== null,
      mostReadArticles: inList(mostReadArticles({ since: new Date(0), limit: 50 })),
      commentsOpen: commentsStateOf(id) === 'open',
    };
  }
  const NOT_ABOUT_ONE_ARTICLE = [
    'listRevisionNotes', // read only after getPublishedArticle found the article
    'readerTagsByName',
    'listSections',
    'getSectionBySlug',
    'getTagBySlug',
    'getAuthorName',
    'readerPlacesOf', // newsroom side: which caches to refresh
  ];

  test('the test asks every reader query', () => {
    const functions = Object.entries(publicQueries)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name);
    const asked = Object.keys(readerSees(-1, 'x'));
    assert.deepEqual(
      functions.filter((name) => !asked.includes(name) && !NOT_ABOUT_ONE_ARTICLE.includes(name)),
      [],
    );
  });

  test('an embargoed article is invisible to every reader query until the sweep lifts it', () => {
    const now = new Date();
    const tag = 'زعفران-محظور';
    const id = approved('حصاد الزعفران', ['موسم الزعفران بدأ'], { tags: [tag] });
    setEmbargo(editor, id, minutes(30, now), now);
    publishArticle(editor, id, now);
    assert.equal(row(id).status, 'published');
    // Views it would have (e.g. counted before an embargo was put on it) must not list it either.
    db.insert(articleViewHours)
      .values({ articleId: id, hour: Math.floor(now.getTime() / 3_600_000), views: 1_000_000 })
      .run();
    const hidden = readerSees(id, tag);
    assert.deepEqual(
      Object.entries(hidden).filter(([, seen]) => seen),
      [],
    );
    const visitor = { id: 'visitor-a', address: '192.0.2.1' };
    assert.equal(recordView(id, visitor, now), false);
    assert.equal(recordShare(id, visitor, now), false);
    assert.deepEqual(runScheduledWork(minutes(29, now)).lifted, []);
    assert.deepEqual(runScheduledWork(minutes(30, now)).lifted, [id]);
    const shown = readerSees(id, tag);
    // The top story and a section's lead are one article chosen by a rule (a lead image, an
    // editor's choice): they only must not show it while it is embargoed.
    assert.deepEqual(
      Object.entries(shown).filter(
        ([name, seen]) => !seen && !['getTopStory', 'getSectionLead'].includes(name),
      ),
      [],
    );
    assert.deepEqual(runScheduledWork(minutes(31, now)).lifted, []);
  });

  test('an embargo on a published article takes it from readers; lifting it brings it back', () => {
    const now = new Date();
    const id = approved('زعفران منشور ثم محظور', ['الزعفران غالٍ']);
    publishArticle(editor, id, now);
    assert.ok(publicQueries.getPublishedArticle(id));
    setEmbargo(editor, id, minutes(60, now), now);
    assert.equal(publicQueries.getPublishedArticle(id), undefined);
    assert.ok(!searchPublished('الزعفران غال').hits.some((h) => h.id === id));
    setEmbargo(editor, id, null, minutes(1, now));
    assert.ok(publicQueries.getPublishedArticle(id));
    assert.ok(searchPublished('الزعفران غال').hits.some((h) => h.id === id));
  });

  test('an embargo after the schedule, or in the past, is refused', () => {
    const now = new Date();
    const id = approved('مجدول ومحظور', ['نص']);
    scheduleArticle(editor, id, minutes(10, now), minutes(5, now), now);
    assert.equal(row(id).embargoUntil?.getTime(), minutes(5, now).getTime());
    assert.deepEqual(actionError(() => setEmbargo(editor, id, minutes(11, now), now)).fieldErrors, {
      embargoUntil: SCHEDULE_MESSAGES.embargoAfterSchedule,
    });
    assert.deepEqual(actionError(() => setEmbargo(editor, id, minutes(-1, now), now)).fieldErrors, {
      embargoUntil: SCHEDULE_MESSAGES.embargoPast,
    });
  });
});

describe('working copy of a published article', () => {
  test('the slug no longer follows the headline; an edited slug retires the old one', () => {
    const id = approved('عنوان أول', ['نص']);
    const { version } = publishArticle(editor, id);
    const first = row(id).slug;
    const saved = saveFields(editor, {
      articleId: id,
      baseVersion: version,
      headline: 'عنوان جديد تماماً',
      body: paragraphsToDocument(['نص معدل']),
    });
    assert.equal(saved.slug, first);
    // Readers still see the published version.
    assert.equal(publicQueries.getPublishedArticle(id)?.headline, 'عنوان أول');
    const edited = saveFields(editor, {
      articleId: id,
      baseVersion: saved.version,
      headline: 'عنوان جديد تماماً',
      slug: 'رابط-جديد',
      body: paragraphsToDocument(['نص معدل']),
    });
    assert.equal(edited.slug, 'رابط-جديد');
    assert.equal(publicQueries.getPublishedArticle(id)?.slug, first);
    publishArticle(editor, id, new Date(), 'تحديث: عنوان أوضح');
    assert.equal(publicQueries.getPublishedArticle(id)?.slug, 'رابط-جديد');
    assert.deepEqual(
      db
        .select({ slug: articleOldSlugs.slug })
        .from(articleOldSlugs)
        .where(eq(articleOldSlugs.articleId, id))
        .all(),
      [{ slug: first }],
    );
    // Another article cannot take the retired address.
    const other = written('عنوان أول', ['نص']);
    assert.notEqual(row(other).slug, first);
  });
});

describe('notes and notifications', () => {
  test('empty and over-long notes are refused by the form schema', () => {
    const empty = noteInput.safeParse({ articleId: 1, body: '   ' });
    assert.equal(empty.success, false);
    assert.match(empty.error!.issues[0]!.message, /اكتب نص الملاحظة/);
    const long = noteInput.safeParse({ articleId: 1, body: 'ن'.repeat(10_000) });
    assert.equal(long.success, false);
    assert.match(long.error!.issues[0]!.message, /أطول من 5000/);
    assert.equal(noteInput.safeParse({ articleId: 1, body: 'ن'.repeat(5000) }).success, true);
  });

  test('a mention tells the person named, the longest name first, never the writer', () => {
    assert.deepEqual(mentionedIn('@سارة أحمد راجعي الرقم', [otherReporter, reporter]), [reporter.id]);
    assert.deepEqual(mentionedIn('@سارة راجعي', [otherReporter, reporter]), [otherReporter.id]);
    assert.deepEqual(mentionedIn('سارة بلا علامة', [otherReporter, reporter]), []);
    assert.deepEqual(mentionedIn('@سارةأحمد', [otherReporter, reporter]), []);

    const id = written('للنقاش', ['نص']);
    addNote(editor, id, '@سارة أحمد هل المصدر موثوق؟ @مراد المحرر');
    assert.deepEqual(kindsFor(reporter, id), ['mentioned']);
    assert.deepEqual(kindsFor(editor, id), []);
    // Someone who may not see the article is not told of it.
    addNote(editor, id, '@سارة انظري');
    assert.deepEqual(kindsFor(otherReporter, id), []);
    assert.throws(() => addNote(otherReporter, id, 'ليس مقالي'), ForbiddenError);
    assert.throws(() => listNotes(otherReporter, id), ForbiddenError);
  });

  test('marking as read is one person’s own, and the unread count follows', () => {
    const id = written('إشعارات', ['نص']);
    submitForReview(reporter, id);
    const unread = countUnreadNotifications(editor.id);
    assert.ok(unread >= 1);
    const mine = listNotifications(editor.id).find((n) => n.articleId === id)!;
    // Someone else's id marks nothing.
    assert.equal(markNotificationsRead(reporter.id, [mine.id]), 0);
    assert.equal(markNotificationsRead(editor.id, [mine.id]), 1);
    assert.equal(countUnreadNotifications(editor.id), unread - 1);
    markNotificationsRead(editor.id, 'all');
    assert.equal(countUnreadNotifications(editor.id), 0);
  });

  test('no reader answer carries a note', () => {
    const id = approved('ملاحظة سرية', ['نص عام']);
    addNote(editor, id, 'سرّ التحرير: المصدر فلان');
    publishArticle(editor, id);
    const everything = JSON.stringify([
      publicQueries.getPublishedArticle(id),
      publicQueries.listRevisionNotes(id),
      publicQueries.pageOfLatest(1, 100),
      searchPublished('ملاحظة سرية'),
    ]);
    assert.ok(everything.includes('ملاحظة سرية'));
    assert.ok(!everything.includes('سرّ التحرير'));
  });
});
