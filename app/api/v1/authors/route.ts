import { apiRoute, cacheableAnswer } from '@/lib/http/api-route';
import { API_CACHE_CONTROL } from '@/lib/platform/answers';
import { listApiAuthors } from '@/lib/platform/content';
import { pageQuery } from '@/lib/platform/schemas';

export const GET = apiRoute({ operation: 'readContent', query: pageQuery }, (_caller, { request, query }) =>
  cacheableAnswer(
    request,
    { authors: listApiAuthors(query.limit) },
    { cacheControl: API_CACHE_CONTROL, surrogateKeys: ['home', 'feeds'] },
  ),
);
