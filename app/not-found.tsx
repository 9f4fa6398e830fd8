import Link from 'next/link';

export const metadata = { title: 'الصفحة غير موجودة' };

export default function NotFound() {
  return (
    <main className="container">
      <h1>الصفحة غير موجودة</h1>
      <p>لم نجد ما تبحث عنه. ربما نُقل الخبر أو أُلغي نشره.</p>
      <p>
        <Link href="/">العودة إلى آخر الأخبار</Link>
      </p>
    </main>
  );
}
