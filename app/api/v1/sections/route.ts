import { apiRoute, cacheableAnswer } from '@/lib/http/api-route';
import { API_CACHE_CONTROL } from '@/lib/platform/answers';
import { listApiSections } from '@/lib/platform/content';
import { pageQuery } from '@/lib/platform/schemas';

export const GET = apiRoute({ operation: 'readContent', query: pageQuery }, (_caller, { request }) =>
  cacheableAnswer(
    request,
    { sections: listApiSections() },
    { cacheControl: API_CACHE_CONTROL, surrogateKeys: ['home'] },
  ),
);
