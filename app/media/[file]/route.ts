import { mediaStore, MediaStoreUnavailable } from '@/db/media-store';
import { isMediaFile } from '@/lib/shared/media-urls';
import { publicRoute } from '@/lib/http/route';

// GET /media/<file>: a stored web size, from the picture store (MEDIA_DIR or a bucket). Only names
// the server makes are served (no traversal, no other files of the store), and a name is never
// reused, so browsers may keep it forever.
export const GET = publicRoute({}, async ({ params }) => {
  const file = String((params as { file?: string }).file ?? '');
  if (!isMediaFile(file)) return notFound();
  let data: Buffer<ArrayBuffer> | null;
  try {
    data = await mediaStore().get(file);
  } catch (error) {
    if (!(error instanceof MediaStoreUnavailable)) throw error;
    // A store that does not answer is not a missing picture (a 404 would be cached as one) nor a
    // fault of this server: the reader's browser, or Varnish, tries again shortly.
    sayOnceInAWhile(error.message);
    return plain(503, 'الصورة غير متاحة الآن؛ أعد المحاولة بعد قليل.', { 'Retry-After': '30' });
  }
  if (!data) return notFound();
  return new Response(data, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(data.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

// Every reader's every picture fails while the store is down: the log gets one line every ten
// seconds, not thousands.
let lastSaid = 0;
function sayOnceInAWhile(message: string) {
  if (Date.now() - lastSaid < 10_000) return;
  lastSaid = Date.now();
  console.error(`${message} (pictures answer 503 until it does)`);
}

function notFound(): Response {
  return plain(404, 'الصورة غير موجودة.');
}

function plain(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      // A store that is down now may be up in a moment: never kept by a browser or a cache in front.
      ...(status === 503 ? { 'Cache-Control': 'no-store' } : {}),
      ...headers,
    },
  });
}
