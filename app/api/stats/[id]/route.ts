import { getArticleCounts } from '@/db/queries/stats';
import { idParams, publicRoute } from '@/lib/route';

// An article's counts for its page. One primary-key read; a CDN may keep it for a minute, so the
// counts readers see are at most a minute old.
export const GET = publicRoute({ params: idParams }, ({ params }) =>
  Response.json(getArticleCounts(params.id), {
    headers: { 'Cache-Control': 'public, max-age=0, s-maxage=60' },
  }),
);
