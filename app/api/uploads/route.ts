import { uploadMedia, UploadRefused } from '@/lib/newsroom/uploads';
import { MAX_UPLOAD_BYTES, UPLOAD_MESSAGES } from '@/lib/shared/media-urls';
import { newsroomRoute } from '@/lib/http/route';
import { mediaTextInput } from '@/lib/shared/validation/media';

// POST /api/uploads: one image in the multipart field `file` (and optional alt, caption, credit).
// Next reads route bodies without a limit of its own, so the door sets one: a declared
// Content-Length over the cap is refused before reading, and the stream is cut off at the cap
// whatever the header said.
const MULTIPART_ALLOWANCE = 64 * 1024;

export const POST = newsroomRoute(
  {
    body: 'multipart',
    maxBytes: MAX_UPLOAD_BYTES + MULTIPART_ALLOWANCE,
    messages: { too_large: UPLOAD_MESSAGES.too_large, unsupported_media_type: UPLOAD_MESSAGES.missing },
  },
  async (user, { form }) => {
    const file = form!.get('file');
    if (!(file instanceof File)) throw new UploadRefused('missing');
    const text = mediaTextInput.parse({
      alt: form!.get('alt') ?? undefined,
      caption: form!.get('caption') ?? undefined,
      credit: form!.get('credit') ?? undefined,
    });
    const media = await uploadMedia(user, Buffer.from(await file.arrayBuffer()), file.name, text);
    return { media };
  },
);
