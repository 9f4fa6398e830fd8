import { apiRoute, cacheableAnswer, ProblemError } from '@/lib/http/api-route';
import { API_CACHE_CONTROL, articlesAs, listKeys, shapeOf } from '@/lib/platform/answers';
import { listArticles } from '@/lib/platform/content';
import { createDraftFromApi } from '@/lib/platform/drafts';
import { articleListQuery, draftCreateInput } from '@/lib/platform/schemas';

// GET /api/v1/articles: published articles, newest first, a cursor to the next page.
export const GET = apiRoute(
  { operation: 'readContent', query: articleListQuery },
  (_caller, { request, query }) => {
    const page = listArticles(query);
    if (!page) throw new ProblemError('invalid-parameters', 'cursor');
    const shape = shapeOf(query.format, request.headers.get('accept'));
    return cacheableAnswer(
      request,
      { articles: articlesAs(shape, page.articles), next_cursor: page.next_cursor },
      { cacheControl: API_CACHE_CONTROL, surrogateKeys: listKeys(query), contentType: shape.contentType },
    );
  },
);

// POST /api/v1/articles: a new draft (drafts:write), the key's owner as its author.
export const POST = apiRoute(
  { operation: 'createDraft', body: 'json', input: draftCreateInput },
  (caller, { input }) => createDraftFromApi(caller.owner, input),
);
