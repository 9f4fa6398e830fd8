import { notFound, permanentRedirect } from 'next/navigation';
import { getPublishedArticle } from '@/db/queries/public';
import { articlePath, parseId } from '@/lib/urls';

// /news/<id> without a slug (short links, old shares) only redirects to the article's address.
// It is a route of its own, rendered per request, because Next 16 cached the redirect of a
// slug-less request under the canonical address when both rendered at once in one optional
// catch-all route: readers then got a redirect to the very page they asked for.
export const dynamic = 'force-dynamic';

export default async function ArticleShortLink({ params }: { params: Promise<{ id: string }> }) {
  const articleId = parseId((await params).id);
  const article = articleId ? getPublishedArticle(articleId) : undefined;
  if (!article) notFound();
  permanentRedirect(articlePath(article));
}
