import { updateMediaText } from '@/db/queries/media';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { getCurrentUser } from '@/lib/auth';
import { ERROR_MESSAGES } from '@/lib/errors';
import { ForbiddenError } from '@/lib/permissions';
import { parseId } from '@/lib/urls';
import { mediaTextInput } from '@/lib/validation/media';

const NOT_FOUND = 'الصورة غير موجودة.';

// PATCH /api/media/<id>: the library's alternative text, caption and credit for one image.
export async function PATCH(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await getCurrentUser();
  if (!user) return json(401, { ok: false, message: ERROR_MESSAGES.unauthenticated });
  const id = parseId((await params).id);
  if (!id) return json(404, { ok: false, message: NOT_FOUND });
  let raw: unknown;
  try {
    raw = await request.json();
  } catch {
    return json(400, { ok: false, message: ERROR_MESSAGES.invalid_input });
  }
  const text = mediaTextInput.safeParse(raw);
  if (!text.success) {
    return json(400, { ok: false, message: text.error.issues[0]?.message ?? ERROR_MESSAGES.invalid_input });
  }
  try {
    const media = await whenWritable(() => updateMediaText(user, id, text.data));
    if (!media) return json(404, { ok: false, message: NOT_FOUND });
    return json(200, { ok: true, media });
  } catch (error) {
    if (error instanceof ForbiddenError) return json(403, { ok: false, message: ERROR_MESSAGES.forbidden });
    if (error instanceof DatabaseBusyError) return json(503, { ok: false, message: ERROR_MESSAGES.busy });
    throw error;
  }
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}
