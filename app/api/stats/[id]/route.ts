import { getReaderCounts } from '@/lib/reader/counters';
import { ActionError } from '@/lib/shared/errors';
import { idParams, publicRoute } from '@/lib/http/route';

// An article's counts for its page. One primary-key read; a CDN may keep it for a minute, so the
// counts readers see are at most a minute old. An article readers cannot see (a draft, under
// embargo) has no counts: "not found", as its page.
export const GET = publicRoute({ params: idParams }, ({ params }) => {
  const counts = getReaderCounts(params.id);
  if (!counts) throw new ActionError('not_found');
  return Response.json(counts, {
    headers: { 'Cache-Control': 'public, max-age=0, s-maxage=60' },
  });
});
