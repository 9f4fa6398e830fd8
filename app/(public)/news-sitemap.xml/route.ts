import { listForSitemap } from '@/db/queries/public';
import { renderNewsSitemap, xmlResponse } from '@/lib/feeds';

// The news sitemap: articles published in the last two days. Rendered per request.
export const dynamic = 'force-dynamic';

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

export function GET() {
  return xmlResponse(
    renderNewsSitemap(listForSitemap(new Date(Date.now() - TWO_DAYS_MS), 1000)),
    'application/xml',
  );
}
