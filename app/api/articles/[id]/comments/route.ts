import { addComment } from '@/lib/newsroom/comments';
import { idParams, publicRoute } from '@/lib/http/route';
import { commentInput } from '@/lib/shared/validation/comment';
import { visitorOfRequest } from '@/lib/reader/visitors';

// A reader adds a comment (name and text, no account). It is held بانتظار المراجعة until an editor
// approves it in إدارة التعليقات. Refusals come back as Arabic messages per field, with nothing
// stored: empty, too long, too many links, the same text twice, too many a minute from one client.

const MAX_BODY_BYTES = 32 * 1024;
const HELD = 'وصل تعليقك، وهو بانتظار المراجعة قبل أن يظهر.';

// Through the public door: JSON only, 32 kB at most, from this site's pages only; refusals and
// their statuses come from the door (lib/http/route.ts), with the field each message belongs to.
export const POST = publicRoute(
  {
    params: idParams,
    body: 'json',
    maxBytes: MAX_BODY_BYTES,
    input: commentInput,
    messages: {
      unsupported_media_type: 'أرسل التعليق من نموذج الصفحة.',
      too_large: 'التعليق أطول من المسموح.',
    },
  },
  ({ request, params, input }) => {
    const { id } = addComment(params.id, input, visitorOfRequest(request.headers).id);
    return Response.json(
      { ok: true, id, status: 'pending', message: HELD },
      { status: 201, headers: { 'Cache-Control': 'no-store' } },
    );
  },
);
