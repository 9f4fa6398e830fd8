import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as articleActions from '@/app/(newsroom)/newsroom/articles/actions';
import * as deskActions from '@/app/(newsroom)/newsroom/articles/desk-actions';
import { db } from '@/db';
import { articles, events, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { approveArticle, submitForReview } from '@/lib/newsroom/workflow';
import { ERROR_MESSAGES } from '@/lib/shared/errors';
import { describeStateChange, howLongAgo } from '@/lib/shared/state-change';
import { callAction, writeArticle } from './fixtures';

// Issue 19, "Defects on the desk": a page acting on a state the article has left (someone else
// moved it meanwhile) is told who moved it, to which state and when — not «لا تملك صلاحية», which
// stays for a real refusal of the permission table. Checked through the door, on a real SQLite file.

const statusOf = (id: number) => db.select().from(articles).where(eq(articles.id, id)).get()!;

let reporter: User;
let editor: User;
let other: User;
let colleague: User;
before(async () => {
  const make = (email: string, name: string, role: User['role']) =>
    createUser({ email, name, role, password: 'long-enough-password' });
  reporter = await make('stale-r@test.example', 'سلمى', 'reporter');
  editor = await make('stale-e@test.example', 'نادر', 'editor');
  other = await make('stale-o@test.example', 'هالة', 'editor');
  colleague = await make('stale-c@test.example', 'وليد', 'reporter');
});

function inReview(headline: string) {
  const { id } = writeArticle(reporter, { headline, paragraphs: ['نص المقال'] });
  submitForReview(reporter, id);
  return id;
}

test('approving what another editor approved a moment ago: who, what, when — nothing changes', async () => {
  const id = inReview('اعتماد مزدوج');
  // Both pages showed «قيد المراجعة»; هالة approves first.
  approveArticle(other, id, new Date(Date.now() - 2 * 60_000 - 5_000));
  const before = statusOf(id);
  const answer = await callAction(articleActions.approveArticleAction, editor, {
    articleId: id,
    seenStatus: 'in_review',
  });
  assert.equal(answer.ok, false);
  assert.equal(answer.code, 'state_changed');
  assert.equal(
    answer.message,
    'اعتمد هالة هذا المقال قبل دقيقتين؛ حالته الآن «معتمد»، وحُدِّثت الصفحة. لم يُنفَّذ الإجراء.',
  );
  assert.doesNotMatch(answer.message!, /صلاحية/);
  assert.deepEqual(answer.current, { status: 'approved', version: before.version, deleted: false });
  const after = statusOf(id);
  assert.equal(after.version, before.version);
  assert.equal(after.status, 'approved');
  assert.equal(
    db
      .select()
      .from(events)
      .where(eq(events.articleId, id))
      .all()
      .filter((e) => e.action === 'approve').length,
    1,
  );
});

test('a reporter withdrawing what an editor already sent back is told, by the desk action too', async () => {
  const id = inReview('سحب متأخر');
  const requested = await callAction(articleActions.requestChangesAction, editor, {
    articleId: id,
    reason: 'أضف مصدراً',
    seenStatus: 'in_review',
  });
  assert.equal(requested.ok, true);
  const answer = await callAction(deskActions.withdrawFromReviewAction, reporter, {
    articleId: id,
    seenStatus: 'in_review',
  });
  assert.equal(answer.code, 'state_changed');
  assert.match(answer.message!, /^طلب نادر تعديلات على هذا المقال قبل لحظات؛ حالته الآن «مطلوب تعديلات»/);
  assert.equal(statusOf(id).status, 'changes_requested');
});

test('a real permission refusal on the state the page showed is still «لا تملك صلاحية»', async () => {
  const id = inReview('صلاحية حقيقية');
  // A reporter cannot approve, and the article is as the page showed it.
  const answer = await callAction(articleActions.approveArticleAction, reporter, {
    articleId: id,
    seenStatus: 'in_review',
  });
  assert.equal(answer.code, 'forbidden');
  assert.equal(answer.message, ERROR_MESSAGES.forbidden);
  assert.equal(statusOf(id).status, 'in_review');
});

test('a stale refusal is said only to who may see the article: a colleague’s draft, probed, tells nothing', async () => {
  const id = inReview('مسودة زميلة');
  // Another reporter may not see سلمى's article: a made-up seen status must not name who moved it,
  // its state or its version (the refusal is the one without a seen status).
  const answer = await callAction(deskActions.withdrawFromReviewAction, colleague, {
    articleId: id,
    seenStatus: 'draft',
  });
  assert.equal(answer.code, 'forbidden');
  assert.equal(answer.message, ERROR_MESSAGES.forbidden);
  assert.equal(answer.current, undefined);
  assert.equal(statusOf(id).status, 'in_review');
});

test('the schedule panel and a deleted draft: the page is told, nothing is written', async () => {
  const id = inReview('جدولة على حالة قديمة');
  approveArticle(editor, id);
  // The page still showed «قيد المراجعة» (loaded before the approval).
  const answer = await callAction(deskActions.scheduleArticleAction, other, {
    articleId: id,
    scheduledAt: '2031-01-01T10:00',
    seenStatus: 'in_review',
  });
  assert.equal(answer.code, 'state_changed');
  assert.match(answer.message!, /^اعتمد نادر هذا المقال/);
  assert.equal(statusOf(id).scheduledAt, null);

  const { id: draft } = writeArticle(reporter, { headline: 'مسودة تحذف', paragraphs: ['نص'] });
  assert.equal(
    (await callAction(deskActions.deleteDraftAction, reporter, { articleId: draft, seenStatus: 'draft' })).ok,
    true,
  );
  const again = await callAction(deskActions.archiveArticleAction, editor, {
    articleId: draft,
    seenStatus: 'draft',
  });
  assert.equal(again.code, 'state_changed');
  assert.match(again.message!, /^حذف سلمى هذا المقال قبل لحظات؛ لم يُنفَّذ الإجراء\.$/);
});

test('without a seen status (the API, older pages) the refusal is as before', async () => {
  const id = inReview('بلا حالة مرئية');
  approveArticle(other, id);
  const answer = await callAction(articleActions.approveArticleAction, editor, { articleId: id });
  assert.equal(answer.code, 'forbidden');
});

test("the words: one's own move from another page, the scheduler, plural minutes and hours", () => {
  const now = new Date('2030-05-01T12:00:00Z');
  const ago = (ms: number) => new Date(now.getTime() - ms);
  assert.equal(howLongAgo(ago(20_000), now), 'قبل لحظات');
  assert.equal(howLongAgo(ago(5 * 60_000), now), 'قبل 5 دقائق');
  assert.equal(howLongAgo(ago(11 * 60_000), now), 'قبل 11 دقيقة');
  assert.equal(howLongAgo(ago(3 * 3_600_000), now), 'قبل 3 ساعات');
  assert.equal(howLongAgo(ago(5 * 60_000), now, 'arab'), 'قبل ٥ دقائق');
  assert.equal(
    describeStateChange(
      { action: 'submit', to: 'in_review', actorName: 'فلان', byViewer: true, at: ago(60_000) },
      now,
    ),
    'غيّرتَ حالة هذا المقال من صفحة أخرى إلى «قيد المراجعة» قبل دقيقة واحدة؛ حالته الآن «قيد المراجعة»، وحُدِّثت الصفحة. لم يُنفَّذ الإجراء.',
  );
  assert.match(
    describeStateChange(
      { action: 'scheduled_publish', to: 'published', actorName: 'x', byViewer: false, at: ago(0) },
      now,
    ),
    /^نُشر هذا المقال في موعده المجدول قبل لحظات/,
  );
  assert.match(
    describeStateChange(
      { action: 'submit', to: 'in_review', actorName: 'فلان', byViewer: false, at: ago(120_000) },
      now,
    ),
    /^أرسل فلان هذا المقال إلى المراجعة قبل دقيقتين؛/,
  );
});
