'use client';

import { useId, useState } from 'react';
import type { Role } from '@/db/schema';
import {
  addMemberAction,
  changeRoleAction,
  issueSignInLinkAction,
  resetPasswordAction,
  setMemberDisabledAction,
  unlockSignInAction,
} from './actions';
import { ConfirmDialog } from '../articles/[id]/ConfirmDialog';
import { errorProps, FieldError, useDeskWrite as useWrite } from '../_desk/forms';

const ROLE_OPTIONS: { value: Role; label: string }[] = [
  { value: 'reporter', label: 'صحفي' },
  { value: 'editor', label: 'محرر' },
  { value: 'admin', label: 'مدير' },
];

export type MemberView = {
  id: number;
  name: string;
  email: string;
  role: Role;
  disabled: boolean;
  mustChangePassword: boolean;
  locked: string | null;
  // Wrong passwords from browsers new to this account since it last signed in (who is targeted).
  failedAttempts: number;
  lastFailed: string | null;
  self: boolean;
};

export function AddMemberForm() {
  const id = useId();
  const { pending, errors, run } = useWrite();
  const [created, setCreated] = useState<{ name: string; generatedPassword: string | null } | null>(null);
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
            addMemberAction({
              name: String(data.get('name') ?? ''),
              email: String(data.get('email') ?? ''),
              role: String(data.get('role') ?? ''),
              password: String(data.get('password') ?? ''),
            }),
          (member) => {
            setCreated(member);
            form.reset();
          },
        );
      }}
    >
      <h2 id={`${id}-h`}>إضافة عضو</h2>
      <div className="people-forms">
        <div className="field">
          <label htmlFor={`${id}-name`}>الاسم</label>
          <input
            id={`${id}-name`}
            name="name"
            type="text"
            required
            maxLength={120}
            {...errorProps(`${id}-name-e`, errors.name)}
          />
          <FieldError id={`${id}-name-e`} message={errors.name} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-email`}>البريد الإلكتروني</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            required
            dir="ltr"
            {...errorProps(`${id}-email-e`, errors.email)}
          />
          <FieldError id={`${id}-email-e`} message={errors.email} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>الدور</label>
          <select
            id={`${id}-role`}
            name="role"
            defaultValue="reporter"
            {...errorProps(`${id}-role-e`, errors.role)}
          >
            {ROLE_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
          <FieldError id={`${id}-role-e`} message={errors.role} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>كلمة المرور الأولى</label>
          <input
            id={`${id}-password`}
            name="password"
            type="text"
            autoComplete="off"
            dir="ltr"
            aria-describedby={`${id}-password-hint${errors.password ? ` ${id}-password-e` : ''}`}
            aria-invalid={errors.password ? true : undefined}
          />
          <p id={`${id}-password-hint`} className="muted">
            عشرة أحرف على الأقل، يغيّرها العضو عند أول دخول. اتركها فارغة لتُنشأ واحدة تظهر هنا مرة واحدة.
          </p>
          <FieldError id={`${id}-password-e`} message={errors.password} />
        </div>
        <button type="submit" className="primary" disabled={pending}>
          إضافة عضو
        </button>
      </div>
      <FieldError id={`${id}-form-e`} message={errors.form} />
      {created ? (
        <p role="status" className="notice">
          أُضيف <bdi>{created.name}</bdi>.
          {created.generatedPassword ? (
            <>
              {' '}
              كلمة المرور الأولى (تظهر الآن فقط): <bdi className="one-time">{created.generatedPassword}</bdi>
            </>
          ) : null}
        </p>
      ) : null}
    </form>
  );
}

export function MemberCard({ member }: { member: MemberView }) {
  const id = useId();
  const { pending, errors, run } = useWrite();
  const [generated, setGenerated] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  const [role, setRole] = useState<Role>(member.role);
  const [newPassword, setNewPassword] = useState('');
  const [confirmDisable, setConfirmDisable] = useState(false);
  return (
    <section className="people-card" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>
        <bdi>{member.name}</bdi>
        {member.self ? ' (أنت)' : ''}
      </h3>
      <p className="muted">
        <bdi dir="ltr">{member.email}</bdi> · {ROLE_OPTIONS.find((o) => o.value === member.role)?.label}
        {member.disabled ? ' · معطّل' : ''}
        {member.mustChangePassword ? ' · يغيّر كلمة المرور عند الدخول التالي' : ''}
        {member.locked ? ` · الدخول مقفل حتى ${member.locked}` : ''}
      </p>
      {member.failedAttempts > 0 ? (
        <p className="form-error">
          محاولات دخول خاطئة من متصفحات جديدة على هذا الحساب: {member.failedAttempts}
          {member.lastFailed ? `، آخرها ${member.lastFailed}` : ''}. إن لم تكن من صاحبه، فأصدر له رابط دخول
          لمرة واحدة.
        </p>
      ) : null}
      <div className="people-forms">
        <form
          onSubmit={(event) => {
            event.preventDefault();
            run(() => changeRoleAction({ userId: member.id, role }));
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-role`}>الدور</label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(event) => setRole(event.target.value as Role)}
              {...errorProps(`${id}-role-e`, errors.role)}
            >
              {ROLE_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={pending || role === member.role}>
            تغيير الدور
          </button>
          <FieldError id={`${id}-role-e`} message={errors.role} />
        </form>
        {member.self ? null : (
          <div>
            <button
              type="button"
              disabled={pending}
              aria-describedby={errors.disabled ? `${id}-disabled-e` : undefined}
              onClick={() =>
                member.disabled
                  ? run(() => setMemberDisabledAction({ userId: member.id, disabled: false }))
                  : setConfirmDisable(true)
              }
            >
              {member.disabled ? 'تفعيل الحساب' : 'تعطيل الحساب'}
            </button>
            <FieldError id={`${id}-disabled-e`} message={errors.disabled} />
            <ConfirmDialog
              open={confirmDisable}
              title={`تعطيل حساب ${member.name}`}
              confirmLabel="تعطيل الحساب"
              busy={pending}
              onConfirm={() => {
                setConfirmDisable(false);
                run(() => setMemberDisabledAction({ userId: member.id, disabled: true }));
              }}
              onCancel={() => setConfirmDisable(false)}
            >
              <p>
                لن يستطيع <bdi>{member.name}</bdi> الدخول، وتنتهي جلساته المفتوحة عند طلبه التالي (لا يُحفظ ما
                يكتبه بعدها). لا يُحذف شيء من عمله، ويمكن تفعيل الحساب من جديد.
              </p>
            </ConfirmDialog>
          </div>
        )}
        <form
          onSubmit={(event) => {
            event.preventDefault();
            run(
              () => resetPasswordAction({ userId: member.id, password: newPassword }),
              (data) => {
                setGenerated(data.generatedPassword);
                setNewPassword('');
              },
            );
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-password`}>كلمة مرور جديدة</label>
            <input
              id={`${id}-password`}
              type="text"
              dir="ltr"
              autoComplete="off"
              value={newPassword}
              placeholder="فارغة: تُنشأ واحدة"
              onChange={(event) => setNewPassword(event.target.value)}
              {...errorProps(`${id}-password-e`, errors.password)}
            />
          </div>
          <button type="submit" disabled={pending}>
            إعادة تعيين كلمة المرور
          </button>
          <FieldError id={`${id}-password-e`} message={errors.password} />
        </form>
        {member.locked ? (
          <button
            type="button"
            disabled={pending}
            onClick={() => run(() => unlockSignInAction({ userId: member.id }))}
          >
            إلغاء قفل الدخول
          </button>
        ) : null}
        {member.disabled ? null : (
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(
                () => issueSignInLinkAction({ userId: member.id }),
                // In the fragment: never sent to the server, so never in an access log or a Referer.
                (data) => setLink(`${window.location.origin}/signin/link#${data.token}`),
              )
            }
          >
            رابط دخول لمرة واحدة
          </button>
        )}
      </div>
      <FieldError id={`${id}-form-e`} message={errors.form} />
      {generated ? (
        <p role="status" className="notice">
          كلمة المرور الجديدة (تظهر الآن فقط): <bdi className="one-time">{generated}</bdi>
        </p>
      ) : null}
      {link ? (
        <p role="status" className="notice">
          رابط الدخول (يظهر الآن فقط، يعمل مرة واحدة خلال 30 دقيقة):{' '}
          <bdi dir="ltr" className="one-time">
            {link}
          </bdi>
        </p>
      ) : null}
    </section>
  );
}
