import type { Metadata, Viewport } from 'next';
import { preload } from 'react-dom';
import './fonts.css';
import './globals.css';
import { newsroomSettings } from '@/lib/shared/settings';

export const metadata: Metadata = {
  title: { default: newsroomSettings.name, template: `%s | ${newsroomSettings.name}` },
  description: 'أخبار عربية من غرفة الأخبار',
  icons: { icon: { url: '/icon.svg', type: 'image/svg+xml' } },
};

// Rendered at request time, never at build: the newsroom's name (and every other setting) is the
// one the server was started with.
export const dynamic = 'force-dynamic';

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// The reading font's Arabic letters: fetched with the HTML rather than after the CSS is parsed, so
// that `font-display: optional` (app/fonts.css) finds it ready on the first paint. Only this one:
// every preload competes with the page itself on a slow phone connection.
const CRITICAL_FONTS = ['/fonts/noto-naskh-arabic-arabic-400-normal.woff2'];

export default function RootLayout({ children }: { children: React.ReactNode }) {
  for (const href of CRITICAL_FONTS)
    preload(href, { as: 'font', type: 'font/woff2', crossOrigin: 'anonymous' });
  return (
    <html lang="ar" dir="rtl">
      <body>{children}</body>
    </html>
  );
}
