import { headers } from 'next/headers';
import { recordView } from '@/db/queries/stats';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { parseId } from '@/lib/urls';
import { isKnownBot, visitorOfRequest } from '@/lib/visitors';

// A reader's view beacon. Anonymous by design and without a cookie: it only ever adds one to a
// published article's views, once per visitor (hashed address and user agent) per half hour, a
// few at most from one address, and never for known bots.
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  if (!articleId) return new Response(null, { status: 404 });
  const requestHeaders = await headers();
  if (isKnownBot(requestHeaders.get('user-agent'))) return new Response(null, { status: 204 });
  try {
    // Waits for another process's write lock without blocking other requests (db/write-lock.ts).
    await whenWritable(() => recordView(articleId, visitorOfRequest(requestHeaders)));
  } catch (error) {
    if (error instanceof DatabaseBusyError) return new Response(null, { status: 503 });
    throw error;
  }
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
