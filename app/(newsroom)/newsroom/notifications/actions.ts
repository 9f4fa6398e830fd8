'use server';

import { markNotificationsRead } from '@/db/queries/notes';
import { newsroomAction } from '@/lib/action';
import { markReadInput } from '@/lib/validation/workflow';

// Through the one door; the query marks only the signed-in person's own notifications.
export const markNotificationsReadAction = newsroomAction(markReadInput, (user, input) => ({
  marked: markNotificationsRead(user.id, input.ids),
}));
