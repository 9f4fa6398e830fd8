import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth';
import { listWireQueue } from '@/lib/platform/wire';
import { formatArabicDateTime } from '@/lib/shared/arabic';
import { canInNewsroom } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';
import { TakeButton } from './TakeButton';
import '../_desk/desk.css';

export const metadata = { title: 'الوارد من الوكالات' };

// الوارد من الوكالات: the agencies' items waiting as drafts, for the desk (as قيد المراجعة is).
export default async function WirePage() {
  const user = await requireUser();
  if (!canInNewsroom(user, 'viewReviewQueue')) notFound();
  const items = listWireQueue(user);
  const when = (d: Date | null) => (d ? formatArabicDateTime(d, newsroomSettings.dates) : '—');
  return (
    <>
      <h1>الوارد من الوكالات</h1>
      <p>
        مواد الوكالات تصل مسودات ولا تُنشر وحدها. خذ مادة إلى سير العمل لتصبح مسودتك. تصل بـ POST /api/v1/wire
        بمفتاح نطاقه wire، أو من المجلد المراقب.
      </p>
      {items.length === 0 ? (
        <p className="muted">لا شيء في الوارد الآن.</p>
      ) : (
        <div className="desk-scroll">
          <table className="list">
            <caption className="visually-hidden">الوارد من الوكالات</caption>
            <thead>
              <tr>
                <th scope="col">العنوان</th>
                <th scope="col">المصدر</th>
                <th scope="col">الأولوية</th>
                <th scope="col">وقت الوكالة</th>
                <th scope="col">الإصدار</th>
                <th scope="col">إجراء</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <td>
                    <bdi>{item.headline}</bdi>
                  </td>
                  <td>
                    <bdi>{item.source || item.credit || '—'}</bdi>
                  </td>
                  <td>{item.urgency ?? '—'}</td>
                  <td>{when(item.originalAt)}</td>
                  <td>{item.version}</td>
                  <td>
                    <TakeButton wireId={item.id} headline={item.headline} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
