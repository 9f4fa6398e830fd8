import { DatabaseBusyError } from '@/db/write-lock';
import { getCurrentUser } from '@/lib/auth';
import { ERROR_MESSAGES } from '@/lib/errors';
import { UploadRefused, uploadMedia } from '@/lib/media';
import { MAX_UPLOAD_BYTES, UPLOAD_MESSAGES, type UploadRefusal } from '@/lib/media-urls';
import { mediaTextInput } from '@/lib/validation/media';

// POST /api/uploads: one image in the multipart field `file` (and optional alt, caption, credit).
// Next reads route bodies without a limit of its own, so this handler sets one: a declared
// Content-Length over the cap is refused before reading, and the stream is cut off at the cap
// whatever the header said.
const MULTIPART_ALLOWANCE = 64 * 1024;
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE;

export async function POST(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return json(401, { ok: false, message: ERROR_MESSAGES.unauthenticated });
  if (!sameOrigin(request)) return json(403, { ok: false, message: ERROR_MESSAGES.forbidden });

  const contentType = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data;/i.test(contentType)) return refuse('missing');
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY_BYTES) return refuse('too_large');
  const body = await readAtMost(request, MAX_BODY_BYTES);
  if (!body) return refuse('too_large');

  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return refuse('missing');
  }
  const file = form.get('file');
  if (!(file instanceof File)) return refuse('missing');
  const text = mediaTextInput.safeParse({
    alt: form.get('alt') ?? undefined,
    caption: form.get('caption') ?? undefined,
    credit: form.get('credit') ?? undefined,
  });
  if (!text.success) {
    return json(400, { ok: false, message: text.error.issues[0]?.message ?? ERROR_MESSAGES.invalid_input });
  }

  try {
    const media = await uploadMedia(user, Buffer.from(await file.arrayBuffer()), file.name, text.data);
    return json(200, { ok: true, media });
  } catch (error) {
    if (error instanceof UploadRefused) return json(error.status, { ok: false, message: error.message });
    if (error instanceof DatabaseBusyError) return json(503, { ok: false, message: ERROR_MESSAGES.busy });
    console.error('upload failed', error);
    return json(500, { ok: false, message: ERROR_MESSAGES.server_error });
  }
}

function refuse(reason: UploadRefusal): Response {
  return json(new UploadRefused(reason).status, { ok: false, message: UPLOAD_MESSAGES[reason] });
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

// The session cookie is SameSite=Lax already; a browser's cross-site form post is refused too.
function sameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin) return true;
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

async function readAtMost(request: Request, limit: number): Promise<Blob | null> {
  if (!request.body) return new Blob([]);
  const reader = request.body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return new Blob(chunks);
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
}
