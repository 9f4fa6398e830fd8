'use server';

import { markNotificationsRead } from '@/lib/newsroom/notes';
import { newsroomAction } from '@/lib/http/action';
import { markReadInput } from '@/lib/shared/validation/workflow';

// Through the one door; the query marks only the signed-in person's own notifications.
export const markNotificationsReadAction = newsroomAction(markReadInput, (user, input) => ({
  marked: markNotificationsRead(user.id, input.ids),
}));
