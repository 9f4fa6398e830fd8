import { updateMediaText } from '@/lib/newsroom/media-library';
import { Refusal } from '@/lib/shared/errors';
import { idParams, newsroomRoute } from '@/lib/http/route';
import { mediaTextInput } from '@/lib/shared/validation/media';

const NOT_FOUND = 'الصورة غير موجودة.';

// PATCH /api/media/<id>: the library's alternative text, caption and credit for one image.
export const PATCH = newsroomRoute(
  { params: idParams, body: 'json', input: mediaTextInput },
  (user, { params, input }) => {
    const media = updateMediaText(user, params.id, input);
    if (!media) throw new Refusal(404, NOT_FOUND);
    return { media };
  },
);
