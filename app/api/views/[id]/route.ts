import { cookies, headers } from 'next/headers';
import { recordView } from '@/db/queries/stats';
import { idParams, publicRoute } from '@/lib/route';
import { siteIsHttps } from '@/lib/settings';
import { VISITOR_COOKIE, isKnownBot, newVisitor, validVisitor } from '@/lib/visitors';

// A reader's view beacon. Anonymous by design: it only ever adds one to a published article's
// views, once per browser (cookie) per half hour, and never for known bots. The public door
// refuses a body and a post from another site.
export const POST = publicRoute({ params: idParams }, async ({ params }) => {
  if (isKnownBot((await headers()).get('user-agent'))) return new Response(null, { status: 204 });
  const jar = await cookies();
  const visitor = validVisitor(jar.get(VISITOR_COOKIE)?.value) ?? newVisitor();
  jar.set(VISITOR_COOKIE, visitor, {
    httpOnly: true,
    sameSite: 'lax',
    secure: siteIsHttps(),
    path: '/api/',
    maxAge: 60 * 60 * 24 * 365,
  });
  recordView(params.id, visitor);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
