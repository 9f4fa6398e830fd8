import { getPublishedArticle, listRelated, listRevisionNotes, readerTagsByName } from '@/lib/reader/queries';
import { ARTICLE_CACHE_CONTROL } from '@/lib/reader/cache-control';
import { notFoundResponse, readerResponse } from '@/lib/reader/templates';
import { publicRoute } from '@/lib/http/route';
import { articlePath, parseId, safeDecode } from '@/lib/shared/urls';
import { articlePageHtml } from './article-page';

// The article page. Rendered per request as plain HTML (./article-page.ts): nothing from the
// build and nothing in Next's cache, so an unknown id leaves nothing behind; server.mjs keeps the
// pages the site links to in memory, so readers' requests do no database work and no rendering.
export const dynamic = 'force-dynamic';

// The public door, without reading the request: the page is the same for every reader.
export const GET = publicRoute({ sameOrigin: false }, ({ params }) => {
  const { id, slug } = params as { id: string; slug: string };
  const articleId = parseId(id);
  const article = articleId ? getPublishedArticle(articleId) : undefined;
  if (!article) return notFoundResponse();
  // A wrong or old slug redirects to the current one; the id alone finds the article.
  if (safeDecode(slug) !== article.slug)
    return new Response(null, {
      status: 308,
      headers: { Location: articlePath(article), 'Cache-Control': ARTICLE_CACHE_CONTROL },
    });
  const tags = readerTagsByName(article.tags);
  const notes = listRevisionNotes(article.id);
  const related = listRelated(article.id, article.tags);
  return readerResponse(articlePageHtml({ article, tags, notes, related }));
});
