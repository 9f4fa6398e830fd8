import { listRecentMedia, RECENT_MEDIA_DEFAULT } from '@/db/queries/media';
import { getCurrentUser } from '@/lib/auth';
import { ERROR_MESSAGES } from '@/lib/errors';

// GET /api/media?limit=…: the newsroom's recent uploads, newest first, for reuse.
export async function GET(request: Request): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return json(401, { ok: false, message: ERROR_MESSAGES.unauthenticated });
  const limit = Number(new URL(request.url).searchParams.get('limit') ?? RECENT_MEDIA_DEFAULT);
  return json(200, { ok: true, media: listRecentMedia(user, limit) });
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } });
}
