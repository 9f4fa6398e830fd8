import type { Metadata } from 'next';
import Link from 'next/link';
import { readHomeSections, readLatest, readSections } from '@/lib/reader-data';
import { ArticleList } from './_ui/ArticleList';
import { Pagination } from './_ui/listing';

// Served from Next's cache; publishing or unpublishing refreshes it (lib/reader-cache.ts).
export const revalidate = 300;

export const metadata: Metadata = {
  alternates: {
    canonical: '/',
    types: { 'application/rss+xml': '/feed.xml', 'application/atom+xml': '/atom.xml' },
  },
};

export default async function HomePage() {
  const [latest, groups, allSections] = await Promise.all([
    readLatest(1),
    readHomeSections(),
    readSections(),
  ]);
  const top = latest.items;
  const shown = new Set(top.map((a) => a.id));
  // Each section's latest beyond what the top list already shows, so no story appears twice.
  const sections = groups
    .map((g) => ({ ...g, items: g.items.filter((a) => !shown.has(a.id)).slice(0, 3) }))
    .filter((g) => g.items.length > 0);
  return (
    <>
      <nav aria-label="الأقسام" className="sections-nav">
        <ul>
          {allSections.map((section) => (
            <li key={section.id}>
              <Link href={`/section/${encodeURIComponent(section.slug)}`}>{section.name}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="latest-heading">
        <h1 id="latest-heading">آخر الأخبار</h1>
        {top.length === 0 ? <p className="muted">لا توجد أخبار منشورة بعد.</p> : <ArticleList items={top} />}
        <Pagination basePath="/" page={1} pageCount={latest.pageCount} />
      </section>
      {sections.map(({ section, items }) => (
        <section key={section.id} aria-labelledby={`section-${section.id}`} className="home-section">
          <h2 id={`section-${section.id}`}>
            <Link href={`/section/${encodeURIComponent(section.slug)}`}>{section.name}</Link>
          </h2>
          <ArticleList items={items} headingLevel={3} />
        </section>
      ))}
    </>
  );
}
