'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SIGN_IN_BUSY, SIGN_IN_LOCKED, SIGN_IN_MESSAGES } from '@/lib/shared/sign-in-messages';
import { safeNextPath } from '@/lib/shared/urls';

export function SignInForm({ next }: { next: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        redirect: false,
      });
      if (!result || result.error) {
        setError(
          result?.error === SIGN_IN_LOCKED
            ? SIGN_IN_MESSAGES.locked
            : result?.error === SIGN_IN_BUSY
              ? SIGN_IN_MESSAGES.busy
              : SIGN_IN_MESSAGES.wrong,
        );
        return;
      }
      // Checked again in the browser, so that this form alone can never send anyone off-site.
      router.replace(safeNextPath(next));
      router.refresh();
    } catch {
      setError(SIGN_IN_MESSAGES.offline);
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="email">البريد الإلكتروني</label>
        <input id="email" name="email" type="email" dir="ltr" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">كلمة المرور</label>
        <input
          id="password"
          name="password"
          type="password"
          dir="ltr"
          autoComplete="current-password"
          required
        />
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        تسجيل الدخول
      </button>
    </form>
  );
}
