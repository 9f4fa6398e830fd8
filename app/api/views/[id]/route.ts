import { cookies, headers } from 'next/headers';
import { recordView } from '@/db/queries/stats';
import { DatabaseBusyError, whenWritable } from '@/db/write-lock';
import { parseId } from '@/lib/urls';
import { VISITOR_COOKIE, isKnownBot, newVisitor, validVisitor } from '@/lib/visitors';

// A reader's view beacon. Anonymous by design: it only ever adds one to a published article's
// views, once per browser (cookie) per half hour, and never for known bots.
export async function POST(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  if (!articleId) return new Response(null, { status: 404 });
  if (isKnownBot((await headers()).get('user-agent'))) return new Response(null, { status: 204 });
  const jar = await cookies();
  const visitor = validVisitor(jar.get(VISITOR_COOKIE)?.value) ?? newVisitor();
  jar.set(VISITOR_COOKIE, visitor, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/api/',
    maxAge: 60 * 60 * 24 * 365,
  });
  try {
    await whenWritable(() => recordView(articleId, visitor));
  } catch (error) {
    if (error instanceof DatabaseBusyError) return new Response(null, { status: 503 });
    throw error;
  }
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}
