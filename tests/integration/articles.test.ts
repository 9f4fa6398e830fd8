import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { createDraft, getArticleForEdit, listReviewQueue } from '@/lib/newsroom/articles';
import {
  approveArticle,
  publishArticle,
  requestChanges,
  submitForReview,
  unpublishArticle,
} from '@/lib/newsroom/workflow';
import { getPublishedArticle, listLatestPublished, listRevisionNotes } from '@/lib/reader/queries';
import { createUser } from '@/lib/auth/users';
import { articleRevisions, articles, events, sections, tags, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { saveFields } from './fixtures';

// Integration tests of the newsroom's queries on a real SQLite file (see tests/setup.ts).

let reporter: User;
let otherReporter: User;
let editor: User;
// Publishing needs a section; every article written here has one unless a test says otherwise.
let sectionId: number;

before(async () => {
  [reporter, otherReporter, editor] = await Promise.all([
    createUser({
      email: 'r@test.example',
      name: 'صحفية',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'r2@test.example',
      name: 'صحفي آخر',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'e@test.example', name: 'محرر', role: 'editor', password: 'long-enough-password' }),
  ]);
  sectionId = db.insert(sections).values({ name: 'سياسة', slug: 'سياسة' }).returning().get().id;
});

function write(
  user: User,
  articleId: number,
  baseVersion: number,
  headline: string,
  paragraphs: string[],
  extra = {},
) {
  return saveFields(user, {
    articleId,
    baseVersion,
    headline,
    body: paragraphsToDocument(paragraphs),
    sectionId,
    ...extra,
  });
}

function expectActionError(fn: () => unknown, code: string): ActionError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof ActionError, `expected ActionError, got ${String(error)}`);
    assert.equal(error.code, code);
    return error;
  }
  assert.fail(`expected ${code}`);
}

const row = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;

describe('saving drafts', () => {
  test('each save bumps the version and derives the slug from the Arabic headline', () => {
    const draft = createDraft(reporter);
    assert.equal(draft.version, 1);
    const saved = write(reporter, draft.id, 1, 'طشقند تستضيف مؤتمراً دولياً', ['نص أول']);
    assert.equal(saved.version, 2);
    // Diacritics (here tanween) are left out of addresses; the words stay Arabic.
    assert.equal(saved.slug, 'طشقند-تستضيف-مؤتمرا-دوليا');
    assert.equal(row(draft.id).bodyText, 'نص أول');
  });

  test('a save based on an old version is a conflict and the newer text is untouched', () => {
    const draft = createDraft(reporter);
    write(reporter, draft.id, 1, 'العنوان الأحدث', ['النص الأحدث']);
    const stale = write(reporter, draft.id, 1, 'عنوان قديم', ['نص قديم']);
    assert.deepEqual(stale.conflicts.map((c) => c.field).sort(), ['body', 'headline']);
    const headline = stale.conflicts.find((c) => c.field === 'headline')!;
    assert.equal(headline.theirs, 'العنوان الأحدث');
    assert.equal(headline.mine, 'عنوان قديم');
    // The section was sent unchanged: the same value on both sides is no conflict.
    assert.deepEqual(stale.applied, ['sectionId']);
    assert.equal(stale.version, 2);
    const stored = row(draft.id);
    assert.equal(stored.headline, 'العنوان الأحدث');
    assert.equal(stored.bodyText, 'النص الأحدث');
    assert.equal(stored.version, 2);
  });

  test('a reporter cannot save someone else’s draft', () => {
    const draft = createDraft(reporter);
    assert.throws(() => write(otherReporter, draft.id, 1, 'اختطاف', ['نص']), ForbiddenError);
    assert.equal(row(draft.id).headline, '');
  });

  test('autosaves are coalesced into one revision per author per few minutes', () => {
    const draft = createDraft(reporter);
    const t0 = new Date('2026-01-01T10:00:00Z');
    let version = 1;
    for (let i = 0; i < 5; i++) {
      version = saveFields(
        reporter,
        {
          articleId: draft.id,
          baseVersion: version,
          headline: `عنوان ${i}`,
          body: paragraphsToDocument(['ن']),
        },
        new Date(t0.getTime() + i * 30_000),
      ).version;
    }
    const later = new Date(t0.getTime() + 10 * 60_000);
    saveFields(
      reporter,
      {
        articleId: draft.id,
        baseVersion: version,
        headline: 'بعد عشر دقائق',
        body: paragraphsToDocument(['ن']),
      },
      later,
    );
    const revisions = db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, draft.id))
      .all();
    assert.deepEqual(
      revisions.map((r) => r.headline),
      ['عنوان 0', 'بعد عشر دقائق'],
    );
  });

  test('two spellings of one Arabic tag are one tag', () => {
    const draft = createDraft(reporter);
    write(reporter, draft.id, 1, 'وسوم', ['نص'], {
      tags: ['مكافحة الإرهاب', 'مكافحه الارهاب', 'مُكافَحة الإرهاب', 'طشقند'],
    });
    assert.deepEqual(getArticleForEdit(reporter, draft.id)!.tags, ['مكافحة الإرهاب', 'طشقند']);
    const draft2 = createDraft(otherReporter);
    write(otherReporter, draft2.id, 1, 'وسوم', ['نص'], { tags: ['مكافحـــة الإرهاب'] });
    const count = db
      .select({ n: sql<number>`count(*)` })
      .from(tags)
      .where(eq(tags.normalized, 'مكافحه الارهاب'))
      .get()!.n;
    assert.equal(count, 1);
  });
});

describe('the workflow', () => {
  test('submitting an empty article is refused with field errors and changes nothing', () => {
    const draft = createDraft(reporter);
    const error = expectActionError(() => submitForReview(reporter, draft.id), 'invalid_input');
    assert.ok(error.fieldErrors?.headline);
    assert.ok(error.fieldErrors?.body);
    assert.equal(row(draft.id).status, 'draft');
    assert.equal(row(draft.id).version, 1);
  });

  test('reporter submits, editor approves and publishes; readers get the stored HTML', () => {
    const draft = createDraft(reporter);
    write(reporter, draft.id, 1, 'قمة في طشقند', ['قال Putin إن 3 اتفاقيات وُقّعت.', 'فقرة ثانية'], {
      dateline: 'طشقند',
    });
    assert.equal(submitForReview(reporter, draft.id).status, 'in_review');
    assert.ok(listReviewQueue().some((a) => a.id === draft.id));
    // Reporters never move their article past review, whatever they send.
    assert.throws(() => approveArticle(reporter, draft.id), ForbiddenError);
    assert.throws(() => publishArticle(reporter, draft.id), ForbiddenError);
    assert.throws(() => write(reporter, draft.id, 3, 'تعديل بعد الإرسال', ['x']), ForbiddenError);
    // Publishing needs approval first.
    assert.throws(() => publishArticle(editor, draft.id), ForbiddenError);
    assert.equal(approveArticle(editor, draft.id).status, 'approved');
    const publishedAt = new Date('2026-03-01T08:30:00Z');
    assert.equal(publishArticle(editor, draft.id, publishedAt).status, 'published');

    const page = getPublishedArticle(draft.id)!;
    assert.equal(page.headline, 'قمة في طشقند');
    assert.equal(page.dateline, 'طشقند');
    assert.equal(page.publishedAt.getTime(), publishedAt.getTime());
    assert.equal(page.bodyHtml, '<p dir="rtl">قال Putin إن 3 اتفاقيات وُقّعت.</p><p dir="rtl">فقرة ثانية</p>');
    assert.ok(listLatestPublished().some((a) => a.id === draft.id));
    const trail = db.select().from(events).where(eq(events.articleId, draft.id)).all();
    assert.deepEqual(
      trail.map((e) => `${e.action}:${e.toStatus}`),
      ['create:draft', 'submit:in_review', 'approve:approved', 'publish:published'],
    );
  });

  test('readers keep the published revision while an editor changes the working copy', () => {
    const draft = createDraft(reporter);
    write(reporter, draft.id, 1, 'النسخة المنشورة', ['نص منشور']);
    submitForReview(reporter, draft.id);
    approveArticle(editor, draft.id);
    const { version } = publishArticle(editor, draft.id);
    write(editor, draft.id, version, 'تعديل لم يُنشر بعد', ['نص جديد']);
    assert.equal(getPublishedArticle(draft.id)!.headline, 'النسخة المنشورة');
    unpublishArticle(editor, draft.id);
    assert.equal(getPublishedArticle(draft.id), undefined);
    assert.ok(!listLatestPublished().some((a) => a.id === draft.id));
  });

  test('publishing again with a note gives readers an update date and the correction note', () => {
    const draft = createDraft(reporter);
    write(reporter, draft.id, 1, 'خبر سيُصحَّح', ['الرقم الأول 3']);
    submitForReview(reporter, draft.id);
    approveArticle(editor, draft.id);
    const first = publishArticle(editor, draft.id, new Date('2026-02-01T09:00:00Z'));
    write(editor, draft.id, first.version, 'خبر سيُصحَّح', ['الرقم الصحيح 4']);
    publishArticle(editor, draft.id, new Date('2026-02-01T11:00:00Z'), 'تصحيح: الرقم 4 لا 3');
    const page = getPublishedArticle(draft.id)!;
    assert.equal(page.updatedAt?.toISOString(), '2026-02-01T11:00:00.000Z');
    assert.equal(page.publishedAt.toISOString(), '2026-02-01T09:00:00.000Z');
    assert.match(page.bodyHtml, /الرقم الصحيح 4/);
    assert.deepEqual(
      listRevisionNotes(draft.id).map((n) => n.note),
      ['تصحيح: الرقم 4 لا 3'],
    );
  });

  test('requesting changes needs a reason and sends the draft back to its author', () => {
    const draft = createDraft(reporter);
    write(reporter, draft.id, 1, 'يحتاج تعديلاً', ['نص']);
    submitForReview(reporter, draft.id);
    expectActionError(() => requestChanges(editor, draft.id, '  '), 'invalid_input');
    assert.equal(row(draft.id).status, 'in_review');
    requestChanges(editor, draft.id, 'أضف مصدراً للرقم');
    assert.equal(row(draft.id).status, 'changes_requested');
    assert.equal(row(draft.id).changesRequestedReason, 'أضف مصدراً للرقم');
    const { version } = row(draft.id);
    write(reporter, draft.id, version, 'يحتاج تعديلاً', ['نص مع مصدر']);
    assert.equal(submitForReview(reporter, draft.id).status, 'in_review');
  });

  test('revisions are append-only in the database itself', () => {
    const revision = db.select().from(articleRevisions).limit(1).get()!;
    assert.throws(
      () =>
        db
          .update(articleRevisions)
          .set({ headline: 'تزوير' })
          .where(eq(articleRevisions.id, revision.id))
          .run(),
      /append-only/,
    );
  });

  test('an unknown article is not found, for everyone', () => {
    expectActionError(() => submitForReview(editor, 999_999), 'not_found');
    assert.equal(getPublishedArticle(999_999), undefined);
  });
});
