import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { PublishedDate } from '@/components/PublishedDate';
import type { LeadImage as LeadImageData, PublishedArticle } from '@/db/queries/public';
import { mediaSrc, mediaSrcSet, mediaUrl } from '@/lib/media-urls';
import { readArticle, readRelated } from '@/lib/reader-data';
import { absoluteUrl, newsroomSettings } from '@/lib/settings';
import { articlePath, parseId, safeDecode } from '@/lib/urls';
import { ArticleCounters } from './ArticleCounters';
import { ShareLinks } from './ShareLinks';
import { ArticleList } from '../../../_ui/ArticleList';

type Params = { params: Promise<{ id: string; slug: string }> };

// Rendered on the first request, then served from the cache until publishing, correcting or
// unpublishing refreshes it: readers' requests do no database work.
export const revalidate = 86400;
export const dynamicParams = true;
export function generateStaticParams(): { id: string; slug: string }[] {
  return [];
}

async function load(params: Params['params']) {
  const { id } = await params;
  const articleId = parseId(id);
  return articleId ? readArticle(articleId) : null;
}

const largest = (image: LeadImageData) => image.variants.at(-1)!;

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const loaded = await load(params);
  if (!loaded) return { title: 'الصفحة غير موجودة' };
  const { article } = loaded;
  const image = article.leadImage;
  const images = image
    ? [
        {
          url: absoluteUrl(mediaUrl(largest(image).file)),
          width: largest(image).width,
          height: largest(image).height,
          alt: image.alt,
        },
      ]
    : undefined;
  return {
    title: article.headline,
    description: article.deck || undefined,
    alternates: {
      canonical: articlePath(article),
      types: { 'application/rss+xml': '/feed.xml', 'application/atom+xml': '/atom.xml' },
    },
    openGraph: {
      type: 'article',
      url: articlePath(article),
      title: article.headline,
      description: article.deck || undefined,
      siteName: newsroomSettings.name,
      locale: 'ar',
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: (article.updatedAt ?? article.publishedAt).toISOString(),
      authors: [article.authorName],
      section: article.sectionName ?? undefined,
      tags: article.tags,
      images,
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title: article.headline,
      description: article.deck || undefined,
      images: images?.map((i) => i.url),
    },
  };
}

function newsArticleJsonLd(article: PublishedArticle): string {
  const url = absoluteUrl(articlePath(article));
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    headline: article.headline,
    description: article.deck || undefined,
    inLanguage: 'ar',
    datePublished: article.publishedAt.toISOString(),
    dateModified: (article.updatedAt ?? article.publishedAt).toISOString(),
    author: [
      { '@type': 'Person', name: article.authorName, url: absoluteUrl(`/author/${article.authorId}`) },
    ],
    image: article.leadImage ? [absoluteUrl(mediaUrl(largest(article.leadImage).file))] : undefined,
    articleSection: article.sectionName ?? undefined,
    keywords: article.tags.length > 0 ? article.tags.join('، ') : undefined,
    publisher: { '@type': 'NewsMediaOrganization', name: newsroomSettings.name, url: absoluteUrl('/') },
  };
  // "<" escaped so no text in the article can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function LeadImage({ image }: { image: LeadImageData }) {
  return (
    <figure className="lead-image">
      {/* The upload already made the web sizes; next/image would encode them again. */}
      {/* eslint-disable-next-line @next/next/no-img-element */}
      <img
        src={mediaSrc(image.variants)}
        srcSet={mediaSrcSet(image.variants)}
        sizes="(min-width: 48rem) 46rem, 100vw"
        width={image.width}
        height={image.height}
        alt={image.alt}
        fetchPriority="high"
      />
      {image.caption || image.credit ? (
        <figcaption>
          {image.caption}
          {image.credit ? <span className="credit"> {image.credit}</span> : null}
        </figcaption>
      ) : null}
    </figure>
  );
}

export default async function ArticlePage({ params }: Params) {
  const loaded = await load(params);
  if (!loaded) notFound();
  const { article, tags, notes } = loaded;
  const { slug } = await params;
  const requested = safeDecode(slug);
  // A wrong or old slug redirects to the current one; the id alone finds the article.
  if (requested !== article.slug) permanentRedirect(articlePath(article));
  const related = await readRelated(
    article.id,
    article.tags,
    tags.map((t) => t.id),
  );
  const url = absoluteUrl(articlePath(article));

  return (
    <article className="article">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: newsArticleJsonLd(article) }} />
      {article.sectionName && article.sectionSlug ? (
        <p className="muted">
          <Link href={`/section/${encodeURIComponent(article.sectionSlug)}`}>{article.sectionName}</Link>
        </p>
      ) : null}
      <h1>{article.headline}</h1>
      {article.deck ? <p className="deck">{article.deck}</p> : null}
      <p className="article-meta">
        {article.dateline ? <span aria-label="مكان الخبر">{article.dateline}</span> : null}
        <PublishedDate date={article.publishedAt} label="نُشر في" />
        {article.updatedAt ? <PublishedDate date={article.updatedAt} label="حُدّث في" /> : null}
        <span>
          الكاتب: <Link href={`/author/${article.authorId}`}>{article.authorName}</Link>
        </span>
      </p>
      <ArticleCounters articleId={article.id} digits={newsroomSettings.dates.digits} />
      {notes.length > 0 ? (
        <aside className="revision-notes" aria-label="تصحيحات وتحديثات">
          <ul>
            {notes.map((note) => (
              <li key={note.at.toISOString()}>
                <PublishedDate date={note.at} label="حُدّث في" />: {note.note}
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
      {article.leadImage ? <LeadImage image={article.leadImage} /> : null}
      {/* Rendered at publish time from the schema-checked document; text is escaped and links
          were checked against the allowed schemes. */}
      <div className="article-body" dangerouslySetInnerHTML={{ __html: article.bodyHtml }} />
      {tags.length > 0 ? (
        <section aria-labelledby="tags-heading">
          <h2 id="tags-heading">الوسوم</h2>
          <ul className="tags">
            {tags.map((tag) => (
              <li key={tag.id}>
                <Link href={`/tag/${encodeURIComponent(tag.slug)}`}>{tag.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <ShareLinks articleId={article.id} url={url} title={article.headline} />
      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="related">
          <h2 id="related-heading">مقالات ذات صلة</h2>
          <ArticleList items={related} headingLevel={3} />
        </section>
      ) : null}
    </article>
  );
}
