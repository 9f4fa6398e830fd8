'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { takeWireItemAction } from './actions';

export function TakeButton({ wireId, headline }: { wireId: number; headline: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        disabled={pending}
        aria-label={`أخذ «${headline}» إلى سير العمل`}
        onClick={() =>
          start(async () => {
            const result = await takeWireItemAction({ wireId });
            if (result.ok) router.push(`/newsroom/articles/${result.data.articleId}`);
            else setError(result.message);
          })
        }
      >
        أخذ إلى سير العمل
      </button>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
