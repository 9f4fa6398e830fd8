import { recordView } from '@/lib/reader/counters';
import { idParams, publicRoute } from '@/lib/http/route';
import { isKnownBot, visitorOfRequest } from '@/lib/reader/visitors';

// A reader's view beacon. Anonymous by design and without a cookie: it only ever adds one to a
// published article's views, once per visitor (hashed address and user agent) per half hour, a
// few at most from one address, and never for known bots. The public door refuses a body and a
// post from another site. The production server takes these beacons itself, in batches, with the
// same rules (lib/server/beacons.mjs, db/counters.mjs); this route answers under `next start`.
export const POST = publicRoute({ params: idParams }, ({ request, params }) => {
  if (!isKnownBot(request.headers.get('user-agent')))
    recordView(params.id, visitorOfRequest(request.headers));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
