'use server';

import { z } from 'zod';
import { restoreRevision } from '@/db/queries/revisions';
import { newsroomAction } from '@/lib/action';

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

// استعادة goes through the one door; the query checks the permission inside its transaction.
export const restoreRevisionAction = newsroomAction(
  z.object({ articleId: id, revisionId: id }),
  (user, input) => restoreRevision(user, input.articleId, input.revisionId),
);
