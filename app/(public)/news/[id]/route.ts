import { getPublishedArticle } from '@/lib/reader/queries';
import { notFoundResponse } from '@/lib/reader/templates';
import { articlePath, parseId } from '@/lib/shared/urls';
import { publicRoute } from '@/lib/http/route';

// /news/<id> without a slug (short links, old shares) only redirects to the article's address.
export const dynamic = 'force-dynamic';

async function get(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  const article = articleId ? getPublishedArticle(articleId) : undefined;
  if (!article) return notFoundResponse();
  return new Response(null, { status: 308, headers: { Location: articlePath(article) } });
}

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, ({ request, params }) =>
  get(request, { params: Promise.resolve(params) } as never),
);
