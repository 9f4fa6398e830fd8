import { z } from './zod';
import { BYLINE_MAX, CAPTION_MAX } from '@/lib/shared/validation/article';

// The texts that travel with an uploaded image: the same limits as the article's lead image.
export const mediaTextInput = z.object({
  alt: z.string().max(CAPTION_MAX, `النص البديل أطول من ${CAPTION_MAX} حرف`).default(''),
  caption: z.string().max(CAPTION_MAX, `التعليق على الصورة أطول من ${CAPTION_MAX} حرف`).default(''),
  credit: z.string().max(BYLINE_MAX, `مصدر الصورة أطول من ${BYLINE_MAX} حرف`).default(''),
});
export type MediaTextInput = z.infer<typeof mediaTextInput>;
