import { apiRoute, cacheableAnswer, ProblemError } from '@/lib/http/api-route';
import { API_CACHE_CONTROL, articleKeys, shapeOf } from '@/lib/platform/answers';
import { findArticle } from '@/lib/platform/content';
import { updateDraftFromApi } from '@/lib/platform/drafts';
import { toNinjs } from '@/lib/platform/ninjs';
import { articleRefParams, draftUpdateInput, formatQuery, idParams } from '@/lib/platform/schemas';

// GET /api/v1/articles/{id or slug}: one published article as readers see it.
export const GET = apiRoute(
  { operation: 'readContent', params: articleRefParams, query: formatQuery },
  (_caller, { request, params, query }) => {
    const article = findArticle(params.ref);
    if (!article) throw new ProblemError('not-found');
    const shape = shapeOf(query.format, request.headers.get('accept'));
    return cacheableAnswer(request, shape.ninjs ? toNinjs(article) : { article }, {
      cacheControl: API_CACHE_CONTROL,
      surrogateKeys: articleKeys(article),
      contentType: shape.contentType,
    });
  },
);

// PATCH /api/v1/articles/{id}: the working copy, merged by field on `base_version`.
export const PATCH = apiRoute(
  { operation: 'updateDraft', params: idParams, body: 'json', input: draftUpdateInput },
  (caller, { params, input }) => updateDraftFromApi(caller.owner, params.id, input),
);
