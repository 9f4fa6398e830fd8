import { publicRoute } from '@/lib/http/route';
import { openApiDocument } from '@/lib/platform/openapi';

// GET /api/v1/openapi.json: the API's description, public (it holds no content), generated from
// the routes' own zod schemas at every start.
let document: string | undefined;

export const GET = publicRoute({ sameOrigin: false }, () => {
  document ??= JSON.stringify(openApiDocument());
  return new Response(document, {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
});
