import 'server-only';
import type { z } from 'zod';
import type { User } from '@/db/schema';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { getSessionState } from '@/lib/auth';
import { ActionError, fail, type ActionResult, type FieldErrors } from '@/lib/errors';
import { ForbiddenError } from '@/lib/permissions';

// The one door for every write: session → zod → (permission + query, inside the query's write
// transaction, so the state that was checked is the state that is changed). A write that finds
// another process holding the database's lock waits for it without blocking other requests.
export function newsroomAction<S extends z.ZodType, T>(
  schema: S,
  handler: (user: User, input: z.infer<S>) => T | Promise<T>,
): (raw: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    const session = await getSessionState();
    if (!('user' in session)) return fail(session.refused);
    const user = session.user;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return fail('invalid_input', fieldErrorsOf(parsed.error));
    try {
      return { ok: true, data: await whenWritable(() => handler(user, parsed.data)) };
    } catch (error) {
      if (error instanceof DatabaseBusyError) return fail('busy');
      if (error instanceof ActionError) return fail(error.code, error.fieldErrors, error.current);
      if (error instanceof ForbiddenError) return fail('forbidden');
      console.error('newsroom action failed', error);
      return fail('server_error');
    }
  };
}

function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issue.message;
  }
  return out;
}
