import Link from 'next/link';
import { newsroomSettings } from '@/lib/settings';

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <>
      <header className="site-header">
        <div className="container">
          <Link href="/" className="brand">
            {newsroomSettings.name}
          </Link>
          <nav aria-label="الأقسام">
            <ul>
              <li>
                <Link href="/">آخر الأخبار</Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main className="container">{children}</main>
    </>
  );
}
