import type { MetadataRoute } from 'next';
import { listSections } from '@/db/queries/public';
import { readSitemap } from '@/lib/reader-data';
import { absoluteUrl } from '@/lib/settings';
import { articlePath } from '@/lib/urls';

// Every published article and section; refreshed with the home page (lib/reader-cache.ts).
export const revalidate = 300;

export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const articles = await readSitemap();
  return [
    { url: absoluteUrl('/'), changeFrequency: 'always', lastModified: articles[0]?.publishedAt },
    ...listSections().map((section) => ({
      url: absoluteUrl(`/section/${encodeURIComponent(section.slug)}`),
      changeFrequency: 'hourly' as const,
    })),
    ...articles.map((article) => ({
      url: absoluteUrl(articlePath(article)),
      lastModified: article.updatedAt ?? article.publishedAt,
    })),
  ];
}
