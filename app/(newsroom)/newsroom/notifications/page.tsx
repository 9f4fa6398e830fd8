import Link from 'next/link';
import { listNotifications, type NotificationView } from '@/lib/newsroom/notes';
import type { NotificationKind } from '@/db/schema';
import { formatArabicDateTime } from '@/lib/shared/arabic';
import { requireUser } from '@/lib/auth';
import { newsroomSettings } from '@/lib/shared/settings';
import { MarkReadButton } from './MarkReadButton';
import styles from './notifications.module.css';

export const metadata = { title: 'الإشعارات' };

const SENTENCE: Record<NotificationKind, (actor: React.ReactNode) => React.ReactNode> = {
  submitted: (actor) => <>أرسل {actor} مقالاً للمراجعة</>,
  changes_requested: (actor) => <>طلب {actor} تعديلات على مقالك</>,
  approved: (actor) => <>اعتمد {actor} مقالك</>,
  scheduled: (actor) => <>جدول {actor} نشر مقالك</>,
  published: () => <>نُشر مقالك</>,
  mentioned: (actor) => <>ذكرك {actor} في ملاحظات التحرير</>,
  mentioned_in_comment: (actor) => <>ذكرك {actor} في تعليق على النص</>,
  // The planning desk.
  assigned: (actor) => <>كلّفك {actor} بقصة</>,
  assignment_declined: (actor) => <>اعتذر {actor} عن تكليف</>,
  deadline_soon: () => <>الموعد النهائي لتكليفك بعد أقل من ساعة</>,
  deadline_missed: () => <>فات الموعد النهائي لتكليف</>,
  pitch_declined: (actor) => <>رفض {actor} مقترحك</>,
};

function Sentence({ item }: { item: NotificationView }) {
  return SENTENCE[item.kind](<bdi>{item.actorName ?? 'غرفة الأخبار'}</bdi>);
}

export default async function NotificationsPage() {
  const user = await requireUser();
  const items = listNotifications(user.id);
  const unread = items.filter((item) => !item.readAt).length;
  return (
    <>
      <h1>الإشعارات</h1>
      {unread > 0 ? (
        <p>
          <MarkReadButton ids="all" label="تعليم الكل كمقروء" />
        </p>
      ) : null}
      {items.length === 0 ? (
        <p className="muted">لا إشعارات.</p>
      ) : (
        <ol className={styles.list}>
          {items.map((item) => (
            <li key={item.id} className={item.readAt ? styles.read : styles.unread}>
              <p className={styles.line}>
                {item.readAt ? null : <span className={styles.dot}>غير مقروء: </span>}
                <Sentence item={item} />
                {item.articleId ? (
                  <>
                    :{' '}
                    <Link href={`/newsroom/articles/${item.articleId}`}>
                      <bdi>{item.headline?.trim() || 'بلا عنوان'}</bdi>
                    </Link>
                  </>
                ) : item.assignmentId ? (
                  <>
                    :{' '}
                    <Link href={`/newsroom/plan/assignments/${item.assignmentId}`}>
                      <bdi>{item.headlineIdea?.trim() || 'بلا عنوان'}</bdi>
                    </Link>
                  </>
                ) : null}
              </p>
              <p className={styles.meta}>
                <time dateTime={item.createdAt.toISOString()}>
                  {formatArabicDateTime(item.createdAt, newsroomSettings.dates)}
                </time>
                {item.readAt ? null : <MarkReadButton ids={[item.id]} label="تعليم كمقروء" />}
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
