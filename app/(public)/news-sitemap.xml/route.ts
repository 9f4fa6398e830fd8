import { listForSitemap } from '@/lib/reader/queries';
import { renderNewsSitemap, xmlResponse } from '@/lib/reader/feed-xml';
import { publicRoute } from '@/lib/http/route';

// The news sitemap: articles published in the last two days. Rendered per request.
export const dynamic = 'force-dynamic';

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

// The public door, without reading the request: the sitemap is the same for every reader.
export const GET = publicRoute({ sameOrigin: false }, () =>
  xmlResponse(renderNewsSitemap(listForSitemap(new Date(Date.now() - TWO_DAYS_MS), 1000)), 'application/xml'),
);
