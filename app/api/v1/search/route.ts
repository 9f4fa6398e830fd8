import { apiRoute, cacheableAnswer } from '@/lib/http/api-route';
import { API_CACHE_CONTROL } from '@/lib/platform/answers';
import { searchApi } from '@/lib/platform/content';
import { searchQuery } from '@/lib/platform/schemas';

// GET /api/v1/search?q=…: the readers' search (the same index, published articles only).
export const GET = apiRoute({ operation: 'readContent', query: searchQuery }, (_caller, { request, query }) =>
  cacheableAnswer(request, searchApi(query.q, query.page), {
    cacheControl: API_CACHE_CONTROL,
    surrogateKeys: ['search'],
  }),
);
