import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listActivity, listActivityActions } from '@/lib/newsroom/activity';
import { listMemberNames } from '@/lib/newsroom/people';
import { requireUser } from '@/lib/auth';
import { eventLabel } from '@/lib/shared/desk-labels';
import { canInNewsroom } from '@/lib/shared/permissions';
import { ActivityTable } from '../_desk/ActivityTable';
import { oneParam, positiveInt } from '../_desk/format';
import '../_desk/desk.css';

export const metadata = { title: 'سجل النشاط' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// The whole سجل النشاط, for admins: filterable by person and action, paged by "older than".
export default async function ActivityPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  if (!canInNewsroom(user, 'viewActivityLog')) notFound();
  const query = await searchParams;
  const actions = listActivityActions();
  const actionParam = oneParam(query.action);
  const action = actionParam && actions.includes(actionParam) ? actionParam : undefined;
  const actorId = positiveInt(query.person);
  const page = listActivity(user, { actorId, action, before: positiveInt(query.before) });
  const people = listMemberNames();

  const olderHref = (before: number) => {
    const params = new URLSearchParams();
    if (actorId) params.set('person', String(actorId));
    if (action) params.set('action', action);
    params.set('before', String(before));
    return `/newsroom/activity?${params.toString()}`;
  };

  return (
    <>
      <h1>سجل النشاط</h1>
      <form method="get" className="desk-toolbar" aria-label="تصفية">
        <div className="field">
          <label htmlFor="activity-person">العضو</label>
          <select id="activity-person" name="person" defaultValue={actorId ?? ''}>
            <option value="">الجميع</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="activity-action">الإجراء</label>
          <select id="activity-action" name="action" defaultValue={action ?? ''}>
            <option value="">كل الإجراءات</option>
            {actions.map((a) => (
              <option key={a} value={a}>
                {eventLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="primary">
          تصفية
        </button>
      </form>
      <ActivityTable entries={page.entries} showArticle />
      {page.nextBefore ? (
        <nav className="pager" aria-label="الصفحات">
          <Link href={olderHref(page.nextBefore)}>الأقدم</Link>
        </nav>
      ) : null}
    </>
  );
}
