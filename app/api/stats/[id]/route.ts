import { getReaderCounts } from '@/db/queries/stats';
import { parseId } from '@/lib/urls';

// An article's counts for its page. One primary-key read; a CDN may keep it for a minute, so the
// counts readers see are at most a minute old.
export function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return params.then(({ id }) => {
    const articleId = parseId(id);
    if (!articleId) return Response.json({ error: 'not_found' }, { status: 404 });
    const counts = getReaderCounts(articleId);
    if (!counts) return Response.json({ error: 'not_found' }, { status: 404 });
    return Response.json(counts, {
      headers: { 'Cache-Control': 'public, max-age=0, s-maxage=60' },
    });
  });
}
