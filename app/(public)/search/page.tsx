import type { Metadata } from 'next';
import Link from 'next/link';
import { PublishedDate } from '@/components/PublishedDate';
import { highlight, searchPublished } from '@/db/queries/search';
import { articlePath } from '@/lib/urls';

// Reads the query, so it is rendered per request; one indexed FTS5 query and one page of rows.
export const metadata: Metadata = { title: 'بحث', robots: { index: false, follow: true } };

type Props = { searchParams: Promise<{ q?: string | string[]; page?: string | string[] }> };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
// Long enough for any real query; the rest of a pasted essay is ignored, not an error.
const MAX_QUERY = 200;
// Highlighting looks at the start of a long body only, so a huge article costs no more than a short one.
const SNIPPET_SOURCE = 20_000;

export default async function SearchPage({ searchParams }: Props) {
  const params = await searchParams;
  const query = first(params.q).slice(0, MAX_QUERY).trim();
  const requestedPage = /^[1-9][0-9]{0,5}$/.test(first(params.page)) ? Number(first(params.page)) : 1;
  const results = query ? searchPublished(query, requestedPage) : null;

  return (
    <section aria-labelledby="search-heading">
      <h1 id="search-heading">بحث</h1>
      <form action="/search" role="search" className="search-form">
        <label htmlFor="search-q">بحث</label>
        <input id="search-q" type="search" name="q" defaultValue={query} maxLength={MAX_QUERY} />
        <button type="submit">بحث</button>
      </form>
      {results ? (
        <section aria-labelledby="results-heading">
          <h2 id="results-heading">نتائج البحث</h2>
          {results.hits.length === 0 ? (
            <p>لا توجد نتائج</p>
          ) : (
            <>
              <p className="muted">
                عدد النتائج: {results.capped ? `أكثر من ${results.total}` : results.total}
              </p>
              <ol className="article-list search-results">
                {results.hits.map((hit) => (
                  <li key={hit.id}>
                    <h3>
                      {/* A plain link: the article page is not a React page (lib/reader-html.ts). */}
                      <a href={articlePath(hit)}>
                        <Highlighted parts={highlight(hit.headline, query, 40)} />
                      </a>
                    </h3>
                    <p className="snippet">
                      <Highlighted
                        parts={highlight(`${hit.deck} ${hit.bodyText.slice(0, SNIPPET_SOURCE)}`, query)}
                      />
                    </p>
                    <p className="muted">
                      <PublishedDate date={hit.publishedAt} />
                    </p>
                  </li>
                ))}
              </ol>
              {results.pageCount > 1 ? (
                <nav aria-label="الصفحات" className="pagination">
                  {results.page > 1 ? (
                    <Link href={`/search?q=${encodeURIComponent(query)}&page=${results.page - 1}`} rel="prev">
                      الصفحة السابقة
                    </Link>
                  ) : null}
                  <span className="muted">
                    صفحة {results.page} من {results.pageCount}
                  </span>
                  {results.page < results.pageCount ? (
                    <Link href={`/search?q=${encodeURIComponent(query)}&page=${results.page + 1}`} rel="next">
                      الصفحة التالية
                    </Link>
                  ) : null}
                </nav>
              ) : null}
            </>
          )}
        </section>
      ) : null}
    </section>
  );
}

function Highlighted({ parts }: { parts: { text: string; match: boolean }[] }) {
  return <>{parts.map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}</>;
}
