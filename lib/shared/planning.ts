import type { ArticleStatus, AssignmentResponse, Priority } from '@/lib/shared/enums';
import { wallClockAt, zonedWallTimeToDate } from '@/lib/shared/settings';
import { countOf, type PluralForms } from '@/lib/shared/arabic';

export { countOf };

// The planning desk's pure rules (issue 19): a planned story's state on خطة التغطية, the newsroom
// day, the words the plan shows. No I/O: the page, the queries and the tests share them.

export const PLAN_STATES = ['proposed', 'assigned', 'writing', 'in_review', 'published', 'late'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

// docs/glossary.md, section "Planning".
export const PLAN_STATE_LABELS: Record<PlanState, string> = {
  proposed: 'مقترح',
  assigned: 'مكلَّف',
  writing: 'قيد الكتابة',
  in_review: 'قيد المراجعة',
  published: 'منشور',
  late: 'متأخر',
};

export const PRIORITY_LABELS: Record<Priority, string> = { urgent: 'عاجل', normal: 'عادي' };

export const RESPONSE_LABELS: Record<AssignmentResponse, string> = {
  pending: 'بانتظار القبول',
  accepted: 'قَبِل التكليف',
  declined: 'اعتذر',
};

export type PlanFacts = {
  assigneeId: number | null;
  response: AssignmentResponse;
  deadline: Date | null;
  // The linked article's status, or null before بدء الكتابة (or once the article was deleted).
  articleStatus: ArticleStatus | null;
};

// Where the story stands, from its assignment and its article as they are now: nobody updates it
// by hand, so it moves when the article is submitted or published.
// - no one holds it (never assigned, or the assignee declined): مقترح;
// - submitted, approved or scheduled: قيد المراجعة; published: منشور (a deadline met stays met);
// - otherwise past its deadline: متأخر;
// - a draft exists: قيد الكتابة; else مكلَّف.
export function planState(facts: PlanFacts, now: Date): PlanState {
  const status = facts.articleStatus;
  if (status === 'published') return 'published';
  if (status === 'in_review' || status === 'approved' || status === 'scheduled') return 'in_review';
  const held = facts.assigneeId !== null && facts.response !== 'declined';
  if (!held && status === null) return 'proposed';
  if (facts.deadline && facts.deadline.getTime() <= now.getTime()) return 'late';
  if (status !== null) return 'writing';
  return 'assigned';
}

// The plan's order: what is late first, then urgent before normal, then by deadline (none last).
export function comparePlanned(
  a: { state: PlanState; priority: Priority; deadline: Date | null; id: number },
  b: { state: PlanState; priority: Priority; deadline: Date | null; id: number },
): number {
  const late = Number(b.state === 'late') - Number(a.state === 'late');
  if (late) return late;
  const urgent = Number(b.priority === 'urgent') - Number(a.priority === 'urgent');
  if (urgent) return urgent;
  const at = (d: Date | null) => d?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return at(a.deadline) - at(b.deadline) || a.id - b.id;
}

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// A newsroom day as the address spells it (YYYY-MM-DD), or null for anything else ("2026-02-30").
export function parseDay(value: string | undefined | null): string | null {
  const match = DAY_RE.exec(value?.trim() ?? '');
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  if (y < 2000 || y > 2999) return null;
  return match[0];
}

// The newsroom day (its time zone) an instant falls on.
export function dayOf(at: Date, timeZone: string): string {
  const { year, month, day } = wallClockAt(at, timeZone);
  return `${year}-${month}-${day}`;
}

// The day `n` days after `day` (calendar arithmetic on the date alone, so no zone is involved).
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

// The instants a newsroom day starts and ends at (a day may be 23 or 25 hours long).
export function dayBounds(day: string, timeZone: string): { start: Date; end: Date } {
  return {
    start: zonedWallTimeToDate(`${day}T00:00:00`, timeZone),
    end: zonedWallTimeToDate(`${addDays(day, 1)}T00:00:00`, timeZone),
  };
}

// The week (Saturday to Friday, as Arab newsrooms count it) that holds `day`: its seven days.
export function weekOf(day: string): string[] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 Sunday … 6 Saturday
  const sinceSaturday = (weekday + 1) % 7;
  const first = addDays(day, -sinceSaturday);
  return Array.from({ length: 7 }, (_, i) => addDays(first, i));
}

export const WORD_TARGET_MAX = 20_000;

// The refusals of the planning forms, each shown next to its field.
export const PLANNING_MESSAGES = {
  headlineIdea: 'اكتب فكرة العنوان',
  headlineIdeaLong: 'فكرة العنوان أطول من 300 حرف',
  deadlineInvalid: 'الموعد النهائي غير صالح؛ اكتب التاريخ والساعة والدقيقة',
  deadlinePast: 'الموعد النهائي مضى؛ اختر وقتاً قادماً',
  wordTarget: `عدد الكلمات المطلوب عدد صحيح موجب أقل من ${WORD_TARGET_MAX.toLocaleString('ar')}`,
  assignee: 'لا يمكن تكليف هذا الشخص: الحساب معطّل أو غير موجود',
  day: 'التاريخ غير صالح؛ اختر يوماً',
  section: 'القسم غير موجود',
  reason: 'اكتب سبب الاعتذار',
  declinePitchReason: 'اكتب سبب رفض المقترح',
  notYours: 'هذا التكليف ليس لك',
  alreadyStarted: 'بدأت كتابة هذا التكليف من قبل',
  notAccepted: 'اقبل التكليف أولاً ثم ابدأ الكتابة',
  pitchDecided: 'قُرّر في هذا المقترح من قبل',
  slot: 'لا يمكن نقل هذا المقال إلى هذا الموعد',
} as const;

// A word target as typed: a positive whole number under the limit, or null for "none" (empty).
export function parseWordTarget(value: string | number | null | undefined): number | null | 'invalid' {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  if (!/^[0-9]+$/.test(text)) return 'invalid';
  const n = Number(text);
  return n > 0 && n < WORD_TARGET_MAX ? n : 'invalid';
}

export const STORIES: PluralForms = {
  zero: 'لا قصص',
  one: 'قصة واحدة',
  two: 'قصتان',
  few: '{n} قصص',
  many: '{n} قصة',
  other: '{n} قصة',
};
