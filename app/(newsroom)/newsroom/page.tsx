import Link from 'next/link';
import { listMyArticles, listReviewQueue, type ArticleListItem } from '@/db/queries/articles';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/labels';
import { canInNewsroom } from '@/lib/permissions';

function ArticleTable({ items, caption }: { items: ArticleListItem[]; caption: string }) {
  if (items.length === 0) return <p className="muted">لا توجد مقالات.</p>;
  return (
    <table className="list">
      <caption className="muted" style={{ textAlign: 'start' }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">العنوان</th>
          <th scope="col">الكاتب</th>
          <th scope="col">الحالة</th>
          <th scope="col">عدد الكلمات</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link href={`/newsroom/articles/${item.id}`}>{item.headline || 'بلا عنوان'}</Link>
            </td>
            <td>
              <bdi>{item.authorName}</bdi>
            </td>
            <td>
              <span className="status">{STATUS_LABELS[item.status]}</span>
            </td>
            <td>{item.wordCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default async function DashboardPage() {
  const user = await requireUser();
  const mine = listMyArticles(user);
  const queue = canInNewsroom(user, 'viewReviewQueue') ? listReviewQueue() : null;
  return (
    <>
      <h1>غرفة الأخبار</h1>
      <p>
        <Link href="/newsroom/articles/new" prefetch={false} className="button primary">
          مقال جديد
        </Link>
      </p>
      {queue ? (
        <section id="review-queue" aria-labelledby="queue-heading">
          <h2 id="queue-heading">قيد المراجعة</h2>
          <ArticleTable items={queue} caption="مقالات تنتظر المراجعة أو النشر" />
        </section>
      ) : null}
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">مقالاتي</h2>
        <ArticleTable items={mine} caption="آخر ما كتبت" />
      </section>
    </>
  );
}
