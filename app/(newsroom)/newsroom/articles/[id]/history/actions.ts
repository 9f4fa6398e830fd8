'use server';

import { z } from 'zod';
import { restoreRevision } from '@/lib/newsroom/history';
import { newsroomAction } from '@/lib/http/action';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// استعادة goes through the one door; the query checks the permission inside its transaction.
export const restoreRevisionAction = newsroomAction(
  z.object({ articleId: id, revisionId: id }),
  (user, input) => restoreRevision(user, input.articleId, input.revisionId),
);
