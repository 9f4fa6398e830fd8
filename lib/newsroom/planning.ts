import { and, asc, desc, eq, gte, isNotNull, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { alias, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import type { Db } from '@/db/connection';
import {
  articles,
  assignmentHistory,
  assignments,
  events,
  notifications,
  pitches,
  sections,
  users,
  type Article,
  type Assignment,
  type NotificationKind,
  type Pitch,
} from '@/db/schema';
import type { Priority } from '@/lib/shared/enums';
import { EMPTY_DOCUMENT } from '@/lib/document/check';
import { transaction, type Queryable, type Tx } from '@/db/transaction';
import { recordEvent } from '@/lib/newsroom/articles';
import { ActionError, type FieldErrors } from '@/lib/shared/errors';
import { assertCanPlan, type Actor } from '@/lib/shared/permissions';
import {
  comparePlanned,
  dayBounds,
  parseDay,
  PLANNING_MESSAGES as M,
  planState,
  type PlanState,
} from '@/lib/shared/planning';

// The planning desk's queries (issue 19): مقترحات, التكليفات and خطة التغطية. Every write checks
// its permission inside its write transaction, on the rows as they are there, writes its history
// and its line of سجل النشاط in the same transaction, and tells whom it concerns.

const HOUR = 60 * 60 * 1000;

// ── reads ────────────────────────────────────────────────────────────────────────────────────

export type PlannedStory = {
  id: number;
  planDay: string;
  headlineIdea: string;
  angle: string;
  notes: string;
  priority: Priority;
  sectionId: number | null;
  sectionName: string | null;
  assigneeId: number | null;
  assigneeName: string | null;
  deadline: Date | null;
  wordTarget: number | null;
  response: Assignment['response'];
  declineReason: string | null;
  articleId: number | null;
  articleHeadline: string | null;
  articleStatus: Article['status'] | null;
  wordCount: number | null;
  createdBy: number;
  version: number;
  state: PlanState;
};

const assignee = alias(users, 'assignee');

const STORY_COLUMNS = {
  id: assignments.id,
  planDay: assignments.planDay,
  headlineIdea: assignments.headlineIdea,
  angle: assignments.angle,
  notes: assignments.notes,
  priority: assignments.priority,
  sectionId: assignments.sectionId,
  sectionName: sections.name,
  assigneeId: assignments.assigneeId,
  assigneeName: assignee.name,
  deadline: assignments.deadline,
  wordTarget: assignments.wordTarget,
  response: assignments.response,
  declineReason: assignments.declineReason,
  articleId: assignments.articleId,
  articleHeadline: articles.headline,
  articleStatus: articles.status,
  articleDeleted: articles.deletedAt,
  wordCount: articles.wordCount,
  createdBy: assignments.createdBy,
  version: assignments.version,
};

type StoryRow = Omit<PlannedStory, 'state'> & { articleDeleted: Date | null };

// The long lists (the plan's day, the calendar's week) read raw rows and map them here: drizzle's
// row mapper checks each field's class on every row, 12 ms of the plan's 300 stories and more of
// the calendar's 700 under load (CPU profile of bench/planning.ts), where SQLite itself took 1 ms.
// Each value is still decoded by its own column (timestamps to Date), in the select's order.
const STORY_FIELDS = Object.entries(STORY_COLUMNS).map(([name, column]) => ({ name, column }));
function plannedStoryOf(values: unknown[], now: Date): PlannedStory {
  const story: Record<string, unknown> = {};
  let deleted = false;
  for (let i = 0; i < STORY_FIELDS.length; i++) {
    const { name, column } = STORY_FIELDS[i]!;
    const value = values[i] ?? null;
    if (name === 'articleDeleted') deleted = value !== null;
    else story[name] = value === null ? null : column.mapFromDriverValue(value);
  }
  // As withState: a deleted draft no longer counts as writing.
  if (deleted) story.articleStatus = null;
  const planned = story as Omit<PlannedStory, 'state'>;
  return Object.assign(planned, { state: planState(planned, now) });
}

function withState(row: StoryRow, now: Date): PlannedStory {
  // One copy of the row, completed in place (the calendar maps a thousand of them a render).
  const { articleDeleted, ...story } = row;
  // A deleted draft no longer counts as writing: the story is back to where it was before.
  if (articleDeleted) story.articleStatus = null;
  return Object.assign(story, { state: planState(story, now) });
}

function selectStories(database: Queryable = db) {
  return database
    .select(STORY_COLUMNS)
    .from(assignments)
    .leftJoin(sections, eq(sections.id, assignments.sectionId))
    .leftJoin(assignee, eq(assignee.id, assignments.assigneeId))
    .leftJoin(articles, eq(articles.id, assignments.articleId));
}

export type PlanFilter = { sectionId?: number | null; personId?: number | null };

// خطة التغطية: one newsroom day's planned stories, late first (lib/shared/planning.ts comparePlanned).
export function listPlan(
  viewer: Actor,
  day: string,
  filter: PlanFilter = {},
  now = new Date(),
): PlannedStory[] {
  assertCanPlan(viewer, 'viewPlan');
  return planOfDay()
    .values({ day, sectionId: filter.sectionId || null, personId: filter.personId || null })
    .map((values) => plannedStoryOf(values, now))
    .sort(comparePlanned);
}

// A filter that is off when its value is null, so one prepared statement serves every filter.
const unlessNull = (column: SQLiteColumn, name: string) =>
  sql`(${sql.placeholder(name)} IS NULL OR ${column} = ${sql.placeholder(name)})`;

// The plan's query, prepared once (the page runs it on every render).
const planOfDay = prepareOnFirstUse(() =>
  selectStories()
    .where(
      and(
        eq(assignments.planDay, sql.placeholder('day')),
        unlessNull(assignments.sectionId, 'sectionId'),
        unlessNull(assignments.assigneeId, 'personId'),
      ),
    )
    .prepare(),
);

export function getPlannedStory(viewer: Actor, id: number, now = new Date()): PlannedStory | null {
  assertCanPlan(viewer, 'viewPlan');
  const row = selectStories().where(eq(assignments.id, id)).get();
  return row ? withState(row, now) : null;
}

export type HistoryLine = {
  id: number;
  action: string;
  actorName: string | null;
  fromName: string | null;
  toName: string | null;
  detail: string | null;
  createdAt: Date;
};

export function assignmentHistoryOf(viewer: Actor, id: number): HistoryLine[] {
  assertCanPlan(viewer, 'viewPlan');
  const actor = alias(users, 'actor');
  const from = alias(users, 'from_user');
  const to = alias(users, 'to_user');
  return db
    .select({
      id: assignmentHistory.id,
      action: assignmentHistory.action,
      actorName: actor.name,
      fromName: from.name,
      toName: to.name,
      detail: assignmentHistory.detail,
      createdAt: assignmentHistory.createdAt,
    })
    .from(assignmentHistory)
    .leftJoin(actor, eq(actor.id, assignmentHistory.actorId))
    .leftJoin(from, eq(from.id, assignmentHistory.fromUserId))
    .leftJoin(to, eq(to.id, assignmentHistory.toUserId))
    .where(eq(assignmentHistory.assignmentId, id))
    .orderBy(asc(assignmentHistory.id))
    .all();
}

// The dashboard: a reporter's own stories not yet submitted, soonest deadline first.
export function myOpenAssignments(viewer: Actor, now = new Date()): PlannedStory[] {
  return selectStories()
    .where(and(eq(assignments.assigneeId, viewer.id), ne(assignments.response, 'declined')))
    .orderBy(asc(assignments.deadline))
    .all()
    .map((row) => withState(row, now))
    .filter((story) => story.state === 'assigned' || story.state === 'writing' || story.state === 'late')
    .sort(comparePlanned);
}

// The dashboard: what is late today (and any earlier day still late), for the desk.
export function lateStories(viewer: Actor, now = new Date()): PlannedStory[] {
  assertCanPlan(viewer, 'planStory');
  return selectStories()
    .where(and(isNotNull(assignments.deadline), lte(assignments.deadline, now)))
    .orderBy(asc(assignments.deadline))
    .limit(500)
    .all()
    .map((row) => withState(row, now))
    .filter((story) => story.state === 'late');
}

export type PitchView = Pitch & {
  proposerName: string;
  sectionName: string | null;
  deciderName: string | null;
};

export function listPitches(viewer: Actor, day?: string): PitchView[] {
  assertCanPlan(viewer, 'viewPlan');
  const proposer = alias(users, 'proposer');
  const decider = alias(users, 'decider');
  const where = day
    ? or(eq(pitches.status, 'pending'), eq(pitches.suggestedDay, day))
    : eq(pitches.status, 'pending');
  return db
    .select({
      ...pitchColumns,
      proposerName: proposer.name,
      sectionName: sections.name,
      deciderName: decider.name,
    })
    .from(pitches)
    .innerJoin(proposer, eq(proposer.id, pitches.proposedBy))
    .leftJoin(decider, eq(decider.id, pitches.decidedBy))
    .leftJoin(sections, eq(sections.id, pitches.sectionId))
    .where(where)
    .orderBy(asc(pitches.suggestedDay), asc(pitches.id))
    .limit(200)
    .all();
}

const pitchColumns = {
  id: pitches.id,
  headlineIdea: pitches.headlineIdea,
  angle: pitches.angle,
  sectionId: pitches.sectionId,
  suggestedDay: pitches.suggestedDay,
  proposedBy: pitches.proposedBy,
  status: pitches.status,
  declineReason: pitches.declineReason,
  decidedBy: pitches.decidedBy,
  decidedAt: pitches.decidedAt,
  assignmentId: pitches.assignmentId,
  createdAt: pitches.createdAt,
};

// Who may be assigned: members whose account is on (every role writes).
export function assignablePeople(): { id: number; name: string }[] {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.disabled, false))
    .orderBy(asc(users.name))
    .all();
}

// The assignment linked to an article, for the editor (its word target beside the live count).
export function assignmentOfArticle(
  articleId: number,
): Pick<Assignment, 'id' | 'wordTarget' | 'deadline'> | null {
  return (
    db
      .select({ id: assignments.id, wordTarget: assignments.wordTarget, deadline: assignments.deadline })
      .from(assignments)
      .where(eq(assignments.articleId, articleId))
      .get() ?? null
  );
}

// ── writes ───────────────────────────────────────────────────────────────────────────────────

export type StoryInput = {
  planDay: string;
  headlineIdea: string;
  angle: string;
  notes: string;
  sectionId: number | null;
  priority: Priority;
  assigneeId: number | null;
  deadline: Date | null;
  wordTarget: number | null;
};

function history(
  tx: Tx,
  actor: Actor,
  assignmentId: number,
  action: string,
  now: Date,
  extra: { from?: number | null; to?: number | null; detail?: string | null } = {},
): void {
  tx.insert(assignmentHistory)
    .values({
      assignmentId,
      actorId: actor.id,
      action,
      fromUserId: extra.from ?? null,
      toUserId: extra.to ?? null,
      detail: extra.detail ?? null,
      createdAt: now,
    })
    .run();
}

// سجل النشاط: a planning event names the member it concerns and the story's headline idea.
function logEvent(tx: Tx, actor: Actor, action: string, userId: number | null, detail: string, now: Date) {
  tx.insert(events).values({ actorId: actor.id, userId, action, detail, createdAt: now }).run();
}

function notifyAbout(
  tx: Tx,
  userIds: (number | null | undefined)[],
  assignmentId: number,
  actorId: number | null,
  kind: NotificationKind,
  now: Date,
): void {
  for (const userId of new Set(userIds)) {
    if (!userId || userId === actorId) continue;
    tx.insert(notifications).values({ userId, assignmentId, actorId, kind, createdAt: now }).run();
  }
}

// What the database must confirm about a story's fields (shape is zod's): a real day, a section
// that exists, an assignee whose account is on, a deadline still to come.
function checkStory(tx: Tx, input: StoryInput, now: Date, previous?: Assignment): void {
  const errors: FieldErrors = {};
  if (!parseDay(input.planDay)) errors.planDay = M.day;
  if (
    input.sectionId !== null &&
    !tx.select({ id: sections.id }).from(sections).where(eq(sections.id, input.sectionId)).get()
  )
    errors.sectionId = M.section;
  if (input.assigneeId !== null) {
    const person = tx
      .select({ disabled: users.disabled })
      .from(users)
      .where(eq(users.id, input.assigneeId))
      .get();
    if (!person || person.disabled) errors.assigneeId = M.assignee;
  }
  // An unchanged deadline that has since passed may stay (the story is then متأخر).
  const deadlineChanged = input.deadline?.getTime() !== previous?.deadline?.getTime();
  if (input.deadline && deadlineChanged && input.deadline.getTime() <= now.getTime())
    errors.deadline = M.deadlinePast;
  if (Object.keys(errors).length > 0) throw new ActionError('invalid_input', errors);
}

export function planStory(
  actor: Actor,
  input: StoryInput,
  now = new Date(),
  pitchId: number | null = null,
): Assignment {
  return transaction((tx) => planStoryInTx(tx, actor, input, now, pitchId));
}

function planStoryInTx(
  tx: Tx,
  actor: Actor,
  input: StoryInput,
  now: Date,
  pitchId: number | null,
): Assignment {
  assertCanPlan(actor, 'planStory');
  checkStory(tx, input, now);
  const story = tx
    .insert(assignments)
    .values({ ...input, pitchId, createdBy: actor.id, createdAt: now, updatedAt: now })
    .returning()
    .get();
  history(tx, actor, story.id, 'planned', now, { detail: input.headlineIdea });
  logEvent(tx, actor, 'story_planned', null, input.headlineIdea, now);
  if (input.assigneeId !== null) {
    history(tx, actor, story.id, 'assigned', now, { to: input.assigneeId });
    logEvent(tx, actor, 'story_assigned', input.assigneeId, input.headlineIdea, now);
    notifyAbout(tx, [input.assigneeId], story.id, actor.id, 'assigned', now);
  }
  return story;
}

// Changes a planned story: its fields, its deadline, or who has it. A new assignee starts from
// "waiting for an answer", the one before stays in its history; a new deadline may remind again.
export function updateStory(
  actor: Actor,
  assignmentId: number,
  expectedVersion: number | null,
  input: StoryInput,
  now = new Date(),
): Assignment {
  return transaction((tx) => {
    assertCanPlan(actor, 'planStory');
    const story = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
    if (!story) throw new ActionError('not_found');
    checkStory(tx, input, now, story);
    const reassigned = input.assigneeId !== story.assigneeId;
    const deadlineMoved = input.deadline?.getTime() !== story.deadline?.getTime();
    const updated = tx
      .update(assignments)
      .set({
        ...input,
        updatedAt: now,
        version: story.version + 1,
        ...(reassigned ? { response: 'pending' as const, declineReason: null } : {}),
        ...(deadlineMoved || reassigned ? { remindedAt: null, missedNotifiedAt: null } : {}),
      })
      .where(and(eq(assignments.id, assignmentId), eq(assignments.version, expectedVersion ?? story.version)))
      .returning()
      .get();
    if (!updated) throw new ActionError('conflict');
    if (reassigned) {
      history(tx, actor, story.id, story.assigneeId === null ? 'assigned' : 'reassigned', now, {
        from: story.assigneeId,
        to: input.assigneeId,
      });
      logEvent(tx, actor, 'story_reassigned', input.assigneeId, input.headlineIdea, now);
      notifyAbout(tx, [input.assigneeId], story.id, actor.id, 'assigned', now);
    }
    if (deadlineMoved)
      history(tx, actor, story.id, 'deadline_changed', now, {
        detail: input.deadline?.toISOString() ?? null,
      });
    if (!reassigned && !deadlineMoved) history(tx, actor, story.id, 'edited', now);
    if (!reassigned) logEvent(tx, actor, 'story_updated', story.assigneeId, input.headlineIdea, now);
    return updated;
  });
}

// قبول التكليف / الاعتذار: the assignee's answer. A decline (with its reason, kept) tells the
// editor who planned it.
export function respondToAssignment(
  actor: Actor,
  assignmentId: number,
  answer: { accept: true } | { accept: false; reason: string },
  now = new Date(),
): Assignment {
  return transaction((tx) => {
    const story = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
    if (!story || story.assigneeId === null) throw new ActionError('not_found');
    assertCanPlan(actor, 'respondToAssignment', story.assigneeId);
    if (story.response === 'declined')
      throw new ActionError('invalid_input', { form: 'اعتُذر عن هذا التكليف من قبل' });
    if (!answer.accept && story.articleId !== null)
      throw new ActionError('invalid_input', {
        reason: 'بدأت كتابة هذا التكليف؛ اطلب من المحرر إعادة تكليفه',
      });
    const updated = tx
      .update(assignments)
      .set({
        response: answer.accept ? 'accepted' : 'declined',
        declineReason: answer.accept ? null : answer.reason,
        updatedAt: now,
        version: story.version + 1,
      })
      .where(and(eq(assignments.id, story.id), eq(assignments.version, story.version)))
      .returning()
      .get();
    if (!updated) throw new ActionError('conflict');
    history(tx, actor, story.id, answer.accept ? 'accepted' : 'declined', now, {
      from: story.assigneeId,
      detail: answer.accept ? null : answer.reason,
    });
    logEvent(
      tx,
      actor,
      answer.accept ? 'assignment_accepted' : 'assignment_declined',
      story.assigneeId,
      answer.accept ? story.headlineIdea : `${story.headlineIdea}: ${answer.reason}`,
      now,
    );
    if (!answer.accept) notifyAbout(tx, [story.createdBy], story.id, actor.id, 'assignment_declined', now);
    return updated;
  });
}

// بدء الكتابة: a new draft by the assignee, linked to the story, its headline and section filled
// in from the plan. Accepting comes first (a pending assignment is accepted by starting it).
export function startWriting(actor: Actor, assignmentId: number, now = new Date()): { articleId: number } {
  return transaction((tx) => {
    const story = tx.select().from(assignments).where(eq(assignments.id, assignmentId)).get();
    if (!story || story.assigneeId === null) throw new ActionError('not_found');
    assertCanPlan(actor, 'startWriting', story.assigneeId);
    if (story.response === 'declined') throw new ActionError('invalid_input', { form: M.notAccepted });
    if (story.articleId !== null) {
      const existing = tx
        .select({ deletedAt: articles.deletedAt })
        .from(articles)
        .where(eq(articles.id, story.articleId))
        .get();
      if (existing && !existing.deletedAt) return { articleId: story.articleId };
    }
    const article = tx
      .insert(articles)
      .values({
        // The draft is the assignee's, whoever pressed the button (an admin may start it for them).
        authorId: story.assigneeId,
        headline: story.headlineIdea,
        sectionId: story.sectionId,
        bodyJson: JSON.stringify(EMPTY_DOCUMENT),
        createdAt: now,
        updatedAt: now,
      })
      .returning()
      .get();
    recordEvent(tx, actor, article.id, 'create', null, 'draft', now, `تكليف: ${story.headlineIdea}`);
    const updated = tx
      .update(assignments)
      .set({ articleId: article.id, response: 'accepted', updatedAt: now, version: story.version + 1 })
      .where(and(eq(assignments.id, story.id), eq(assignments.version, story.version)))
      .run();
    if (updated.changes !== 1) throw new ActionError('conflict');
    history(tx, actor, story.id, 'started', now, { to: story.assigneeId });
    return { articleId: article.id };
  });
}

export type PitchInput = {
  headlineIdea: string;
  angle: string;
  sectionId: number | null;
  suggestedDay: string;
};

export function proposePitch(actor: Actor, input: PitchInput, now = new Date()): Pitch {
  return transaction((tx) => {
    assertCanPlan(actor, 'proposePitch');
    const errors: FieldErrors = {};
    if (!parseDay(input.suggestedDay)) errors.suggestedDay = M.day;
    if (
      input.sectionId !== null &&
      !tx.select({ id: sections.id }).from(sections).where(eq(sections.id, input.sectionId)).get()
    )
      errors.sectionId = M.section;
    if (Object.keys(errors).length > 0) throw new ActionError('invalid_input', errors);
    const pitch = tx
      .insert(pitches)
      .values({ ...input, proposedBy: actor.id, createdAt: now })
      .returning()
      .get();
    logEvent(tx, actor, 'pitch_proposed', null, input.headlineIdea, now);
    return pitch;
  });
}

// Accepting a pitch puts it on the plan (on its suggested day unless the editor picks another),
// not yet assigned; declining keeps the reason and tells the proposer.
export function decidePitch(
  actor: Actor,
  pitchId: number,
  decision: { accept: true; planDay?: string } | { accept: false; reason: string },
  now = new Date(),
): Pitch {
  return transaction((tx) => {
    assertCanPlan(actor, 'decidePitch');
    const pitch = tx.select().from(pitches).where(eq(pitches.id, pitchId)).get();
    if (!pitch) throw new ActionError('not_found');
    if (pitch.status !== 'pending') throw new ActionError('invalid_input', { form: M.pitchDecided });
    let assignmentId: number | null = null;
    if (decision.accept) {
      const story = planStoryInTx(
        tx,
        actor,
        {
          planDay: decision.planDay || pitch.suggestedDay,
          headlineIdea: pitch.headlineIdea,
          angle: pitch.angle,
          notes: '',
          sectionId: pitch.sectionId,
          priority: 'normal',
          assigneeId: null,
          deadline: null,
          wordTarget: null,
        },
        now,
        pitch.id,
      );
      assignmentId = story.id;
    }
    const updated = tx
      .update(pitches)
      .set({
        status: decision.accept ? 'accepted' : 'declined',
        declineReason: decision.accept ? null : decision.reason,
        decidedBy: actor.id,
        decidedAt: now,
        assignmentId,
      })
      .where(and(eq(pitches.id, pitch.id), eq(pitches.status, 'pending')))
      .returning()
      .get();
    if (!updated) throw new ActionError('conflict');
    logEvent(
      tx,
      actor,
      decision.accept ? 'pitch_accepted' : 'pitch_declined',
      pitch.proposedBy,
      decision.accept ? pitch.headlineIdea : `${pitch.headlineIdea}: ${decision.reason}`,
      now,
    );
    if (!decision.accept && pitch.proposedBy !== actor.id)
      tx.insert(notifications)
        .values({ userId: pitch.proposedBy, actorId: actor.id, kind: 'pitch_declined', createdAt: now })
        .run();
    return updated;
  });
}

// ── the deadline sweep ───────────────────────────────────────────────────────────────────────

export type DeadlineSweep = { reminded: number[]; missed: number[] };

// Run by every process with the scheduler (lib/newsroom/schedule.ts). Each notice is claimed by a
// write conditional on it not having been sent (reminded_at / missed_notified_at still NULL), in
// the same transaction as the notification, so two workers sweeping at once send it once.
export function sweepDeadlines(now = new Date(), database: Db = db): DeadlineSweep {
  const reminded: number[] = [];
  const missed: number[] = [];
  const candidates = selectStories(database)
    .where(
      and(
        isNotNull(assignments.deadline),
        isNotNull(assignments.assigneeId),
        ne(assignments.response, 'declined'),
        lte(assignments.deadline, new Date(now.getTime() + HOUR)),
        or(isNull(assignments.remindedAt), isNull(assignments.missedNotifiedAt)),
        // Only recent deadlines: a story missed last month is not news.
        gte(assignments.deadline, new Date(now.getTime() - 7 * 24 * HOUR)),
      ),
    )
    .all()
    .map((row) => withState(row, now));
  for (const story of candidates) {
    const due = story.deadline!.getTime() <= now.getTime();
    if (due && story.state === 'late') {
      if (claim(database, story.id, 'missedNotifiedAt', now)) missed.push(story.id);
    } else if (!due && (story.state === 'assigned' || story.state === 'writing')) {
      if (claim(database, story.id, 'remindedAt', now)) reminded.push(story.id);
    }
  }
  return { reminded, missed };
}

function claim(database: Db, id: number, column: 'remindedAt' | 'missedNotifiedAt', now: Date): boolean {
  return transaction((tx) => {
    const won = tx
      .update(assignments)
      .set({ [column]: now })
      .where(and(eq(assignments.id, id), isNull(assignments[column])))
      .returning()
      .get();
    if (!won) return false;
    if (column === 'remindedAt') notifyAbout(tx, [won.assigneeId], id, null, 'deadline_soon', now);
    else notifyAbout(tx, [won.assigneeId, won.createdBy], id, null, 'deadline_missed', now);
    return true;
  }, database);
}

// ── the editorial calendar ───────────────────────────────────────────────────────────────────

export type CalendarItemKind = 'scheduled' | 'embargo' | 'deadline' | 'planned';
export type CalendarItem = {
  kind: CalendarItemKind;
  // scheduled:<articleId>, embargo:<articleId>, deadline:<assignmentId>, planned:<assignmentId>
  key: string;
  at: Date | null;
  day: string | null;
  title: string;
  articleId: number | null;
  assignmentId: number | null;
  personName: string | null;
  state: PlanState | null;
};

// The desk's timed articles between two instants (epoch milliseconds): scheduled publications and
// embargo lifts, each one prepared statement.
const author = alias(users, 'author');
const timedQuery = (time: typeof articles.scheduledAt | typeof articles.embargoUntil, which: SQL) =>
  prepareOnFirstUse(() =>
    db
      .select({ id: articles.id, headline: articles.headline, at: time, name: author.name })
      .from(articles)
      .innerJoin(author, eq(author.id, articles.authorId))
      .where(
        and(
          which,
          gte(time, sql.placeholder('from')),
          lt(time, sql.placeholder('to')),
          isNull(articles.deletedAt),
        ),
      )
      .limit(1000)
      .prepare(),
  );
const scheduledBetween = timedQuery(articles.scheduledAt, eq(articles.status, 'scheduled'));
const embargoesBetween = timedQuery(articles.embargoUntil, isNotNull(articles.embargoUntil));

function timedArticles(from: Date, to: Date): CalendarItem[] {
  const range = { from: from.getTime(), to: to.getTime() };
  const items: CalendarItem[] = [];
  for (const [kind, query] of [
    ['scheduled', scheduledBetween],
    ['embargo', embargoesBetween],
  ] as const)
    for (const a of query().all(range))
      items.push({
        kind,
        key: `${kind}:${a.id}`,
        at: a.at,
        day: null,
        title: a.headline || 'بلا عنوان',
        articleId: a.id,
        assignmentId: null,
        personName: a.name,
        state: null,
      });
  return items;
}

// A planned story on the calendar: at its deadline, or on its day when it has none.
function storyItem(s: ReturnType<typeof withState>, title: string): CalendarItem {
  const kind = s.deadline ? 'deadline' : 'planned';
  return {
    kind,
    key: `${kind}:${s.id}`,
    at: s.deadline,
    day: s.deadline ? null : s.planDay,
    title,
    articleId: s.articleId,
    assignmentId: s.id,
    personName: s.assigneeName,
    state: s.state,
  };
}

// Scheduled publications, embargo lifts, deadlines and planned stories between two instants (a
// week or a day of the newsroom's clock); planned stories without a deadline are on their day.
export function listCalendar(
  viewer: Actor,
  days: string[],
  timeZone: string,
  now = new Date(),
  personId?: number,
): CalendarItem[] {
  assertCanPlan(viewer, 'viewPlan');
  const from = dayBounds(days[0]!, timeZone).start;
  const to = dayBounds(days.at(-1)!, timeZone).end;
  const items: CalendarItem[] = personId ? [] : timedArticles(from, to);
  const rows = storiesBetween().values({
    from: from.getTime(),
    to: to.getTime(),
    firstDay: days[0]!,
    lastDay: days.at(-1)!,
    personId: personId ?? null,
  });
  for (const values of rows) {
    const s = plannedStoryOf(values, now);
    items.push(storyItem(s, s.articleHeadline || s.headlineIdea));
  }
  // By time; the same minute (or no time: planned stories on their day) by key. Keys are ASCII
  // ("deadline:12"), so a plain comparison orders them as localeCompare did, for less.
  const at = (item: CalendarItem) => item.at?.getTime() ?? 0;
  return items.sort((a, b) => at(a) - at(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// The calendar's planned stories, prepared once: a deadline between two instants, or no deadline
// and a plan day among the shown days (always consecutive: a week or one day).
const storiesBetween = prepareOnFirstUse(() =>
  selectStories()
    .where(
      and(
        or(
          and(
            gte(assignments.deadline, sql.placeholder('from')),
            lt(assignments.deadline, sql.placeholder('to')),
          ),
          and(
            isNull(assignments.deadline),
            gte(assignments.planDay, sql.placeholder('firstDay')),
            lte(assignments.planDay, sql.placeholder('lastDay')),
          ),
        ),
        unlessNull(assignments.assigneeId, 'personId'),
      ),
    )
    .prepare(),
);

// Everything a person's private calendar feed holds: their deadlines, and the desk's schedule
// (publications and embargo lifts) for the desk; from a week ago to two months ahead.
export function feedItemsFor(person: Actor, now = new Date()): CalendarItem[] {
  const from = new Date(now.getTime() - 7 * 24 * HOUR);
  const to = new Date(now.getTime() + 62 * 24 * HOUR);
  const items: CalendarItem[] = [];
  const stories = selectStories()
    .where(
      and(
        eq(assignments.assigneeId, person.id),
        gte(assignments.deadline, from),
        lt(assignments.deadline, to),
      ),
    )
    .orderBy(desc(assignments.deadline))
    .limit(500)
    .all()
    .map((row) => withState(row, now));
  for (const s of stories) items.push(storyItem(s, s.headlineIdea));
  if (person.role !== 'reporter') items.push(...timedArticles(from, to));
  return items;
}

// How many stories a day's plan holds, for the calendar's day headers and the bench.
export function countPlanned(day: string): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(assignments)
      .where(eq(assignments.planDay, day))
      .get()?.n ?? 0
  );
}
