import { listForSitemap, listSections } from '@/lib/reader/queries';
import { renderSitemap, xmlResponse } from '@/lib/reader/feed-xml';
import { absoluteUrl } from '@/lib/shared/settings';
import { articlePath } from '@/lib/shared/urls';
import { publicRoute } from '@/lib/http/route';

// Every published article and section. Rendered per request (nothing from the build).
export const dynamic = 'force-dynamic';

function get() {
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

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, () => get());
