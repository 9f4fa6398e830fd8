import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as articleActions from '@/app/(newsroom)/newsroom/articles/actions';
import { db } from '@/db';
import { articles, assignments, events, sections, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { createDraft, openNewDraft, UNTOUCHED_DRAFT_GRACE_MS } from '@/lib/newsroom/articles';
import { addNote } from '@/lib/newsroom/notes';
import { planStory, respondToAssignment, startWriting } from '@/lib/newsroom/planning';
import { PRESENCE_EXPIRES_MS, touchEditorPresence } from '@/lib/newsroom/presence-store';
import { callAction, writeArticle } from './fixtures';

// Issue 19, "Defects on the desk": «بلا عنوان» drafts piled up, one each time someone opened
// مقال جديد and left. Opening مقال جديد now discards that person's untouched drafts — never one
// with anything in it, a note, a linked assignment, open in an editor, or just made in another tab.

let reporter: User;
let other: User;
let editor: User;
const T0 = new Date('2031-02-01T08:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const GRACE = UNTOUCHED_DRAFT_GRACE_MS;

before(async () => {
  const make = (email: string, name: string, role: User['role']) =>
    createUser({ email, name, role, password: 'long-enough-password' });
  reporter = await make('ud-r@test.example', 'منى', 'reporter');
  other = await make('ud-o@test.example', 'زياد', 'reporter');
  editor = await make('ud-e@test.example', 'رامي', 'editor');
});

const exists = (id: number) => !!db.select().from(articles).where(eq(articles.id, id)).get();
const draftsOf = (user: User) =>
  db
    .select()
    .from(articles)
    .where(eq(articles.authorId, user.id))
    .all()
    .filter((a) => a.status === 'draft' && !a.deletedAt);

test('opening مقال جديد and leaving, five times, leaves one draft, not five', async () => {
  // The first four made long enough ago (the grace period), as someone who came back later.
  for (let i = 0; i < 4; i++) openNewDraft(other, new Date(Date.now() - (5 - i) * GRACE));
  const answer = await callAction<{ id: number }>(articleActions.createDraftAction, other, {});
  assert.equal(answer.ok, true);
  const left = draftsOf(other);
  assert.deepEqual(
    left.map((a) => a.id),
    [answer.data!.id],
  );
  // The discarded ones leave no «إنشاء» behind in سجل النشاط.
  const created = db.select().from(events).where(eq(events.actorId, other.id)).all();
  assert.deepEqual(
    created.map((e) => e.articleId),
    [answer.data!.id],
  );
});

test('never one with content, a note, a linked assignment, open in an editor, or just made', () => {
  const untouched = openNewDraft(reporter, T0);
  const written = writeArticle(reporter, { headline: 'فيه عنوان', paragraphs: ['وفيه نص'] }, T0);
  const bodyOnly = writeArticle(reporter, { paragraphs: ['نص بلا عنوان'] }, T0);
  const withNote = createDraft(reporter, T0);
  addNote(reporter, withNote.id, 'سأكتبه بعد الاجتماع', T0);
  const open = createDraft(reporter, T0);
  // Someone has it open (the editor's heartbeat, writing together included).
  const young = createDraft(reporter, later(GRACE + 30_000));

  // From the plan: بدء الكتابة opens a draft linked to the assignment.
  const sectionId = db
    .insert(sections)
    .values({ name: 'محليات', slug: 'محليات-مسودات' })
    .returning()
    .get().id;
  const planned = planStory(
    editor,
    {
      planDay: '2031-02-01',
      headlineIdea: 'افتتاح الجسر الجديد',
      angle: '',
      notes: '',
      sectionId,
      priority: 'normal',
      assigneeId: reporter.id,
      deadline: later(6 * 3_600_000),
      wordTarget: 400,
    },
    T0,
  );
  respondToAssignment(reporter, planned.id, { accept: true }, T0);
  const fromPlan = startWriting(reporter, planned.id, T0).articleId;
  // Even emptied of its headline idea, a draft with an assignment stays.
  db.update(articles).set({ headline: '' }).where(eq(articles.id, fromPlan)).run();

  const now = later(GRACE + 60_000);
  touchEditorPresence(
    open.id,
    'tab-open-draft-1',
    reporter,
    false,
    now.getTime() - 5_000,
    PRESENCE_EXPIRES_MS,
  );
  const fresh = openNewDraft(reporter, now);

  assert.equal(exists(untouched.id), false, 'the untouched one is discarded');
  for (const [name, id] of [
    ['written', written.id],
    ['body only', bodyOnly.id],
    ['with a note', withNote.id],
    ['open in an editor', open.id],
    ['made a moment ago in another tab', young.id],
    ['from the plan', fromPlan],
    ['the new one', fresh.id],
  ] as const)
    assert.equal(exists(id), true, `${name} stays`);
  // بدء الكتابة still finds its draft.
  assert.equal(startWriting(reporter, planned.id, now).articleId, fromPlan);
  assert.equal(
    db.select().from(assignments).where(eq(assignments.id, planned.id)).get()!.articleId,
    fromPlan,
  );
});

test('only this person’s drafts: opening مقال جديد never discards a colleague’s', () => {
  const theirs = createDraft(other, T0);
  openNewDraft(reporter, later(10 * GRACE));
  assert.equal(exists(theirs.id), true);
});
