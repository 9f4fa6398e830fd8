import type { Metadata } from 'next';
import { siteFooterInner, siteHeaderInner } from '@/lib/reader-html';
import { newsroomSettings } from '@/lib/settings';

export const metadata: Metadata = {
  metadataBase: new URL(newsroomSettings.siteUrl),
  openGraph: { siteName: newsroomSettings.name, locale: 'ar' },
};

// Header and footer come from lib/reader-html.ts, which also writes them into the article page
// (a plain HTML document): one markup for the whole reader site.
export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="reader-site">
      <header className="site-header" dangerouslySetInnerHTML={{ __html: siteHeaderInner.value }} />
      <main className="container">{children}</main>
      <footer
        className="site-footer container muted"
        dangerouslySetInnerHTML={{ __html: siteFooterInner.value }}
      />
    </div>
  );
}
