'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { createDraftAction } from '../actions';

// The draft is created by a POST (a server action) once the page is open in a browser, never by
// a GET, so prefetching or crawling this address creates nothing.
export function CreateDraft() {
  const router = useRouter();
  const started = useRef(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    createDraftAction({})
      .then((result) => {
        if (result.ok) router.replace(`/newsroom/articles/${result.data.id}`);
        else setError(result.message);
      })
      .catch(() => setError('تعذّر إنشاء المقال. تحقق من الاتصال وأعد المحاولة.'));
  }, [router]);

  return (
    <section aria-busy={!error}>
      <h1>مقال جديد</h1>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : (
        <p className="muted">جارٍ إنشاء المسودة…</p>
      )}
    </section>
  );
}
