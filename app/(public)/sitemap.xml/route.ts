import { listForSitemap, listSections } from '@/db/queries/public';
import { renderSitemap, xmlResponse } from '@/lib/feeds';
import { absoluteUrl } from '@/lib/settings';
import { articlePath } from '@/lib/urls';

// Every published article and section. Rendered per request (nothing from the build).
export const dynamic = 'force-dynamic';

export function GET() {
  const articles = listForSitemap();
  return xmlResponse(
    renderSitemap([
      { loc: absoluteUrl('/'), changeFrequency: 'always', lastModified: articles[0]?.publishedAt },
      ...listSections().map((section) => ({
        loc: absoluteUrl(`/section/${encodeURIComponent(section.slug)}`),
        changeFrequency: 'hourly',
      })),
      ...articles.map((article) => ({
        loc: absoluteUrl(articlePath(article)),
        lastModified: article.updatedAt ?? article.publishedAt,
      })),
    ]),
    'application/xml',
  );
}
