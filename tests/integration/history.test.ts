import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { listArticleActivity, listActivity } from '@/lib/newsroom/activity';
import { getPublishedArticle } from '@/lib/reader/queries';
import { getRevision, getRevisionPair, listRevisions, restoreRevision } from '@/lib/newsroom/history';
import { createUser } from '@/lib/auth/users';
import { articleRevisions, articles, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { testSection } from './section';
import { saveFields } from './fixtures';

// سجل النسخ and سجل النشاط on a real SQLite file: listing, comparing and restoring revisions.

let reporter: User;
let otherReporter: User;
let editor: User;
let admin: User;

before(async () => {
  [reporter, otherReporter, editor, admin] = (await Promise.all(
    (['reporter', 'reporter', 'editor', 'admin'] as const).map((role, i) =>
      createUser({ email: `h${i}@test.example`, name: `عضو ${i}`, role, password: 'long-enough-password' }),
    ),
  )) as [User, User, User, User];
});

const row = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;
const MINUTE = 60_000;

function write(user: User, articleId: number, headline: string, paragraphs: string[], at: Date, extra = {}) {
  return saveFields(
    user,
    {
      articleId,
      baseVersion: row(articleId).version,
      headline,
      body: paragraphsToDocument(paragraphs),
      sectionId: testSection(),
      ...extra,
    },
    at,
  );
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

// A draft with two revisions far enough apart not to be coalesced.
function draftWithTwoRevisions(author: User) {
  const draft = createDraft(author);
  const t0 = new Date('2026-02-01T09:00:00Z');
  write(author, draft.id, 'العنوان الأول', ['الفقرة الأولى كما كُتبت'], t0, {
    tags: ['طشقند'],
    dateline: 'طشقند',
  });
  write(
    author,
    draft.id,
    'العنوان الثاني',
    ['الفقرة الأولى بعد التعديل'],
    new Date(t0.getTime() + 10 * MINUTE),
    {
      tags: ['سمرقند'],
      dateline: 'سمرقند',
    },
  );
  const [second, first] = listRevisions(author, draft.id);
  return { id: draft.id, first: first!, second: second! };
}

describe('سجل النسخ', () => {
  test('lists revisions newest first with who and why', () => {
    const { id, first, second } = draftWithTwoRevisions(reporter);
    assert.ok(second.id > first.id);
    assert.equal(first.headline, 'العنوان الأول');
    assert.equal(second.reason, 'save');
    assert.equal(second.createdByName, reporter.name);
    submitForReview(reporter, id, new Date('2026-02-01T10:00:00Z'));
    assert.deepEqual(
      listRevisions(editor, id).map((r) => r.reason),
      ['submit', 'save', 'save'],
    );
  });

  test('someone else’s article’s history is, for a reporter, as if it did not exist', () => {
    const { id, first } = draftWithTwoRevisions(reporter);
    expectActionError(() => listRevisions(otherReporter, id), 'not_found');
    expectActionError(() => getRevision(otherReporter, id, first.id), 'not_found');
    expectActionError(() => listArticleActivity(otherReporter, id), 'not_found');
  });

  test('a revision id of another article is refused, for viewing and for comparing', () => {
    const a = draftWithTwoRevisions(reporter);
    const b = draftWithTwoRevisions(otherReporter);
    // Through an article one may see, a revision of one that one may not.
    expectActionError(() => getRevision(reporter, a.id, b.first.id), 'not_found');
    const error = expectActionError(
      () => getRevisionPair(editor, a.id, a.first.id, b.first.id),
      'invalid_input',
    );
    assert.match(error.fieldErrors!.compare!, /مقالين مختلفين/);
    const [older, newer] = getRevisionPair(editor, a.id, a.second.id, a.first.id);
    assert.equal(older.id, a.first.id);
    assert.equal(newer.id, a.second.id);
    assert.deepEqual(older.tags, ['طشقند']);
  });
});

describe('استعادة', () => {
  test('writes a new revision with the old content and a note; nothing is deleted', () => {
    const { id, first } = draftWithTwoRevisions(reporter);
    const before = listRevisions(reporter, id);
    const versionBefore = row(id).version;
    const restored = restoreRevision(reporter, id, first.id, new Date('2026-02-01T11:00:00Z'));
    const article = row(id);
    assert.equal(article.headline, 'العنوان الأول');
    assert.equal(article.bodyText, 'الفقرة الأولى كما كُتبت');
    assert.equal(article.dateline, 'طشقند');
    assert.equal(article.wordCount, 4);
    // The version moves on, so an open editor based on the old one gets a conflict.
    assert.equal(restored.version, versionBefore + 1);
    assert.equal(article.version, versionBefore + 1);
    const after = listRevisions(reporter, id);
    assert.equal(after.length, before.length + 1);
    assert.deepEqual(
      after.slice(1).map((r) => r.id),
      before.map((r) => r.id),
    );
    assert.equal(after[0]!.reason, 'restore');
    // Named by its number within the article (issue 19), as the list shows it.
    assert.equal(after[0]!.note, `استُعيدت من النسخة رقم ${before.find((r) => r.id === first.id)!.number}`);
    assert.deepEqual(getRevision(reporter, id, restored.revisionId).tags, ['طشقند']);
    const log = listArticleActivity(reporter, id);
    assert.equal(log[0]!.action, 'restore');
    assert.equal(log[0]!.actorName, reporter.name);
  });

  test('on a published article it changes the working copy, never the live page or its address', () => {
    const { id, first } = draftWithTwoRevisions(reporter);
    submitForReview(reporter, id);
    approveArticle(editor, id);
    publishArticle(editor, id, new Date('2026-02-02T08:00:00Z'));
    const live = getPublishedArticle(id)!;
    const slug = row(id).slug;
    restoreRevision(editor, id, first.id);
    assert.equal(row(id).headline, 'العنوان الأول');
    assert.equal(row(id).status, 'published');
    assert.equal(row(id).slug, slug);
    const stillLive = getPublishedArticle(id)!;
    assert.equal(stillLive.headline, live.headline);
    assert.equal(stillLive.headline, 'العنوان الثاني');
  });

  test('refused when the user may not edit, or the revision is not this article’s; nothing changes', () => {
    const { id, first } = draftWithTwoRevisions(reporter);
    const other = draftWithTwoRevisions(otherReporter);
    const count = () =>
      db.select().from(articleRevisions).where(eq(articleRevisions.articleId, id)).all().length;
    const n = count();
    const version = row(id).version;
    expectActionError(() => restoreRevision(otherReporter, id, first.id), 'not_found');
    expectActionError(() => restoreRevision(reporter, id, other.first.id), 'not_found');
    submitForReview(reporter, id);
    // Submitted: the reporter may no longer edit, so may not restore either.
    const error = expectActionError(() => restoreRevision(reporter, id, first.id), 'forbidden');
    assert.ok(error.fieldErrors?.restore);
    assert.equal(count(), n + 1);
    assert.equal(row(id).version, version + 1);
    assert.equal(row(id).headline, 'العنوان الثاني');
  });
});

describe('سجل النشاط', () => {
  test('the whole log is the admins’, filterable by person and action', () => {
    const { id } = draftWithTwoRevisions(reporter);
    submitForReview(reporter, id);
    approveArticle(editor, id);
    assert.throws(() => listActivity(editor, {}), ForbiddenError);
    const approvals = listActivity(admin, { action: 'approve' }).entries;
    assert.ok(approvals.length > 0);
    assert.ok(approvals.every((e) => e.action === 'approve'));
    const mine = listActivity(admin, { actorId: reporter.id }).entries;
    assert.ok(mine.every((e) => e.actorId === reporter.id));
    const submit = mine.find((e) => e.articleId === id && e.action === 'submit')!;
    assert.equal(submit.fromStatus, 'draft');
    assert.equal(submit.toStatus, 'in_review');
    // Paged by id: the next page starts after the last entry of this one.
    const page = listActivity(admin, {}, 2);
    assert.equal(page.entries.length, 2);
    const next = listActivity(admin, { before: page.nextBefore! }, 2);
    assert.ok(next.entries[0]!.id < page.entries[1]!.id);
  });
});
