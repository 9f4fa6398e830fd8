import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTICLE_STATUSES, ROLES, type ArticleStatus, type Role } from '@/lib/shared/enums';
import {
  assertCanPlan,
  canPlan,
  ForbiddenError,
  PLANNING_ACTIONS,
  PLANNING_PERMISSIONS,
  type PlanningAction,
} from '@/lib/shared/permissions';
import {
  addDays,
  comparePlanned,
  countOf,
  dayBounds,
  dayOf,
  parseDay,
  parseWordTarget,
  planState,
  STORIES,
  weekOf,
  type PlanState,
} from '@/lib/shared/planning';

// Every cell of the planning table, written out independently of lib/shared/permissions.ts: for
// each role and action, whether it is allowed on one's own story and on someone else's.
type Cell = { own: boolean; other: boolean };
const yes: Cell = { own: true, other: true };
const no: Cell = { own: false, other: false };
const ownOnly: Cell = { own: true, other: false };
const expected: Record<Role, Record<PlanningAction, Cell>> = {
  reporter: {
    viewPlan: yes,
    proposePitch: yes,
    decidePitch: no,
    planStory: no,
    respondToAssignment: ownOnly,
    startWriting: ownOnly,
    reschedule: no,
    manageCalendarFeed: ownOnly,
  },
  editor: {
    viewPlan: yes,
    proposePitch: yes,
    decidePitch: yes,
    planStory: yes,
    respondToAssignment: ownOnly,
    startWriting: ownOnly,
    reschedule: yes,
    manageCalendarFeed: ownOnly,
  },
  admin: {
    viewPlan: yes,
    proposePitch: yes,
    decidePitch: yes,
    planStory: yes,
    respondToAssignment: yes,
    startWriting: yes,
    reschedule: yes,
    manageCalendarFeed: ownOnly,
  },
};

describe('planning permissions, every cell', () => {
  for (const role of ROLES)
    for (const action of PLANNING_ACTIONS)
      for (const whose of ['own', 'other'] as const) {
        const allowed = expected[role][action][whose];
        test(`${role} ${allowed ? 'may' : 'may not'} ${action} (${whose})`, () => {
          const actor = { id: 7, role };
          const owner = whose === 'own' ? 7 : 8;
          assert.equal(canPlan(actor, action, owner), allowed);
          if (allowed) assert.doesNotThrow(() => assertCanPlan(actor, action, owner));
          else assert.throws(() => assertCanPlan(actor, action, owner), ForbiddenError);
        });
      }
  test('the table has no cell the test does not list', () => {
    for (const role of ROLES)
      assert.deepEqual(Object.keys(PLANNING_PERMISSIONS[role]).sort(), [...PLANNING_ACTIONS].sort());
  });
  test('a role that may not act at all is refused even without an owner', () => {
    assert.equal(canPlan({ id: 1, role: 'reporter' }, 'planStory'), false);
    assert.equal(canPlan({ id: 1, role: 'reporter' }, 'proposePitch'), true);
  });
});

describe('the assignment state machine', () => {
  const now = new Date('2026-12-07T10:00:00Z');
  const before = new Date('2026-12-07T09:59:00Z');
  const after = new Date('2026-12-07T10:01:00Z');
  const base = { assigneeId: 3, response: 'accepted' as const, deadline: after, articleStatus: null };

  // The state for each article status, before and after the deadline.
  const byStatus: Record<ArticleStatus, [PlanState, PlanState]> = {
    draft: ['writing', 'late'],
    changes_requested: ['writing', 'late'],
    in_review: ['in_review', 'in_review'],
    approved: ['in_review', 'in_review'],
    scheduled: ['in_review', 'in_review'],
    published: ['published', 'published'],
    unpublished: ['writing', 'late'],
    archived: ['writing', 'late'],
  };
  for (const status of ARTICLE_STATUSES) {
    test(`article ${status}: ${byStatus[status].join(' then ')}`, () => {
      assert.equal(planState({ ...base, articleStatus: status }, now), byStatus[status][0]);
      assert.equal(planState({ ...base, articleStatus: status, deadline: before }, now), byStatus[status][1]);
    });
  }
  test('nobody holds it: مقترح, even past a deadline', () => {
    assert.equal(planState({ ...base, assigneeId: null }, now), 'proposed');
    assert.equal(planState({ ...base, response: 'declined', deadline: before }, now), 'proposed');
  });
  test('assigned and not started: مكلَّف, whether accepted or still pending', () => {
    assert.equal(planState(base, now), 'assigned');
    assert.equal(planState({ ...base, response: 'pending' }, now), 'assigned');
    assert.equal(planState({ ...base, deadline: null }, now), 'assigned');
  });
  test('the deadline minute itself is late', () => {
    assert.equal(planState({ ...base, deadline: now }, now), 'late');
  });
  test('late sorts first, then urgent, then by deadline', () => {
    const items = [
      { id: 1, state: 'assigned' as const, priority: 'normal' as const, deadline: after },
      { id: 2, state: 'writing' as const, priority: 'urgent' as const, deadline: null },
      { id: 3, state: 'late' as const, priority: 'normal' as const, deadline: before },
      { id: 4, state: 'assigned' as const, priority: 'normal' as const, deadline: before },
    ];
    assert.deepEqual(
      items.sort(comparePlanned).map((i) => i.id),
      [3, 2, 4, 1],
    );
  });
});

describe('newsroom days', () => {
  test('parseDay takes real days only', () => {
    assert.equal(parseDay('2026-12-07'), '2026-12-07');
    for (const bad of ['2026-02-30', '2026-13-01', 'غداً', '07-12-2026', '', undefined, '1999-01-01'])
      assert.equal(parseDay(bad), null, String(bad));
  });
  test('the day of an instant is the newsroom zone’s', () => {
    // 20:30 UTC is already the next day in Tashkent (UTC+5).
    assert.equal(dayOf(new Date('2026-12-07T20:30:00Z'), 'Asia/Tashkent'), '2026-12-08');
    assert.equal(dayOf(new Date('2026-12-07T20:30:00Z'), 'UTC'), '2026-12-07');
  });
  test('day bounds in the zone, across a month end', () => {
    const { start, end } = dayBounds('2026-12-31', 'Asia/Tashkent');
    assert.equal(start.toISOString(), '2026-12-30T19:00:00.000Z');
    assert.equal(end.toISOString(), '2026-12-31T19:00:00.000Z');
    assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  });
  test('the week runs Saturday to Friday', () => {
    const week = weekOf('2026-12-07'); // a Monday
    assert.equal(week[0], '2026-12-05');
    assert.equal(week[6], '2026-12-11');
    assert.deepEqual(weekOf('2026-12-05'), week);
    assert.deepEqual(weekOf('2026-12-11'), week);
  });
});

describe('word targets and Arabic counts', () => {
  test('a positive whole number under 20,000, or nothing', () => {
    assert.equal(parseWordTarget('600'), 600);
    assert.equal(parseWordTarget(''), null);
    assert.equal(parseWordTarget(null), null);
    for (const bad of ['0', '-5', '2.5', '20000', '1e3', 'ستمئة', '٦٠٠'])
      assert.equal(parseWordTarget(bad), 'invalid', bad);
  });
  test('counts agree with Intl.PluralRules("ar")', () => {
    assert.equal(countOf(0, STORIES), 'لا قصص');
    assert.equal(countOf(1, STORIES), 'قصة واحدة');
    assert.equal(countOf(2, STORIES), 'قصتان');
    assert.equal(countOf(5, STORIES), '5 قصص');
    assert.equal(countOf(11, STORIES), '11 قصة');
    assert.equal(countOf(100, STORIES), '100 قصة');
  });
});
