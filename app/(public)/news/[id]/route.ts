import { getPublishedArticle } from '@/db/queries/public';
import { notFoundResponse } from '@/lib/reader-html';
import { articlePath, parseId } from '@/lib/urls';

// /news/<id> without a slug (short links, old shares) only redirects to the article's address.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  const article = articleId ? getPublishedArticle(articleId) : undefined;
  if (!article) return notFoundResponse();
  return new Response(null, { status: 308, headers: { Location: articlePath(article) } });
}
