import { headers } from 'next/headers';
import { addComment } from '@/db/queries/comments';
import { ActionError, ERROR_MESSAGES } from '@/lib/errors';
import { parseId } from '@/lib/urls';
import { commentInput } from '@/lib/validation/comment';
import { visitorOfRequest } from '@/lib/visitors';

// A reader adds a comment (name and text, no account). It is held بانتظار المراجعة until an editor
// approves it in إدارة التعليقات. Refusals come back as Arabic messages per field, with nothing
// stored: empty, too long, too many links, the same text twice, too many a minute from one client.

const MAX_BODY_BYTES = 32 * 1024;
const HELD = 'وصل تعليقك، وهو بانتظار المراجعة قبل أن يظهر.';

const refuse = (status: number, fieldErrors: Record<string, string>, message?: string) =>
  Response.json(
    { ok: false, message: message ?? Object.values(fieldErrors)[0], fieldErrors },
    { status, headers: { 'Cache-Control': 'no-store' } },
  );

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  if (!articleId) return refuse(404, { form: ERROR_MESSAGES.not_found });
  if (!(request.headers.get('content-type') ?? '').startsWith('application/json'))
    return refuse(415, { form: 'أرسل التعليق من نموذج الصفحة.' });
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) return refuse(413, { text: 'التعليق أطول من المسموح.' });
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return refuse(400, { form: ERROR_MESSAGES.invalid_input });
  }
  const parsed = commentInput.safeParse(body);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'form')] ??= issue.message;
    return refuse(400, fieldErrors);
  }
  try {
    const { id } = addComment(articleId, parsed.data, visitorOfRequest(await headers()).id);
    return Response.json(
      { ok: true, id, status: 'pending', message: HELD },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    if (error instanceof ActionError) {
      if (error.code === 'not_found') return refuse(404, { form: ERROR_MESSAGES.not_found });
      return refuse(
        error.fieldErrors?.form ? 403 : 400,
        error.fieldErrors ?? { form: ERROR_MESSAGES[error.code] },
      );
    }
    console.error('comment failed', error);
    return refuse(500, { form: ERROR_MESSAGES.server_error });
  }
}
