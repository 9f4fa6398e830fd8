import { ARTICLE_CACHE_CONTROL } from '@/lib/reader-cache';
import { readArticle, readRelated } from '@/lib/reader-data';
import { publicRoute } from '@/lib/route';
import { articlePath, parseId, safeDecode } from '@/lib/urls';
import { articleNotFoundHtml, articlePageHtml } from './article-page';

// The article page. Rendered on the first request, then served from Next's cache until publishing,
// correcting or unpublishing expires its tags (lib/reader-cache.ts): readers' requests do no
// database work and no rendering. A route handler rather than a page because it is plain HTML with
// no framework JavaScript (see ./article-page.ts).
export const revalidate = 86400;
export const dynamicParams = true;
export function generateStaticParams(): { id: string; slug: string }[] {
  return [];
}

const HTML = { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': ARTICLE_CACHE_CONTROL };

// The public door, without reading the request: the page is the same for every reader.
export const GET = publicRoute({ sameOrigin: false }, async ({ params }) => {
  const { id, slug } = params as { id: string; slug: string };
  const articleId = parseId(id);
  const loaded = articleId ? await readArticle(articleId) : null;
  if (!loaded) return new Response(articleNotFoundHtml(), { status: 404, headers: HTML });
  const { article, tags, notes } = loaded;
  // A wrong or old slug redirects to the current one; the id alone finds the article.
  if (safeDecode(slug) !== article.slug)
    return new Response(null, {
      status: 308,
      headers: { Location: articlePath(article), 'Cache-Control': ARTICLE_CACHE_CONTROL },
    });
  const related = await readRelated(
    article.id,
    article.tags,
    tags.map((t) => t.id),
  );
  return new Response(articlePageHtml({ article, tags, notes, related }), { headers: HTML });
});
