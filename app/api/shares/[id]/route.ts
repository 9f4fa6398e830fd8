import { headers } from 'next/headers';
import { recordShare } from '@/db/queries/stats';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { parseId } from '@/lib/urls';
import { isKnownBot, visitorOfRequest } from '@/lib/visitors';

// Sent when a reader uses a share link. Anonymous: it only ever adds one to a published article's
// shares, counted like views (once per visitor per half hour, a few at most from one address).
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  if (!articleId) return new Response(null, { status: 404 });
  const requestHeaders = await headers();
  if (isKnownBot(requestHeaders.get('user-agent'))) return new Response(null, { status: 204 });
  try {
    // Waits for another process's write lock without blocking other requests (db/write-lock.ts).
    await whenWritable(() => recordShare(articleId, visitorOfRequest(requestHeaders)));
  } catch (error) {
    if (error instanceof DatabaseBusyError) return new Response(null, { status: 503 });
    throw error;
  }
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
