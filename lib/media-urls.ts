// The contract between uploads and the pages that show images: every stored web size of an
// image is a file in MEDIA_DIR, served at /media/<file>.

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

// Stored file names are made by the server (lib/media.ts): 32 random hex digits, the width, and
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
