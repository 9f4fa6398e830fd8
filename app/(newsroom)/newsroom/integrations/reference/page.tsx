import { requireUser } from '@/lib/auth';
import { ENDPOINTS, openApiDocument } from '@/lib/platform/openapi';
import { PROBLEMS, PROBLEM_TYPE_PREFIX } from '@/lib/shared/problem';
import { API_SCOPE_PERMISSIONS, API_SCOPES } from '@/lib/shared/permissions';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from '@/lib/shared/webhook-events';
import { SCOPE_LABELS } from '../labels';
import '../../_desk/desk.css';

export const metadata = { title: 'مرجع الواجهة البرمجية' };

type Parameter = { name: string; in: string; required: boolean; description?: string };

// مرجع الواجهة البرمجية: the OpenAPI document (lib/platform/openapi.ts) written out for people,
// from the same list of endpoints, so the page and /api/v1/openapi.json say the same thing.
export default async function ApiReferencePage() {
  await requireUser();
  const doc = openApiDocument();
  return (
    <div className="api-reference">
      <h1>مرجع الواجهة البرمجية</h1>
      <p>
        العنوان الأساسي <code dir="ltr">/api/v1</code>، والمفتاح في الترويسة{' '}
        <code dir="ltr">Authorization: Bearer nrk_…</code>. الوصف الكامل بصيغة OpenAPI 3.1:{' '}
        <a href="/api/v1/openapi.json" dir="ltr">
          /api/v1/openapi.json
        </a>
        .
      </p>
      <p>
        تعرض واجهة المحتوى ما يراه القراء فقط: لا مسودات ولا نسخ عمل ولا مقالات محظورة أو ملغى نشرها ولا
        ملاحظات تحرير. تُطلب المقالات بصيغة ninjs 2.1 بالترويسة{' '}
        <code dir="ltr">Accept: application/ninjs+json</code> أو بالمعامل <code dir="ltr">?format=ninjs</code>
        . الإجابات قابلة للتخزين المؤقت (ETag و304).
      </p>

      <h2>النطاقات</h2>
      <ul>
        {API_SCOPES.map((scope) => (
          <li key={scope}>{SCOPE_LABELS[scope]}</li>
        ))}
      </ul>

      <h2>النقاط</h2>
      {ENDPOINTS.map((e) => {
        const operation = (doc.paths[e.path] as Record<string, { parameters: Parameter[] }>)[e.method]!;
        const scopes = API_SCOPES.filter((s) => API_SCOPE_PERMISSIONS[s][e.operation]);
        return (
          <section
            key={`${e.method} ${e.path}`}
            className="people-card"
            aria-labelledby={`op-${e.operationId}`}
          >
            <h3 id={`op-${e.operationId}`} dir="ltr">
              {e.method.toUpperCase()} /api/v1{e.path}
            </h3>
            <p>{e.summary}</p>
            <p>
              النطاق: <code dir="ltr">{scopes.join(' | ')}</code>
            </p>
            {operation.parameters.length > 0 ? (
              <p>
                المعاملات:{' '}
                {operation.parameters.map((p, i) => (
                  <span key={p.name}>
                    {i > 0 ? '، ' : ''}
                    <code dir="ltr">{p.name}</code>
                    {p.required ? ' (مطلوب)' : ''}
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        );
      })}

      <h2>الأخطاء</h2>
      <p>
        كل خطأ بصيغة RFC 9457 (<code dir="ltr">application/problem+json</code>) بحقول type وtitle وstatus
        وdetail وerrors.
      </p>
      {/* Focusable, so a keyboard can scroll it on a phone (it holds no link of its own). */}
      <div className="desk-scroll" tabIndex={0} role="region" aria-label="أنواع الأخطاء">
        <table className="list">
          <thead>
            <tr>
              <th scope="col">type</th>
              <th scope="col">الحالة</th>
              <th scope="col">العنوان</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(PROBLEMS).map(([type, p]) => (
              <tr key={type}>
                <td dir="ltr">
                  <code>
                    {PROBLEM_TYPE_PREFIX}
                    {type}
                  </code>
                </td>
                <td>{p.status}</td>
                <td>{p.title}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>الخطافات (Webhooks)</h2>
      <p>
        تُوقّع كل رسالة وفق Standard Webhooks: الترويسات <code dir="ltr">webhook-id</code> و
        <code dir="ltr">webhook-timestamp</code> و<code dir="ltr">webhook-signature</code> (HMAC-SHA256 على
        id.timestamp.body بسر التوقيع). يتحقق منها المستقبِل بحزمة standardwebhooks. تُعاد المحاولة عند الفشل من
        ثوانٍ حتى يوم، ويوقف الجواب 410 الخطاف.
      </p>
      <pre tabIndex={0} aria-label="التحقق من التوقيع">{`import { Webhook } from 'standardwebhooks';
const event = new Webhook(secret).verify(rawBody, headers);`}</pre>
      <ul>
        {WEBHOOK_EVENTS.map((event) => (
          <li key={event}>
            <code dir="ltr">{event}</code>: {WEBHOOK_EVENT_LABELS[event]}
          </li>
        ))}
      </ul>
    </div>
  );
}
