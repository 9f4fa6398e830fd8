import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { Page, PublishedSummary } from '@/db/queries/public';
import { ArticleList } from './ArticleList';

// Lists are paged by address (/section/<slug>/page/2), not by query string, so that every page of
// a list is a cached page like any other.

// Page numbers from an address: "2" and up; page 1 is the list's own address.
export function parsePageNumber(segment: string | undefined): number {
  if (segment === undefined) return 1;
  if (!/^[1-9][0-9]{0,5}$/.test(segment) || segment === '1') notFound();
  return Number(segment);
}

export function pagePath(basePath: string, page: number): string {
  if (page <= 1) return basePath;
  return `${basePath === '/' ? '' : basePath}/page/${page}`;
}

export function Pagination({
  basePath,
  page,
  pageCount,
}: {
  basePath: string;
  page: number;
  pageCount: number;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label="الصفحات" className="pagination">
      {page > 1 ? (
        <Link href={pagePath(basePath, page - 1)} rel="prev">
          الصفحة السابقة
        </Link>
      ) : null}
      <span className="muted">
        صفحة {page} من {pageCount}
      </span>
      {page < pageCount ? (
        <Link href={pagePath(basePath, page + 1)} rel="next">
          الصفحة التالية
        </Link>
      ) : null}
    </nav>
  );
}

export function ListingView({
  title,
  basePath,
  feedPath,
  list,
}: {
  title: string;
  basePath: string;
  feedPath?: string;
  list: Page<PublishedSummary>;
}) {
  // A page past the end is not a page.
  if (list.page > list.pageCount) notFound();
  return (
    <section aria-labelledby="listing-heading">
      <h1 id="listing-heading">{title}</h1>
      {list.items.length === 0 ? (
        <p className="muted">لا توجد أخبار منشورة بعد.</p>
      ) : (
        <ArticleList items={list.items} />
      )}
      <Pagination basePath={basePath} page={list.page} pageCount={list.pageCount} />
      {feedPath ? (
        <p className="muted">
          <a href={feedPath}>RSS</a> · <a href={feedPath.replace(/feed\.xml$/, 'atom.xml')}>Atom</a>
        </p>
      ) : null}
    </section>
  );
}
