import Link from 'next/link';
import { PublishedDate } from '@/components/PublishedDate';
import type { PublishedSummary } from '@/db/queries/public';
import { articlePath } from '@/lib/urls';

export function ArticleList({
  items,
  headingLevel = 2,
}: {
  items: PublishedSummary[];
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul className="article-list">
      {items.map((article) => (
        <li key={article.id}>
          <Heading>
            <Link href={articlePath(article)}>{article.headline}</Link>
          </Heading>
          {article.deck ? <p>{article.deck}</p> : null}
          <p className="muted">
            {article.dateline ? `${article.dateline} · ` : null}
            <PublishedDate date={article.publishedAt} />
          </p>
        </li>
      ))}
    </ul>
  );
}
