import { renderNewsSitemap, xmlResponse } from '@/lib/feeds';
import { readSitemap } from '@/lib/reader-data';
import { publicRoute } from '@/lib/route';

// The news sitemap: articles published in the last two days.
export const dynamic = 'force-static';
export const revalidate = 300;

const TWO_DAYS_MS = 2 * 24 * 60 * 60 * 1000;

export const GET = publicRoute({ sameOrigin: false }, async () => {
  const since = Date.now() - TWO_DAYS_MS;
  const recent = (await readSitemap()).filter((entry) => entry.publishedAt.getTime() >= since).slice(0, 1000);
  return xmlResponse(renderNewsSitemap(recent), 'application/xml');
});
