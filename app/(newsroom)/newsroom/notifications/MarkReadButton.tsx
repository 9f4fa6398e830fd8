'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { markNotificationsReadAction } from './actions';

export function MarkReadButton({ ids, label }: { ids: number[] | 'all'; label: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          try {
            const result = await markNotificationsReadAction({ ids });
            if (result.ok) router.refresh();
            else setError(result.message);
          } catch {
            setError('تعذّر الاتصال بالخادم. أعد المحاولة.');
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </button>
      {error ? (
        <span role="alert" className="field-error">
          {error}
        </span>
      ) : null}
    </>
  );
}
