'use server';

import { calendarFeedPath, renewCalendarToken, revokeCalendarToken } from '@/lib/newsroom/calendar-feed';
import {
  decidePitch,
  planStory,
  proposePitch,
  respondToAssignment,
  startWriting,
  updateStory,
} from '@/lib/newsroom/planning';
import { rescheduleArticle } from '@/lib/newsroom/workflow';
import { newsroomAction } from '@/lib/http/action';
import { ActionError } from '@/lib/shared/errors';
import { assertCanPlan } from '@/lib/shared/permissions';
import { PLANNING_MESSAGES } from '@/lib/shared/planning';
import { newsroomSettings } from '@/lib/shared/settings';
import {
  assignmentOnlyInput,
  calendarFeedInput,
  decidePitchInput,
  pitchInput,
  planStoryInput,
  rescheduleInput,
  respondInput,
  storyValuesOf,
  updateStoryInput,
} from '@/lib/shared/validation/planning';
import { parseNewsroomMinute } from '@/lib/shared/validation/workflow';

// The planning desk's writes (خطة التغطية, التكليفات, المقترحات, التقويم التحريري), each through the
// one door: session → origin → zod → permission inside the query's write transaction.

const zone = () => newsroomSettings.dates.timeZone;

function storyOf(input: Parameters<typeof storyValuesOf>[0]) {
  const values = storyValuesOf(input, zone());
  if (!values.ok) throw new ActionError('invalid_input', values.errors);
  return { ...input, deadline: values.deadline, wordTarget: values.wordTarget };
}

export const planStoryAction = newsroomAction(planStoryInput, (user, input) => {
  const story = planStory(user, storyOf(input));
  return { id: story.id };
});

export const updateStoryAction = newsroomAction(updateStoryInput, (user, input) => {
  const { assignmentId, ...fields } = input;
  const story = updateStory(user, assignmentId, null, storyOf(fields));
  return { id: story.id };
});

export const respondAction = newsroomAction(respondInput, (user, input) => {
  respondToAssignment(
    user,
    input.assignmentId,
    input.answer === 'accept' ? { accept: true } : { accept: false, reason: input.reason },
  );
  return { id: input.assignmentId };
});

export const startWritingAction = newsroomAction(assignmentOnlyInput, (user, input) =>
  startWriting(user, input.assignmentId),
);

export const proposePitchAction = newsroomAction(pitchInput, (user, input) => {
  const pitch = proposePitch(user, input);
  return { id: pitch.id };
});

export const decidePitchAction = newsroomAction(decidePitchInput, (user, input) => {
  const pitch = decidePitch(
    user,
    input.pitchId,
    input.decision === 'accept'
      ? { accept: true, planDay: input.planDay }
      : { accept: false, reason: input.reason },
  );
  return { id: pitch.id, assignmentId: pitch.assignmentId };
});

// The calendar's move of a scheduled article (drag, or the move-to control): the workflow's own
// schedule transition, which checks the permission on the row inside its transaction.
export const rescheduleAction = newsroomAction(rescheduleInput, (user, input) => {
  assertCanPlan(user, 'reschedule');
  const at = parseNewsroomMinute(input.scheduledAt, zone());
  if (!at) throw new ActionError('invalid_input', { scheduledAt: PLANNING_MESSAGES.slot });
  return rescheduleArticle(user, input.articleId, at);
});

export const calendarFeedAction = newsroomAction(calendarFeedInput, (user, input) => {
  if (input.revoke) {
    revokeCalendarToken(user);
    return { path: null };
  }
  return { path: calendarFeedPath(renewCalendarToken(user)) };
});
