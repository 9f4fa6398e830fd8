import type { MetadataRoute } from 'next';
import { absoluteUrl } from '@/lib/settings';

export default function robots(): MetadataRoute.Robots {
  return {
    rules: { userAgent: '*', allow: '/', disallow: ['/newsroom', '/signin', '/api/'] },
    sitemap: [absoluteUrl('/sitemap.xml'), absoluteUrl('/news-sitemap.xml')],
    host: absoluteUrl('/'),
  };
}
