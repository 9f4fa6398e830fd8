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
