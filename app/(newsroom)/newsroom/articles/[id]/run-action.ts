import { STATE_CHANGED, tellDesk } from '@/components/editor/DeskNotice';
import type { ActionResult, FieldErrors } from '@/lib/shared/errors';

export type Outcome =
  { ok: true } | { ok: false; message: string; fieldErrors: FieldErrors; stale?: boolean };

// Calls a server action and turns every failure, the network's included, into Arabic words. A
// refusal because the article moved on is told at the top of the page (DeskNotice), which the
// caller refreshes (`stale`).
export async function runAction<T>(call: () => Promise<ActionResult<T>>): Promise<Outcome> {
  try {
    const result = await call();
    if (result.ok) return { ok: true };
    if (result.code === STATE_CHANGED) {
      tellDesk(result.message);
      return { ok: false, message: '', fieldErrors: {}, stale: true };
    }
    return { ok: false, message: result.message, fieldErrors: result.fieldErrors ?? {} };
  } catch {
    return { ok: false, message: 'تعذّر الاتصال بالخادم. أعد المحاولة.', fieldErrors: {} };
  }
}
