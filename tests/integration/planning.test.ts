import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { before, describe, test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { db } from '@/db';
import { openDatabase } from '@/db/connection';
import { articles, assignments, events, notifications, sections, users, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { paragraphsToDocument } from '@/lib/document/check';
import { calendarFeedFor, renewCalendarToken, revokeCalendarToken } from '@/lib/newsroom/calendar-feed';
import {
  assignmentHistoryOf,
  decidePitch,
  getPlannedStory,
  lateStories,
  listCalendar,
  listPlan,
  myOpenAssignments,
  planStory,
  proposePitch,
  respondToAssignment,
  startWriting,
  sweepDeadlines,
  updateStory,
  type StoryInput,
} from '@/lib/newsroom/planning';
import { runScheduledWork } from '@/lib/newsroom/schedule';
import {
  approveArticle,
  publishArticle,
  rescheduleArticle,
  scheduleArticle,
  setEmbargo,
  submitForReview,
} from '@/lib/newsroom/workflow';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { weekOf } from '@/lib/shared/planning';
import { storyValuesOf } from '@/lib/shared/validation/planning';
import { saveFields } from './fixtures';

// The planning desk on a real SQLite file (tests/setup.ts): the plan's state following the
// article, notifications at deadlines with a fake clock (each instant is passed in), reassignment
// history, rescheduling through the workflow's transition, and the iCalendar feed read back by a
// real parser (Python's icalendar, as a calendar client would).

let reporter: User;
let otherReporter: User;
let editor: User;
let admin: User;
let sectionId: number;
const ZONE = 'Asia/Tashkent';
const T0 = new Date('2030-03-10T04:00:00Z'); // 09:00 in Tashkent, 10 March 2030
const minutes = (n: number, from = T0) => new Date(from.getTime() + n * 60_000);

before(async () => {
  [reporter, otherReporter, editor, admin] = await Promise.all([
    createUser({
      email: 'pr@test.example',
      name: 'سارة أحمد',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'pr2@test.example',
      name: 'علي حسن',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'pe@test.example',
      name: 'مراد المحرر',
      role: 'editor',
      password: 'long-enough-password',
    }),
    createUser({ email: 'pa@test.example', name: 'هدى', role: 'admin', password: 'long-enough-password' }),
  ]);
  sectionId = db.insert(sections).values({ name: 'اقتصاد', slug: 'اقتصاد-تخطيط' }).returning().get().id;
});

function story(extra: Partial<StoryInput> = {}): StoryInput {
  return {
    planDay: '2030-03-10',
    headlineIdea: 'ميزانية العاصمة للعام الجديد',
    angle: 'ما الذي تغير في بند النقل',
    notes: 'اتصل بمكتب المالية',
    sectionId,
    priority: 'normal',
    assigneeId: reporter.id,
    deadline: minutes(180),
    wordTarget: 600,
    ...extra,
  };
}

const noticesOf = (userId: number, kind: string) =>
  db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, userId), eq(notifications.kind, kind as 'assigned')))
    .all();

describe('assignments: from the plan to publication', () => {
  test('an editor assigns, the reporter accepts, starts writing, submits; the state follows the article', () => {
    const planned = planStory(editor, story(), T0);
    assert.equal(noticesOf(reporter.id, 'assigned').filter((n) => n.assignmentId === planned.id).length, 1);
    const state = (at = minutes(1)) => getPlannedStory(editor, planned.id, at)!.state;
    assert.equal(state(), 'assigned');
    respondToAssignment(reporter, planned.id, { accept: true }, minutes(1));
    const { articleId } = startWriting(reporter, planned.id, minutes(2));
    const draft = db.select().from(articles).where(eq(articles.id, articleId)).get()!;
    assert.equal(draft.headline, 'ميزانية العاصمة للعام الجديد');
    assert.equal(draft.sectionId, sectionId);
    assert.equal(draft.authorId, reporter.id);
    assert.equal(state(), 'writing');
    // Starting again opens the same draft.
    assert.equal(startWriting(reporter, planned.id, minutes(3)).articleId, articleId);
    saveFields(
      reporter,
      { articleId, body: paragraphsToDocument(['أقرت البلدية ميزانية العام.']) },
      minutes(4),
    );
    submitForReview(reporter, articleId, minutes(5));
    assert.equal(state(), 'in_review');
    // Submitted before the deadline: not late after it either.
    assert.equal(state(minutes(300)), 'in_review');
    approveArticle(editor, articleId, minutes(6));
    publishArticle(editor, articleId, minutes(7));
    assert.equal(state(), 'published');
    const plan = listPlan(editor, '2030-03-10', {}, minutes(8));
    assert.equal(plan.find((s) => s.id === planned.id)?.state, 'published');
    assert.ok(db.select().from(events).where(eq(events.action, 'story_assigned')).all().length >= 1);
  });

  test('a missed deadline makes the story متأخر, and it sorts first', () => {
    const late = planStory(editor, story({ headlineIdea: 'تأخر', deadline: minutes(10) }), T0);
    planStory(
      editor,
      story({ headlineIdea: 'عاجل في وقته', priority: 'urgent', deadline: minutes(600) }),
      T0,
    );
    const plan = listPlan(editor, '2030-03-10', {}, minutes(11));
    assert.equal(plan[0]!.id, late.id);
    assert.equal(plan[0]!.state, 'late');
    assert.ok(lateStories(editor, minutes(11)).some((s) => s.id === late.id));
    assert.ok(myOpenAssignments(reporter, minutes(11)).some((s) => s.id === late.id));
  });

  test('filters by section and person', () => {
    const other = planStory(
      editor,
      story({ headlineIdea: 'لعلي', assigneeId: otherReporter.id, sectionId: null }),
      T0,
    );
    const byPerson = listPlan(editor, '2030-03-10', { personId: otherReporter.id }, T0);
    assert.deepEqual(
      byPerson.map((s) => s.id),
      [other.id],
    );
    assert.ok(!listPlan(editor, '2030-03-10', { sectionId }, T0).some((s) => s.id === other.id));
  });

  test('a decline keeps its reason and tells the editor; reassigning keeps the history', () => {
    const planned = planStory(editor, story({ headlineIdea: 'مقابلة الوزير' }), T0);
    assert.throws(
      () => respondToAssignment(otherReporter, planned.id, { accept: false, reason: 'لست المكلف' }, T0),
      ForbiddenError,
    );
    respondToAssignment(reporter, planned.id, { accept: false, reason: 'في إجازة غداً' }, minutes(1));
    assert.equal(getPlannedStory(editor, planned.id, minutes(2))!.state, 'proposed');
    assert.equal(
      noticesOf(editor.id, 'assignment_declined').filter((n) => n.assignmentId === planned.id).length,
      1,
    );
    const again = updateStory(
      editor,
      planned.id,
      null,
      story({ headlineIdea: 'مقابلة الوزير', assigneeId: otherReporter.id }),
      minutes(3),
    );
    assert.equal(again.response, 'pending');
    const lines = assignmentHistoryOf(editor, planned.id).map((h) => [
      h.action,
      h.fromName,
      h.toName,
      h.detail,
    ]);
    assert.deepEqual(lines, [
      ['planned', null, null, 'مقابلة الوزير'],
      ['assigned', null, 'سارة أحمد', null],
      ['declined', 'سارة أحمد', null, 'في إجازة غداً'],
      ['reassigned', 'سارة أحمد', 'علي حسن', null],
    ]);
  });

  test('bad input changes nothing: past deadline, disabled assignee, a reporter planning, bad word targets', () => {
    const count = () => db.select().from(assignments).all().length;
    const before = count();
    const fields = (call: () => unknown) => {
      try {
        call();
      } catch (error) {
        assert.ok(error instanceof ActionError);
        return error.fieldErrors ?? {};
      }
      assert.fail('expected a refusal');
    };
    assert.match(fields(() => planStory(editor, story({ deadline: minutes(-1) }), T0)).deadline!, /مضى/);
    db.update(users).set({ disabled: true }).where(eq(users.id, otherReporter.id)).run();
    try {
      assert.match(
        fields(() => planStory(editor, story({ assigneeId: otherReporter.id }), T0)).assigneeId!,
        /معطّل/,
      );
    } finally {
      db.update(users).set({ disabled: false }).where(eq(users.id, otherReporter.id)).run();
    }
    assert.match(fields(() => planStory(editor, story({ planDay: '2030-02-30' }), T0)).planDay!, /التاريخ/);
    assert.throws(() => planStory(reporter, story(), T0), ForbiddenError);
    assert.equal(count(), before);
    const form = {
      ...story(),
      deadline: '2030-13-01T10:00',
      wordTarget: '20000',
      sectionId,
      assigneeId: reporter.id,
    };
    const values = storyValuesOf({ ...form, wordTarget: '20000' }, ZONE);
    assert.equal(values.ok, false);
    if (!values.ok) {
      assert.match(values.errors.deadline!, /غير صالح/);
      assert.match(values.errors.wordTarget!, /عدد صحيح/);
    }
    const good = storyValuesOf({ ...form, deadline: '2030-03-10T17:30', wordTarget: '800' }, ZONE);
    assert.deepEqual(good, { ok: true, deadline: new Date('2030-03-10T12:30:00Z'), wordTarget: 800 });
  });

  test('pitches: proposed by a reporter, accepted onto the plan or declined with a reason', () => {
    const pitch = proposePitch(
      reporter,
      { headlineIdea: 'أسواق رمضان', angle: 'الأسعار', sectionId, suggestedDay: '2030-03-11' },
      T0,
    );
    const declined = proposePitch(
      reporter,
      { headlineIdea: 'فكرة مكررة', angle: '', sectionId: null, suggestedDay: '2030-03-11' },
      T0,
    );
    assert.throws(() => decidePitch(reporter, pitch.id, { accept: true }, T0), ForbiddenError);
    const accepted = decidePitch(editor, pitch.id, { accept: true }, minutes(1));
    assert.equal(accepted.status, 'accepted');
    const onPlan = listPlan(editor, '2030-03-11', {}, minutes(2)).find((s) => s.id === accepted.assignmentId);
    assert.equal(onPlan?.headlineIdea, 'أسواق رمضان');
    assert.equal(onPlan?.state, 'proposed');
    const no = decidePitch(editor, declined.id, { accept: false, reason: 'نشرناها أمس' }, minutes(1));
    assert.equal(no.declineReason, 'نشرناها أمس');
    assert.equal(noticesOf(reporter.id, 'pitch_declined').length, 1);
    assert.throws(() => decidePitch(editor, declined.id, { accept: true }, minutes(2)), ActionError);
  });
});

describe('deadline notices, with a fake clock', () => {
  test('an hour before, then when missed; each once, across two connections to one file', () => {
    const planned = planStory(
      editor,
      story({ headlineIdea: 'موعد قريب', planDay: '2030-04-01', deadline: minutes(90) }),
      T0,
    );
    const notices = (kind: string) =>
      db
        .select()
        .from(notifications)
        .where(and(eq(notifications.assignmentId, planned.id), eq(notifications.kind, kind as 'assigned')))
        .all();
    assert.deepEqual(sweepDeadlines(minutes(20)).reminded.includes(planned.id), false);
    const first = openDatabase(process.env.DATABASE_PATH!);
    const second = openDatabase(process.env.DATABASE_PATH!);
    try {
      const a = sweepDeadlines(minutes(31), first);
      const b = sweepDeadlines(minutes(31), second);
      assert.equal([...a.reminded, ...b.reminded].filter((id) => id === planned.id).length, 1);
      assert.equal(notices('deadline_soon').length, 1);
      assert.equal(notices('deadline_soon')[0]!.userId, reporter.id);
      const c = runScheduledWork(minutes(91), first);
      const d = runScheduledWork(minutes(91), second);
      assert.equal([...c.missed, ...d.missed].filter((id) => id === planned.id).length, 1);
    } finally {
      first.$client.close();
      second.$client.close();
    }
    // The reporter and the editor who planned it.
    assert.deepEqual(
      notices('deadline_missed')
        .map((n) => n.userId)
        .sort(),
      [reporter.id, editor.id].sort(),
    );
    assert.equal(getPlannedStory(editor, planned.id, minutes(92))!.state, 'late');
    // A new deadline may remind again.
    updateStory(
      editor,
      planned.id,
      null,
      story({ headlineIdea: 'موعد قريب', planDay: '2030-04-01', deadline: minutes(150) }),
      minutes(100),
    );
    assert.ok(sweepDeadlines(minutes(100)).reminded.includes(planned.id));
  });

  test('no notice for a story already submitted', () => {
    const planned = planStory(editor, story({ headlineIdea: 'سُلّم مبكراً', deadline: minutes(60) }), T0);
    const { articleId } = startWriting(reporter, planned.id, minutes(1));
    saveFields(reporter, { articleId, body: paragraphsToDocument(['نص كامل.']) }, minutes(2));
    submitForReview(reporter, articleId, minutes(3));
    const swept = sweepDeadlines(minutes(61));
    assert.ok(!swept.missed.includes(planned.id) && !swept.reminded.includes(planned.id));
  });
});

describe('the editorial calendar', () => {
  function scheduled(headline: string, at: Date, now: Date) {
    const planned = planStory(
      editor,
      story({ headlineIdea: headline, deadline: null, planDay: '2030-05-01' }),
      now,
    );
    const { articleId } = startWriting(reporter, planned.id, now);
    saveFields(reporter, { articleId, body: paragraphsToDocument(['نص.']) }, now);
    submitForReview(reporter, articleId, now);
    approveArticle(editor, articleId, now);
    scheduleArticle(editor, articleId, at, null, now);
    return articleId;
  }

  test('a move reschedules through the schedule transition: permission inside, Arabic refusal, embargo kept', () => {
    const now = new Date('2030-05-01T04:00:00Z');
    const id = scheduled('نشر صباحي', minutes(120, now), now);
    rescheduleArticle(editor, id, minutes(240, now), minutes(1, now));
    const row = () => db.select().from(articles).where(eq(articles.id, id)).get()!;
    assert.equal(row().scheduledAt?.toISOString(), minutes(240, now).toISOString());
    assert.equal(
      db
        .select()
        .from(events)
        .where(and(eq(events.articleId, id), eq(events.action, 'schedule')))
        .all().length,
      2,
    );
    // A reporter cannot move it, even their own.
    assert.throws(() => rescheduleArticle(reporter, id, minutes(300, now), minutes(2, now)), ForbiddenError);
    // Into the past: refused next to its field, nothing changed.
    assert.throws(
      () => rescheduleArticle(editor, id, minutes(-5, now), minutes(2, now)),
      (e: unknown) => e instanceof ActionError && /مضى/.test(e.fieldErrors?.scheduledAt ?? ''),
    );
    // An embargo until 05:00 later: a slot before it is refused; the embargo stays.
    setEmbargo(editor, id, minutes(200, now), minutes(3, now));
    assert.throws(
      () => rescheduleArticle(editor, id, minutes(150, now), minutes(4, now)),
      (e: unknown) => e instanceof ActionError && !!e.fieldErrors?.embargoUntil,
    );
    assert.equal(row().scheduledAt?.toISOString(), minutes(240, now).toISOString());
    assert.equal(row().embargoUntil?.toISOString(), minutes(200, now).toISOString());
    const items = listCalendar(editor, weekOf('2030-05-01'), ZONE, now);
    assert.ok(items.some((i) => i.kind === 'scheduled' && i.articleId === id));
    assert.ok(items.some((i) => i.kind === 'embargo' && i.articleId === id));
  });
});

describe('the private iCalendar feed', () => {
  test('parses with Python’s icalendar; a renewed or revoked token stops the old address', () => {
    const now = new Date('2030-06-01T04:00:00Z');
    planStory(
      editor,
      story({
        headlineIdea: 'تقرير، مع فاصلة؛ وفاصلة منقوطة',
        planDay: '2030-06-01',
        deadline: minutes(120, now),
      }),
      now,
    );
    const token = renewCalendarToken(reporter, now);
    const text = calendarFeedFor(token, now)!;
    assert.ok(text.startsWith('BEGIN:VCALENDAR'));
    // Debian's python3-icalendar (scripts/install-test-deps.sh), not whatever python3 is first on PATH.
    const parsed = execFileSync(
      process.env.ICALENDAR_PYTHON ?? '/usr/bin/python3',
      [
        '-c',
        `import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
for e in cal.walk('VEVENT'):
    print(e.get('summary'), '|', e.decoded('dtstart').isoformat())`,
      ],
      { input: text, encoding: 'utf8' },
    );
    assert.match(parsed, /الموعد النهائي: تقرير، مع فاصلة؛ وفاصلة منقوطة \| 2030-06-01T06:00:00\+00:00/);
    const renewed = renewCalendarToken(reporter, minutes(1, now));
    assert.equal(calendarFeedFor(token, now), null);
    assert.ok(calendarFeedFor(renewed, now));
    revokeCalendarToken(reporter, minutes(2, now));
    assert.equal(calendarFeedFor(renewed, now), null);
    assert.equal(calendarFeedFor('not a token', now), null);
    void admin;
  });
});
