import { apiRoute } from '@/lib/http/api-route';
import { uploadMedia, UploadRefused } from '@/lib/newsroom/uploads';
import { MAX_UPLOAD_BYTES } from '@/lib/shared/media-urls';
import { mediaTextInput } from '@/lib/shared/validation/media';
import { mediaUrl } from '@/lib/shared/media-urls';

// POST /api/v1/images: one image (multipart field `file`, optional alt, caption, credit) into the
// photo library, through the newsroom's own upload (decoded, re-encoded, sized).
export const POST = apiRoute(
  { operation: 'uploadImage', body: 'multipart', maxBytes: MAX_UPLOAD_BYTES + 64 * 1024 },
  async (caller, { form }) => {
    const file = form!.get('file');
    if (!(file instanceof File)) throw new UploadRefused('missing');
    const text = mediaTextInput.parse({
      alt: form!.get('alt') ?? undefined,
      caption: form!.get('caption') ?? undefined,
      credit: form!.get('credit') ?? undefined,
    });
    const media = await uploadMedia(caller.owner, Buffer.from(await file.arrayBuffer()), file.name, text);
    const largest = media.variants.at(-1)!;
    return { id: media.id, url: mediaUrl(largest.file), width: largest.width, height: largest.height };
  },
);
