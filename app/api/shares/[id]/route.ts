import { recordShare } from '@/db/queries/stats';
import { idParams, publicRoute } from '@/lib/route';
import { isKnownBot } from '@/lib/visitors';

// Sent when a reader uses a share link. Anonymous: it only ever adds one to a published
// article's shares. The public door refuses a body and a post from another site.
export const POST = publicRoute({ params: idParams }, ({ request, params }) => {
  if (!isKnownBot(request.headers.get('user-agent'))) recordShare(params.id);
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});
