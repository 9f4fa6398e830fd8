'use client';

import { useId, useState } from 'react';
import { API_SCOPES, API_SCOPES_BY_ROLE, type ApiScope } from '@/lib/shared/permissions';
import type { Role } from '@/lib/shared/enums';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from '@/lib/shared/webhook-events';
import {
  createApiKeyAction,
  createWebhookAction,
  deleteWebhookAction,
  retryDeliveryAction,
  revokeApiKeyAction,
  setWebhookEnabledAction,
} from './actions';
import { SCOPE_LABELS } from './labels';
import { FieldError, useDeskWrite as useWrite } from '../_desk/forms';

// Shown once: the admin copies it now; it is stored only as its hash (or, a signing secret, never
// shown again).
function OneTime({ label, value }: { label: string; value: string }) {
  return (
    <div className="notice" role="status">
      <p>{label}</p>
      <p dir="ltr">
        <code className="one-time" data-testid="one-time">
          {value}
        </code>
      </p>
    </div>
  );
}

type MemberOption = { id: number; name: string; email: string; role: Role };

export function CreateKeyForm({ members }: { members: MemberOption[] }) {
  const id = useId();
  const { pending, errors, run } = useWrite();
  const [created, setCreated] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<number>(
    members.find((m) => m.role === 'admin')?.id ?? members[0]?.id ?? 0,
  );
  const owner = members.find((m) => m.id === ownerId);
  return (
    <form
      className="people-card"
      aria-labelledby={`${id}-h`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        run(
          () =>
            createApiKeyAction({
              name: String(data.get('name') ?? ''),
              ownerId: Number(data.get('ownerId')),
              scopes: data.getAll('scopes').map(String) as ApiScope[],
            }),
          (result) => {
            setCreated(result.key);
            form.reset();
          },
        );
      }}
    >
      <h3 id={`${id}-h`}>مفتاح جديد</h3>
      <div className="people-forms">
        <div className="field">
          <label htmlFor={`${id}-name`}>اسم المفتاح</label>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            required
            maxLength={120}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? `${id}-name-e` : undefined}
          />
          <FieldError id={`${id}-name-e`} message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-owner`}>صاحب المفتاح</label>
          <select
            id={`${id}-owner`}
            name="ownerId"
            value={ownerId}
            onChange={(e) => setOwnerId(Number(e.target.value))}
          >
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name} ({m.email})
              </option>
            ))}
          </select>
          <FieldError id={`${id}-owner-e`} message={errors.owner} />
        </div>
        <fieldset className="choices" aria-describedby={errors.scopes ? `${id}-scopes-e` : undefined}>
          <legend>النطاقات</legend>
          {API_SCOPES.map((scope) => {
            const allowed = owner ? API_SCOPES_BY_ROLE[owner.role][scope] : false;
            return (
              <label key={scope} className="choice">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  disabled={!allowed}
                  defaultChecked={scope === 'content:read'}
                />{' '}
                {SCOPE_LABELS[scope]}
              </label>
            );
          })}
          <FieldError id={`${id}-scopes-e`} message={errors.scopes} />
        </fieldset>
        <button type="submit" className="primary" disabled={pending}>
          إنشاء المفتاح
        </button>
      </div>
      <FieldError id={`${id}-form-e`} message={errors.form} />
      {created ? <OneTime label="انسخ المفتاح الآن؛ لن يظهر مرة أخرى:" value={created} /> : null}
    </form>
  );
}

export function RevokeKeyButton({ keyId, name }: { keyId: number; name: string }) {
  const { pending, errors, run } = useWrite();
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`إلغاء المفتاح ${name}`}
        onClick={() => {
          if (window.confirm(`إلغاء المفتاح «${name}»؟ يتوقف كل تكامل يستعمله فوراً.`))
            run(() => revokeApiKeyAction({ keyId }));
        }}
      >
        إلغاء المفتاح
      </button>
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </>
  );
}

export function CreateWebhookForm() {
  const id = useId();
  const { pending, errors, run } = useWrite();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <form
      className="people-card"
      aria-labelledby={`${id}-h`}
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        run(
          () =>
            createWebhookAction({
              url: String(data.get('url') ?? ''),
              description: String(data.get('description') ?? ''),
              events: data.getAll('events').map(String) as (typeof WEBHOOK_EVENTS)[number][],
            }),
          (result) => {
            setSecret(result.secret);
            form.reset();
          },
        );
      }}
    >
      <h3 id={`${id}-h`}>خطاف جديد</h3>
      <div className="people-forms">
        <div className="field wide">
          <label htmlFor={`${id}-url`}>عنوان الخطاف</label>
          <input
            id={`${id}-url`}
            name="url"
            type="url"
            required
            dir="ltr"
            placeholder="https://"
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={errors.url ? `${id}-url-e` : undefined}
          />
          <FieldError id={`${id}-url-e`} message={errors.url} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-desc`}>وصف</label>
          <input id={`${id}-desc`} name="description" type="text" maxLength={200} />
        </div>
        <fieldset className="choices" aria-describedby={errors.events ? `${id}-events-e` : undefined}>
          <legend>الأحداث</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="choice">
              <input
                type="checkbox"
                name="events"
                value={event}
                defaultChecked={event === 'article.published'}
              />{' '}
              {WEBHOOK_EVENT_LABELS[event]} <small dir="ltr">{event}</small>
            </label>
          ))}
          <FieldError id={`${id}-events-e`} message={errors.events} />
        </fieldset>
        <button type="submit" className="primary" disabled={pending}>
          تسجيل الخطاف
        </button>
      </div>
      <FieldError id={`${id}-form-e`} message={errors.form} />
      {secret ? (
        <OneTime label="سر التوقيع (Standard Webhooks)؛ انسخه الآن، لن يظهر مرة أخرى:" value={secret} />
      ) : null}
    </form>
  );
}

export function WebhookControls({ webhookId, disabled }: { webhookId: number; disabled: boolean }) {
  const { pending, errors, run } = useWrite();
  return (
    <div className="desk-crumbs">
      <button
        type="button"
        disabled={pending}
        onClick={() => run(() => setWebhookEnabledAction({ webhookId, enabled: disabled }))}
      >
        {disabled ? 'تشغيل الخطاف' : 'إيقاف الخطاف'}
      </button>
      <button
        type="button"
        disabled={pending}
        onClick={() => {
          if (window.confirm('حذف الخطاف وسجل إرساله؟')) run(() => deleteWebhookAction({ webhookId }));
        }}
      >
        حذف الخطاف
      </button>
      {errors.form ? <p className="field-error">{errors.form}</p> : null}
    </div>
  );
}

export function RetryDeliveryButton({ deliveryId }: { deliveryId: number }) {
  const { pending, run } = useWrite();
  return (
    <button type="button" disabled={pending} onClick={() => run(() => retryDeliveryAction({ deliveryId }))}>
      إعادة المحاولة
    </button>
  );
}
