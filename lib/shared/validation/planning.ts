import { z } from './zod';
import { PRIORITIES } from '@/lib/shared/enums';
import { parseWordTarget, PLANNING_MESSAGES as M } from '@/lib/shared/planning';
import { parseNewsroomMinute } from '@/lib/shared/validation/workflow';

// The planning desk's forms (خطة التغطية, المقترحات, التكليفات, التقويم التحريري). The shape is
// checked here; what needs the database or the clock (a disabled assignee, a past deadline) by
// the queries (lib/newsroom/planning.ts), each refusal next to its field.

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const optionalId = z.union([z.literal(''), z.null(), id]).transform((v) => (v === '' ? null : v));
const text = (max: number, message: string) =>
  z
    .string()
    .max(max * 2, message)
    .transform((value) => value.trim())
    .pipe(z.string().max(max, message));

export const headlineIdeaField = z
  .string({ error: M.headlineIdea })
  .max(600, M.headlineIdeaLong)
  .transform((value) => value.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1, M.headlineIdea).max(300, M.headlineIdeaLong));

// A newsroom day YYYY-MM-DD (checked for a real date by the query) and a minute as
// <input type="datetime-local"> sends it.
const dayField = z.string({ error: M.day }).max(20, M.day);
const minuteField = z.string().max(40, M.deadlineInvalid);

export const pitchInput = z.object({
  headlineIdea: headlineIdeaField,
  angle: text(2000, 'الزاوية أطول من 2000 حرف'),
  sectionId: optionalId,
  suggestedDay: dayField,
});

export const decidePitchInput = z.discriminatedUnion('decision', [
  z.object({ pitchId: id, decision: z.literal('accept'), planDay: dayField.optional() }),
  z.object({
    pitchId: id,
    decision: z.literal('decline'),
    reason: text(1000, 'السبب أطول من 1000 حرف').pipe(z.string().min(1, M.declinePitchReason)),
  }),
]);

// A planned story, new or changed. Empty deadline / word target / assignee: none yet.
export const storyFields = z.object({
  planDay: dayField,
  headlineIdea: headlineIdeaField,
  angle: text(2000, 'الزاوية أطول من 2000 حرف'),
  notes: text(5000, 'الملاحظات أطول من 5000 حرف'),
  sectionId: optionalId,
  priority: z.enum(PRIORITIES, { error: 'الأولوية: عاجل أو عادي' }),
  assigneeId: optionalId,
  deadline: minuteField,
  wordTarget: z.union([z.string().max(20, M.wordTarget), z.number()]),
});
export const planStoryInput = storyFields;
export const updateStoryInput = storyFields.extend({ assignmentId: id });

export const respondInput = z.discriminatedUnion('answer', [
  z.object({ assignmentId: id, answer: z.literal('accept') }),
  z.object({
    assignmentId: id,
    answer: z.literal('decline'),
    reason: text(1000, 'السبب أطول من 1000 حرف').pipe(z.string().min(1, M.reason)),
  }),
]);

export const assignmentOnlyInput = z.object({ assignmentId: id });

// The calendar's move: a scheduled article to another minute (drag, or the move-to control).
export const rescheduleInput = z.object({ articleId: id, scheduledAt: minuteField });

export const calendarFeedInput = z.object({ revoke: z.boolean() });

// The form's text made into a story's values: the deadline read in the newsroom's clock, the word
// target as a whole number; each refusal next to its field (ActionError's fieldErrors).
export function storyValuesOf(
  input: z.infer<typeof storyFields>,
  timeZone: string,
):
  | { ok: true; deadline: Date | null; wordTarget: number | null }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let deadline: Date | null = null;
  if (input.deadline.trim()) {
    deadline = parseNewsroomMinute(input.deadline, timeZone);
    if (!deadline) errors.deadline = M.deadlineInvalid;
  }
  const wordTarget = parseWordTarget(input.wordTarget);
  if (wordTarget === 'invalid') errors.wordTarget = M.wordTarget;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, deadline, wordTarget: wordTarget as number | null };
}
