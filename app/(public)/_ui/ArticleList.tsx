import type { PublishedSummary } from '@/db/queries/public';
import { articleItemsHtml } from '@/lib/reader-html';

// The same list markup as the article page's related articles (lib/reader-html.ts).
export function ArticleList({
  items,
  headingLevel = 2,
}: {
  items: PublishedSummary[];
  headingLevel?: 2 | 3;
}) {
  const heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul
      className="article-list"
      dangerouslySetInnerHTML={{ __html: articleItemsHtml(items, heading).value }}
    />
  );
}
