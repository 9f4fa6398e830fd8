'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import type { FieldErrors } from '@/lib/shared/errors';
import { changeOwnPasswordAction } from './actions';

const FIELDS = [
  { name: 'current', label: 'كلمة المرور الحالية', autoComplete: 'current-password' },
  { name: 'password', label: 'كلمة المرور الجديدة', autoComplete: 'new-password' },
  { name: 'confirm', label: 'تأكيد كلمة المرور الجديدة', autoComplete: 'new-password' },
] as const;

export function ChangePasswordForm() {
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  return (
    // method="post": should this page ever run without its script (it did, under the wrong CSP),
    // the browser posts the form to this page instead of putting the passwords in a GET address.
    <form
      method="post"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        startTransition(async () => {
          const result = await changeOwnPasswordAction({
            current: String(data.get('current') ?? ''),
            password: String(data.get('password') ?? ''),
            confirm: String(data.get('confirm') ?? ''),
          });
          if (result.ok) {
            router.replace('/newsroom');
            router.refresh();
          } else setErrors(result.fieldErrors ?? { form: result.message });
        });
      }}
    >
      {FIELDS.map((field) => (
        <div className="field" key={field.name}>
          <label htmlFor={`pw-${field.name}`}>{field.label}</label>
          <input
            id={`pw-${field.name}`}
            name={field.name}
            type="password"
            dir="ltr"
            autoComplete={field.autoComplete}
            aria-invalid={errors[field.name] ? true : undefined}
            aria-describedby={errors[field.name] ? `pw-${field.name}-e` : undefined}
          />
          {errors[field.name] ? (
            <p id={`pw-${field.name}-e`} className="field-error" role="alert">
              {errors[field.name]}
            </p>
          ) : null}
        </div>
      ))}
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        تغيير كلمة المرور
      </button>
    </form>
  );
}
