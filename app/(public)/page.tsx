import Link from 'next/link';
import { PublishedDate } from '@/components/PublishedDate';
import { listLatestPublished } from '@/db/queries/public';
import { articlePath } from '@/lib/urls';

// Served from Next's cache; publishing or unpublishing refreshes it (see articles/actions.ts).
export const revalidate = 300;

export default function HomePage() {
  const latest = listLatestPublished(30);
  return (
    <section aria-labelledby="latest-heading">
      <h1 id="latest-heading">آخر الأخبار</h1>
      {latest.length === 0 ? (
        <p className="muted">لا توجد أخبار منشورة بعد.</p>
      ) : (
        <ul className="article-list">
          {latest.map((article) => (
            <li key={article.id}>
              <h2>
                <Link href={articlePath(article)}>{article.headline}</Link>
              </h2>
              {article.deck ? <p>{article.deck}</p> : null}
              <p className="muted">
                {article.dateline ? `${article.dateline} · ` : null}
                <PublishedDate date={article.publishedAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
