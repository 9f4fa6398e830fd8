import type { Metadata } from 'next';
import Link from 'next/link';
import { newsroomSettings } from '@/lib/settings';

export const metadata: Metadata = {
  metadataBase: new URL(newsroomSettings.siteUrl),
  openGraph: { siteName: newsroomSettings.name, locale: 'ar' },
};

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="site-header">
        <div className="container">
          <Link href="/" className="brand">
            {newsroomSettings.name}
          </Link>
          <nav aria-label="الموقع">
            <ul>
              <li>
                <Link href="/">آخر الأخبار</Link>
              </li>
            </ul>
          </nav>
          <form action="/search" role="search" aria-label="بحث في الموقع" className="site-search">
            <input type="search" name="q" aria-label="بحث" maxLength={200} />
            <button type="submit">بحث</button>
          </form>
        </div>
      </header>
      <main className="container">{children}</main>
      <footer className="site-footer container muted">
        <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a>
      </footer>
    </>
  );
}
