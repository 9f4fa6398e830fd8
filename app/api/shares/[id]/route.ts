import { recordShare } from '@/lib/reader/counters';
import { idParams, publicRoute } from '@/lib/http/route';
import { isKnownBot, visitorOfRequest } from '@/lib/reader/visitors';

// Sent when a reader uses a share link. Anonymous: it only ever adds one to a published article's
// shares, counted like views (once per visitor per half hour, a few at most from one address).
// The public door refuses a body and a post from another site. The production server takes these
// beacons itself, in batches, with the same rules (lib/server/beacons.mjs); this route answers under
// `next start`.
export const POST = publicRoute({ params: idParams }, ({ request, params }) => {
  if (!isKnownBot(request.headers.get('user-agent')))
    recordShare(params.id, visitorOfRequest(request.headers));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
