import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { listNewsroomArticles, refreshNewsroomSearch } from '@/lib/newsroom/article-list';
import { createUser } from '@/lib/auth/users';
import { articles, sections, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { saveFields } from './fixtures';

// كل المقالات on a real SQLite file: who sees what, the filters, paging and the Arabic search.

let reporter: User;
let otherReporter: User;
let editor: User;
let sectionId: number;

before(async () => {
  [reporter, otherReporter, editor] = (await Promise.all(
    (['reporter', 'reporter', 'editor'] as const).map((role, i) =>
      createUser({ email: `i${i}@test.example`, name: `كاتب ${i}`, role, password: 'long-enough-password' }),
    ),
  )) as [User, User, User];
  sectionId = db.insert(sections).values({ slug: 'economy-index', name: 'اقتصاد' }).returning().get().id;
});

function article(author: User, headline: string, body: string, at: Date, extra = {}) {
  const draft = createDraft(author, at);
  saveFields(
    author,
    {
      articleId: draft.id,
      baseVersion: 1,
      headline,
      body: paragraphsToDocument([body]),
      ...extra,
    },
    at,
  );
  return draft.id;
}

const ids = (page: { items: { id: number }[] }) => page.items.map((item) => item.id);

describe('كل المقالات', () => {
  test('reporters see their own articles only, whatever they filter by; the desk sees all', () => {
    const mine = article(reporter, 'مقالي', 'نص', new Date('2026-03-01T08:00:00Z'));
    const theirs = article(otherReporter, 'مقال غيري', 'نص', new Date('2026-03-01T09:00:00Z'));
    assert.ok(ids(listNewsroomArticles(reporter, {})).includes(mine));
    assert.ok(!ids(listNewsroomArticles(reporter, {})).includes(theirs));
    assert.deepEqual(ids(listNewsroomArticles(reporter, { authorId: otherReporter.id })), []);
    const all = ids(listNewsroomArticles(editor, {}));
    assert.ok(all.includes(mine) && all.includes(theirs));
    // Newest activity first.
    assert.ok(all.indexOf(theirs) < all.indexOf(mine));
  });

  test('filters by state, section, author and date', () => {
    const t = new Date('2026-04-10T10:00:00Z');
    const inSection = article(reporter, 'الموازنة العامة', 'أرقام الموازنة', t, { sectionId });
    const later = article(otherReporter, 'خبر لاحق', 'نص', new Date('2026-04-12T10:00:00Z'));
    submitForReview(reporter, inSection, new Date('2026-04-10T11:00:00Z'));
    assert.deepEqual(ids(listNewsroomArticles(editor, { sectionId })), [inSection]);
    assert.ok(ids(listNewsroomArticles(editor, { status: 'in_review' })).includes(inSection));
    assert.ok(!ids(listNewsroomArticles(editor, { status: 'in_review' })).includes(later));
    assert.ok(ids(listNewsroomArticles(editor, { authorId: otherReporter.id })).includes(later));
    assert.ok(!ids(listNewsroomArticles(editor, { authorId: otherReporter.id })).includes(inSection));
    const day = ids(
      listNewsroomArticles(editor, {
        from: Date.parse('2026-04-10T00:00:00Z'),
        until: Date.parse('2026-04-11T00:00:00Z'),
      }),
    );
    assert.deepEqual(day, [inSection]);
  });

  test('search folds Arabic as reader search does and finds drafts and working copies', () => {
    const t = new Date('2026-05-01T10:00:00Z');
    const draft = article(reporter, 'مكتبة الإسكندرية', 'افتتاح قاعة جديدة للمخطوطات', t, { sectionId });
    // Hamza, taa marbuta, diacritics and the attached article all fold away.
    assert.deepEqual(ids(listNewsroomArticles(editor, { q: 'مكتبه الاسكندريه' })), [draft]);
    assert.deepEqual(ids(listNewsroomArticles(editor, { q: 'المَخطوطات' })), [draft]);
    assert.deepEqual(ids(listNewsroomArticles(otherReporter, { q: 'مكتبه' })), []);
    // Published, then edited: the working copy's new words are found at once.
    submitForReview(reporter, draft);
    approveArticle(editor, draft);
    publishArticle(editor, draft);
    const version = db.select().from(articles).where(eq(articles.id, draft)).get()!.version;
    saveFields(editor, {
      articleId: draft,
      baseVersion: version,
      headline: 'مكتبة الإسكندرية',
      body: paragraphsToDocument(['تصحيح: افتتاح جناح البرديات']),
    });
    assert.deepEqual(ids(listNewsroomArticles(editor, { q: 'البرديات' })), [draft]);
    assert.deepEqual(ids(listNewsroomArticles(editor, { q: 'المخطوطات' })), []);
    // Only what changed since the last search is folded again.
    assert.equal(refreshNewsroomSearch(), 0);
    // Search syntax typed by a person is text, not FTS operators.
    assert.deepEqual(ids(listNewsroomArticles(editor, { q: '"*) OR NEAR(' })), []);
  });

  test('pages by number, and a page past the end shows the last one', () => {
    const page1 = listNewsroomArticles(editor, { page: 1 }, 2);
    const page2 = listNewsroomArticles(editor, { page: 2 }, 2);
    assert.equal(page1.items.length, 2);
    assert.ok(page1.pageCount >= 3);
    assert.notDeepEqual(ids(page1), ids(page2));
    const last = listNewsroomArticles(editor, { page: 9999 }, 2);
    assert.equal(last.page, last.pageCount);
  });
});
