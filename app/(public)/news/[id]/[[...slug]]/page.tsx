import type { Metadata } from 'next';
import { notFound, permanentRedirect } from 'next/navigation';
import { PublishedDate } from '@/components/PublishedDate';
import { getPublishedArticle } from '@/db/queries/public';
import { articlePath, parseId, safeDecode } from '@/lib/urls';

type Params = { params: Promise<{ id: string; slug?: string[] }> };

// Rendered on the first request, then served from the cache until publishing, correcting or
// unpublishing refreshes it: readers' requests do no database work.
export const revalidate = 86400;
export const dynamicParams = true;
export function generateStaticParams(): { id: string; slug?: string[] }[] {
  return [];
}

async function load(params: Params['params']) {
  const { id } = await params;
  const articleId = parseId(id);
  return articleId ? getPublishedArticle(articleId) : undefined;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const article = await load(params);
  if (!article) return { title: 'الصفحة غير موجودة' };
  return {
    title: article.headline,
    description: article.deck || undefined,
    alternates: { canonical: articlePath(article) },
  };
}

export default async function ArticlePage({ params }: Params) {
  const article = await load(params);
  if (!article) notFound();
  const { slug } = await params;
  const requested = safeDecode((slug ?? []).join('/'));
  // A wrong, old or missing slug redirects to the current one; the id alone finds the article.
  if (requested !== article.slug) permanentRedirect(articlePath(article));

  return (
    <article className="article">
      {article.sectionName ? <p className="muted">{article.sectionName}</p> : null}
      <h1>{article.headline}</h1>
      {article.deck ? <p className="deck">{article.deck}</p> : null}
      <p className="article-meta">
        {article.dateline ? <span aria-label="مكان الخبر">{article.dateline}</span> : null}
        <PublishedDate date={article.publishedAt} label="نُشر في" />
        {article.updatedAt ? <PublishedDate date={article.updatedAt} label="حُدّث في" /> : null}
        <span>
          الكاتب: <bdi>{article.authorName}</bdi>
        </span>
      </p>
      {/* Rendered at publish time from the schema-checked document; text is escaped and links
          were checked against the allowed schemes. */}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      {article.tags.length > 0 ? (
        <section aria-labelledby="tags-heading">
          <h2 id="tags-heading">الوسوم</h2>
          <ul className="tags">
            {article.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
