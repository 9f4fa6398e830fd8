import type { ActionResult, FieldErrors } from '@/lib/shared/errors';

export type Outcome = { ok: true } | { ok: false; message: string; fieldErrors: FieldErrors };

// Calls a server action and turns every failure, the network's included, into Arabic words.
export async function runAction<T>(call: () => Promise<ActionResult<T>>): Promise<Outcome> {
  try {
    const result = await call();
    if (result.ok) return { ok: true };
    return { ok: false, message: result.message, fieldErrors: result.fieldErrors ?? {} };
  } catch {
    return { ok: false, message: 'تعذّر الاتصال بالخادم. أعد المحاولة.', fieldErrors: {} };
  }
}
