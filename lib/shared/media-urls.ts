// The contract between uploads and the pages that show images: every stored web size of an
// image is a file in the picture store (MEDIA_DIR or a bucket: db/media-store.ts), served at
// /media/<file>.

export type MediaVariant = { width: number; height: number; file: string; bytes: number };

export function mediaUrl(file: string): string {
  return `/media/${encodeURIComponent(file)}`;
}

export function mediaSrcSet(variants: readonly MediaVariant[]): string {
  return variants.map((v) => `${mediaUrl(v.file)} ${v.width}w`).join(', ');
}

// The largest variant at most `width` wide, or the smallest one: a sensible `src` fallback.
export function mediaSrc(variants: readonly MediaVariant[], width = 1200): string {
  const fitting = variants.filter((v) => v.width <= width);
  const chosen = fitting.at(-1) ?? variants[0];
  return chosen ? mediaUrl(chosen.file) : '';
}

// Stored file names are made by the server (lib/newsroom/uploads.ts): 32 random hex digits, the width, and
// the format. Anything else is not ours, so it is neither served nor accepted in an article.
export const MEDIA_FILE_PATTERN = /^[0-9a-f]{32}-[1-9][0-9]{0,4}\.webp$/;
const MEDIA_PATH_PATTERN = /^\/media\/([0-9a-f]{32}-[1-9][0-9]{0,4}\.webp)$/;

export function isMediaFile(file: string): boolean {
  return MEDIA_FILE_PATTERN.test(file);
}

export function isMediaPath(src: string): boolean {
  return MEDIA_PATH_PATTERN.test(src);
}

// An uploaded image as the newsroom's pages and the editor see it.
export type MediaItem = {
  id: number;
  width: number;
  height: number;
  variants: MediaVariant[];
  src: string;
  srcSet: string;
  alt: string;
  caption: string;
  credit: string;
};

// Upload rules, shared so that the browser can refuse early with the server's own words; the
// server checks again (lib/newsroom/uploads.ts).
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
export const MAX_IMAGE_SIDE = 12_000;
export const MAX_IMAGE_PIXELS = 50_000_000;
export const ACCEPTED_IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/avif';

export const UPLOAD_MESSAGES = {
  missing: 'اختر صورة لرفعها.',
  empty: 'الملف فارغ.',
  too_large: 'حجم الصورة أكبر من 10 ميغابايت.',
  svg: 'صور SVG غير مقبولة لأنها قد تحمل شيفرة. الصور المقبولة: JPEG وPNG وWebP وAVIF.',
  unsupported: 'نوع الملف غير مقبول. الصور المقبولة: JPEG وPNG وWebP وAVIF.',
  corrupt: 'تعذّرت قراءة الصورة؛ قد يكون الملف تالفاً أو ناقصاً.',
  too_many_pixels: `أبعاد الصورة أكبر من المسموح (${MAX_IMAGE_SIDE} بكسل للضلع، و50 ميغابكسل للصورة).`,
  // The picture store (a disk, a bucket) did not take the picture: nothing was kept or recorded.
  unavailable: 'تعذّر حفظ الصورة لأن مخزن الصور لا يستجيب الآن؛ لم يُحفظ شيء. أعد المحاولة بعد قليل.',
} as const;
export type UploadRefusal = keyof typeof UPLOAD_MESSAGES;
