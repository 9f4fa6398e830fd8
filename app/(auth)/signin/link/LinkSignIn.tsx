'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { SIGN_IN_MESSAGES } from '@/lib/shared/sign-in-messages';

export const LINK_REFUSED =
  'هذا الرابط غير صالح، أو استُخدم من قبل، أو انتهت مدته. اطلب من المدير رابطاً جديداً.';

export function LinkSignIn() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const token = window.location.hash.slice(1);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('link', { token, redirect: false });
      if (!result || result.error) {
        setError(LINK_REFUSED);
        return;
      }
      // The link works once: it leaves the address bar (and this tab's history) now.
      window.history.replaceState(null, '', '/signin/link');
      router.replace('/newsroom');
      router.refresh();
    } catch {
      setError(SIGN_IN_MESSAGES.offline);
    } finally {
      setPending(false);
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate>
      <p className="muted">
        أصدر لك مدير غرفة الأخبار هذا الرابط؛ يعمل مرة واحدة، ويصير هذا المتصفح موثوقاً بعده.
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <button type="submit" className="primary" disabled={pending}>
        الدخول إلى غرفة الأخبار
      </button>
    </form>
  );
}
