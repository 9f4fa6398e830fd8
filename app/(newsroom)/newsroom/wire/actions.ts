'use server';

import { newsroomAction } from '@/lib/http/action';
import { takeWireItem } from '@/lib/platform/wire';
import { z } from '@/lib/shared/validation/zod';

const takeInput = z.object({ wireId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

// One action: the agency item leaves the wire queue and its draft becomes the editor's.
export const takeWireItemAction = newsroomAction(takeInput, (user, input) =>
  takeWireItem(user, input.wireId),
);
