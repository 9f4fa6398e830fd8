import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth';
import { listMembers } from '@/lib/newsroom/people';
import { listApiKeys } from '@/lib/platform/keys';
import { deliveryLog, listWebhooks } from '@/lib/platform/webhooks';
import { formatArabicDateTime } from '@/lib/shared/arabic';
import { canInNewsroom } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';
import { WEBHOOK_EVENT_LABELS } from '@/lib/shared/webhook-events';
import {
  CreateKeyForm,
  CreateWebhookForm,
  RetryDeliveryButton,
  RevokeKeyButton,
  WebhookControls,
} from './IntegrationForms';
import { SCOPE_LABELS } from './labels';
import '../_desk/desk.css';

export const metadata = { title: 'التكاملات' };

const when = (date: Date | null) => (date ? formatArabicDateTime(date, newsroomSettings.dates) : '—');

const DELIVERY_STATUS: Record<string, string> = {
  pending: 'في الانتظار',
  delivered: 'وصل',
  failed: 'فشل',
};

// التكاملات: admins alone (manageIntegrations). Anyone else meets a 404, as for any address that
// is not theirs.
export default async function IntegrationsPage() {
  const user = await requireUser();
  if (!canInNewsroom(user, 'manageIntegrations')) notFound();
  const members = listMembers(user)
    .filter((m) => !m.disabled)
    .map((m) => ({ id: m.id, name: m.name, email: m.email, role: m.role }));
  const keys = listApiKeys(user);
  const hooks = listWebhooks(user);
  const log = deliveryLog(user, 30);
  return (
    <>
      <h1>التكاملات</h1>
      <p>
        مفاتيح الواجهة البرمجية والخطافات التي تربط غرفة الأخبار بالتطبيقات والشركاء.{' '}
        <Link href="/newsroom/integrations/reference">مرجع الواجهة البرمجية</Link>
      </p>

      <section aria-labelledby="keys-h">
        <h2 id="keys-h">مفاتيح الواجهة البرمجية</h2>
        <CreateKeyForm members={members} />
        {keys.length === 0 ? (
          <p className="muted">لا مفاتيح بعد.</p>
        ) : (
          <div className="desk-scroll">
            <table className="list">
              <caption className="visually-hidden">المفاتيح</caption>
              <thead>
                <tr>
                  <th scope="col">الاسم</th>
                  <th scope="col">بداية المفتاح</th>
                  <th scope="col">النطاقات</th>
                  <th scope="col">صاحب المفتاح</th>
                  <th scope="col">آخر استعمال</th>
                  <th scope="col">الحالة</th>
                </tr>
              </thead>
              <tbody>
                {keys.map((key) => (
                  <tr key={key.id}>
                    <td>
                      <bdi>{key.name}</bdi>
                    </td>
                    <td dir="ltr">
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.scopes.map((s) => SCOPE_LABELS[s]).join('، ')}</td>
                    <td>
                      <bdi>{key.ownerName}</bdi>
                    </td>
                    <td>{when(key.lastUsedAt)}</td>
                    <td>
                      {key.revokedAt ? (
                        <>أُلغي {when(key.revokedAt)}</>
                      ) : (
                        <RevokeKeyButton keyId={key.id} name={key.name} />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="hooks-h">
        <h2 id="hooks-h">الخطافات (Webhooks)</h2>
        <CreateWebhookForm />
        {hooks.length === 0 ? (
          <p className="muted">لا خطافات بعد.</p>
        ) : (
          hooks.map((hook) => (
            <div key={hook.id} className="people-card">
              <h3 dir="ltr" className="hook-url">
                {hook.url}
              </h3>
              {hook.description ? <p>{hook.description}</p> : null}
              <p>الأحداث: {hook.events.map((e) => WEBHOOK_EVENT_LABELS[e]).join('، ')}</p>
              <p>
                الحالة:{' '}
                {hook.disabled ? `موقوف${hook.disabledReason ? ` (${hook.disabledReason})` : ''}` : 'يعمل'}
              </p>
              <WebhookControls webhookId={hook.id} disabled={hook.disabled} />
            </div>
          ))
        )}
      </section>

      <section aria-labelledby="log-h">
        <h2 id="log-h">سجل الإرسال</h2>
        {log.length === 0 ? (
          <p className="muted">لم يُرسل شيء بعد.</p>
        ) : (
          <div className="desk-scroll">
            <table className="list">
              <caption className="visually-hidden">آخر ما أُرسل</caption>
              <thead>
                <tr>
                  <th scope="col">الحدث</th>
                  <th scope="col">إلى</th>
                  <th scope="col">الحالة</th>
                  <th scope="col">المحاولات</th>
                  <th scope="col">إجراء</th>
                </tr>
              </thead>
              <tbody>
                {log.map((d) => (
                  <tr key={d.id}>
                    <td>
                      {WEBHOOK_EVENT_LABELS[d.eventType as keyof typeof WEBHOOK_EVENT_LABELS] ?? d.eventType}
                      <br />
                      <small dir="ltr">{d.messageId}</small>
                    </td>
                    <td dir="ltr" className="hook-url">
                      {d.url}
                    </td>
                    <td>{DELIVERY_STATUS[d.status]}</td>
                    <td>
                      {d.attempts.length === 0 ? (
                        '—'
                      ) : (
                        <ol className="attempts">
                          {d.attempts.map((a, i) => (
                            <li key={i}>
                              {when(a.at)}: {a.statusCode ?? 'لا جواب'} ({a.durationMs} م.ث)
                              {a.error ? (
                                <>
                                  {' '}
                                  <small dir="ltr">{a.error}</small>
                                </>
                              ) : null}
                            </li>
                          ))}
                        </ol>
                      )}
                      {d.status === 'pending' && d.attempts.length > 0 ? (
                        <p className="muted">المحاولة التالية: {when(d.nextAttemptAt)}</p>
                      ) : null}
                    </td>
                    <td>
                      <RetryDeliveryButton deliveryId={d.id} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
