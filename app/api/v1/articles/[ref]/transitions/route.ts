import { apiRoute } from '@/lib/http/api-route';
import { transitionFromApi } from '@/lib/platform/drafts';
import { idParams, transitionInput } from '@/lib/platform/schemas';

// POST /api/v1/articles/{id}/transitions: publish, unpublish, approve, schedule… with a
// publish-scoped key whose owner's role allows it on the article as it is.
export const POST = apiRoute(
  { operation: 'transition', params: idParams, body: 'json', input: transitionInput },
  (caller, { params, input }) => transitionFromApi(caller.owner, params.id, input),
);
