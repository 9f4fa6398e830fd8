import { ARTICLE_CACHE_CONTROL } from '@/lib/reader/cache-control';
import { NINJS_CONTENT_TYPE, toNinjs, wantsNinjs } from '@/lib/platform/ninjs';
import type { ApiArticle, ApiArticleSummary } from '@/lib/platform/content';

// How the Content API's answers are cached: as reader pages are (the same Cache-Control and the
// same Surrogate-Key names, db/reader-cache.ts readerKeysOf), so a publication's purge reaches the
// API's copies in a CDN as it reaches the pages.
export const API_CACHE_CONTROL = ARTICLE_CACHE_CONTROL;

export function articleKeys(article: Pick<ApiArticleSummary, 'id'>): string[] {
  return [`article-${article.id}`];
}

// A list's keys: the lists a publication touches (home, feeds, search), and the filtered list's
// own page names when there is a filter.
export function listKeys(filters: { section?: string; tag?: string; author?: number }): string[] {
  return [
    'home',
    'feeds',
    ...(filters.section ? [`section-${encodeURIComponent(filters.section)}`] : []),
    ...(filters.tag ? [`tag-${encodeURIComponent(filters.tag)}`] : []),
    ...(filters.author ? [`author-${filters.author}`] : []),
  ];
}

export type Shape = { ninjs: boolean; contentType: string };

export function shapeOf(format: string | undefined, accept: string | null): Shape {
  const ninjs = wantsNinjs(format, accept);
  return { ninjs, contentType: ninjs ? NINJS_CONTENT_TYPE : 'application/json; charset=utf-8' };
}

export function articlesAs(shape: Shape, articles: (ApiArticle | ApiArticleSummary)[]) {
  return shape.ninjs ? articles.map(toNinjs) : articles;
}
