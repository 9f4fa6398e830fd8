import Link from 'next/link';
import { redirect } from 'next/navigation';
import { countUnreadNotifications } from '@/lib/newsroom/notes';
import { requireUser } from '@/lib/auth';
import { ROLE_LABELS } from '@/lib/shared/labels';
import { canInNewsroom } from '@/lib/shared/permissions';
import { SignOutButton } from './SignOutButton';

export const metadata = { title: 'غرفة الأخبار', robots: { index: false } };

export default async function NewsroomLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  // A password an admin chose is changed before anything else.
  if (user.mustChangePassword) redirect('/change-password');
  const unread = countUnreadNotifications(user.id);
  return (
    <>
      <header className="newsroom-header">
        <div className="container">
          <Link href="/newsroom" className="brand">
            غرفة الأخبار
          </Link>
          <nav aria-label="غرفة الأخبار">
            <ul>
              {/* The day's work first (writing, review, planning, the wire), then the desk's tools. */}
              <li>
                <Link href="/newsroom/articles/new" prefetch={false}>
                  مقال جديد
                </Link>
              </li>
              <li>
                <Link href="/newsroom/articles">كل المقالات</Link>
              </li>
              {canInNewsroom(user, 'viewReviewQueue') ? (
                <li>
                  <Link href="/newsroom#review-queue">قيد المراجعة</Link>
                </li>
              ) : null}
              <li>
                <Link href="/newsroom/plan">خطة التغطية</Link>
              </li>
              <li>
                <Link href="/newsroom/calendar">التقويم التحريري</Link>
              </li>
              {canInNewsroom(user, 'viewReviewQueue') ? (
                <li>
                  <Link href="/newsroom/wire">الوارد من الوكالات</Link>
                </li>
              ) : null}
              <li>
                <Link href="/newsroom/notifications" prefetch={false}>
                  الإشعارات
                  {unread > 0 ? (
                    <>
                      {' '}
                      <span className="unread-count">({unread})</span>
                    </>
                  ) : null}
                </Link>
              </li>
              {canInNewsroom(user, 'moderateComments') ? (
                <li>
                  <Link href="/newsroom/comments">إدارة التعليقات</Link>
                </li>
              ) : null}
              {canInNewsroom(user, 'manageHouseStyle') ? (
                <li>
                  <Link href="/newsroom/house-style">أسلوب التحرير</Link>
                </li>
              ) : null}
              {canInNewsroom(user, 'viewActivityLog') ? (
                <li>
                  <Link href="/newsroom/activity">سجل النشاط</Link>
                </li>
              ) : null}
              {canInNewsroom(user, 'manageUsers') ? (
                <li>
                  <Link href="/newsroom/people">الفريق</Link>
                </li>
              ) : null}
              {canInNewsroom(user, 'manageIntegrations') ? (
                <li>
                  <Link href="/newsroom/integrations">التكاملات</Link>
                </li>
              ) : null}
              <li>
                <Link href="/">آخر الأخبار</Link>
              </li>
            </ul>
          </nav>
          <div>
            <span>
              <bdi>{user.name}</bdi> ({ROLE_LABELS[user.role]})
            </span>{' '}
            <SignOutButton />
          </div>
        </div>
      </header>
      <main className="container">{children}</main>
    </>
  );
}
