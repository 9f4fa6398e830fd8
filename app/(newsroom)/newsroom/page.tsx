import Link from 'next/link';
import { listMyArticles, listReviewQueue, type ArticleListItem } from '@/lib/newsroom/articles';
import { listNewsroomArticles, type IndexFilter } from '@/lib/newsroom/article-list';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { canInNewsroom } from '@/lib/shared/permissions';

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

// "What waits for me": the index's query with one filter each (reporters see only their own).
function waiting(user: Parameters<typeof listNewsroomArticles>[0], filter: IndexFilter): ArticleListItem[] {
  return listNewsroomArticles(user, filter, 20).items;
}

export default async function DashboardPage() {
  const user = await requireUser();
  const changesRequested = waiting(user, { status: 'changes_requested', authorId: user.id });
  const scheduled = waiting(user, { status: 'scheduled' });
  const queue = canInNewsroom(user, 'viewReviewQueue') ? listReviewQueue() : null;
  // Listed once: what waits in "changes requested" is not repeated under my articles.
  const mine = listMyArticles(user).filter((article) => article.status !== 'changes_requested');
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
      {changesRequested.length > 0 ? (
        <section aria-labelledby="changes-heading">
          <h2 id="changes-heading">مطلوب تعديلات</h2>
          <ArticleTable items={changesRequested} caption="مقالاتك التي طُلبت فيها تعديلات" />
        </section>
      ) : null}
      {scheduled.length > 0 ? (
        <section aria-labelledby="scheduled-heading">
          <h2 id="scheduled-heading">مجدول</h2>
          <ArticleTable items={scheduled} caption="مقالات تنتظر موعد النشر" />
        </section>
      ) : null}
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">مقالاتي</h2>
        <ArticleTable items={mine} caption="مسوداتي وآخر ما كتبت" />
      </section>
      <p>
        <Link href="/newsroom/articles">كل المقالات</Link>
      </p>
    </>
  );
}
