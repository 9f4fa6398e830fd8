import Link from 'next/link';
import { listMyArticles, listReviewQueue, type ArticleListItem } from '@/lib/newsroom/articles';
import { listNewsroomArticles, type IndexFilter } from '@/lib/newsroom/article-list';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { canInNewsroom, canPlan } from '@/lib/shared/permissions';
import { lateStories, myOpenAssignments, type PlannedStory } from '@/lib/newsroom/planning';
import { PLAN_STATE_LABELS } from '@/lib/shared/planning';
import { when } from './_desk/format';
import './plan/plan.css';

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

// The planning desk on the dashboard: a reporter's own assignments, the desk's late stories.
function StoryTable({ items, caption }: { items: PlannedStory[]; caption: string }) {
  return (
    <table className="list">
      <caption className="muted" style={{ textAlign: 'start' }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">فكرة العنوان</th>
          <th scope="col">المكلَّف</th>
          <th scope="col">الموعد النهائي</th>
          <th scope="col">الحالة</th>
        </tr>
      </thead>
      <tbody>
        {items.map((story) => (
          <tr key={story.id}>
            <td>
              <Link href={`/newsroom/plan/assignments/${story.id}`}>
                <bdi>{story.headlineIdea}</bdi>
              </Link>
            </td>
            <td>{story.assigneeName ? <bdi>{story.assigneeName}</bdi> : '—'}</td>
            <td>{when(story.deadline)}</td>
            <td>
              <span className={`status${story.state === 'late' ? ' state-late' : ''}`}>
                {PLAN_STATE_LABELS[story.state]}
              </span>
            </td>
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
  const now = new Date();
  // First on the page: the editor's late stories, the reporter's own assignments.
  const late = canPlan(user, 'planStory') ? lateStories(user, now) : null;
  const assigned = myOpenAssignments(user, now);
  return (
    <>
      <h1>غرفة الأخبار</h1>
      {late && late.length > 0 ? (
        <section aria-labelledby="late-heading">
          <h2 id="late-heading">متأخر اليوم</h2>
          <StoryTable items={late} caption="قصص فات موعدها النهائي ولم تُرسل للمراجعة" />
        </section>
      ) : null}
      {assigned.length > 0 || !late ? (
        <section aria-labelledby="assigned-heading">
          <h2 id="assigned-heading">تكليفاتي</h2>
          {assigned.length > 0 ? (
            <StoryTable items={assigned} caption="القصص المكلَّف بها ولم تُرسل بعد" />
          ) : (
            <p className="muted">لا تكليفات مفتوحة.</p>
          )}
        </section>
      ) : null}
      <p>
        <Link href="/newsroom/articles/new" prefetch={false} className="button primary">
          مقال جديد
        </Link>{' '}
        <Link href="/newsroom/plan">خطة التغطية</Link>
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
