import type { Metadata, Viewport } from 'next';
import '@fontsource/noto-naskh-arabic/400.css';
import '@fontsource/noto-naskh-arabic/700.css';
import '@fontsource/ibm-plex-sans-arabic/400.css';
import '@fontsource/ibm-plex-sans-arabic/600.css';
import './globals.css';
import { newsroomSettings } from '@/lib/settings';

export const metadata: Metadata = {
  title: { default: newsroomSettings.name, template: `%s | ${newsroomSettings.name}` },
  description: 'أخبار عربية من غرفة الأخبار',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="ar" dir="rtl">
      <body>{children}</body>
    </html>
  );
}
