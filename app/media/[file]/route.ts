import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mediaDir } from '@/lib/newsroom/uploads';
import { isMediaFile } from '@/lib/shared/media-urls';
import { publicRoute } from '@/lib/http/route';

// GET /media/<file>: a stored web size. Only names the server makes are served (no traversal,
// no other files of MEDIA_DIR), and a name is never reused, so browsers may keep it forever.
export const GET = publicRoute({}, async ({ params }) => {
  const file = String((params as { file?: string }).file ?? '');
  if (!isMediaFile(file)) return notFound();
  let data: Buffer;
  try {
    data = await readFile(path.join(mediaDir(), file));
  } catch {
    return notFound();
  }
  return new Response(new Uint8Array(data), {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(data.length),
      'Cache-Control': 'public, max-age=31536000, immutable',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});

function notFound(): Response {
  return new Response('الصورة غير موجودة.', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
  });
}
