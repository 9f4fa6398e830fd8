import 'server-only';
import type { z } from 'zod';
import { headers } from 'next/headers';
import type { User } from '@/db/schema';
import { sessionStateFor } from '@/lib/auth/session';
import { currentSessionClaims } from '@/lib/http/claims';
import {
  factsOfHeaders,
  fieldErrorsOf,
  mark,
  sameOrigin,
  type Marked,
  type RequestFacts,
} from '@/lib/http/door';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { ActionError, fail, type ActionResult } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';

export type NewsroomAction<T> = Marked<
  (raw: unknown) => Promise<ActionResult<T>>,
  (facts: RequestFacts, raw: unknown) => Promise<ActionResult<T>>
>;

// The one door for every write: session → same origin → zod → (permission + query, inside the
// query's write transaction, so the state that was checked is the state that is changed). A write
// that finds another process holding the database's lock waits for it without blocking other requests.
// A member whose password an admin chose (must_change_password) is refused every write but the
// one that changes it (`beforePasswordChange`): the newsroom layout's redirect guards pages only,
// and an action can be posted without loading any page.
export function newsroomAction<S extends z.ZodType, T>(
  schema: S,
  handler: (user: User, input: z.infer<S>) => T | Promise<T>,
  options: { beforePasswordChange?: boolean } = {},
): NewsroomAction<T> {
  const run = async (facts: RequestFacts, raw: unknown): Promise<ActionResult<T>> => {
    try {
      const session = sessionStateFor(facts.claims);
      if (!('user' in session)) return fail(session.refused);
      const user = session.user;
      if (user.mustChangePassword && !options.beforePasswordChange) return fail('password_change_required');
      if (!sameOrigin(facts)) return fail('cross_origin');
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return fail('invalid_input', fieldErrorsOf(parsed.error));
      return { ok: true, data: await whenWritable(() => handler(user, parsed.data)) };
    } catch (error) {
      if (error instanceof DatabaseBusyError) return fail('busy');
      if (error instanceof ActionError) return fail(error.code, error.fieldErrors, error.current, error.said);
      if (error instanceof ForbiddenError) return fail('forbidden');
      console.error('newsroom action failed', error);
      return fail('server_error');
    }
  };
  return mark(
    async (raw: unknown) => run(factsOfHeaders(await headers(), await currentSessionClaims()), raw),
    'action',
    run,
  );
}
