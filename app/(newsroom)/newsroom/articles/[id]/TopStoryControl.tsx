'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { chooseTopStoryAction } from '../top-story-actions';

// A small control above the editor of a published article, for the desk: make it the front page's
// top story, or stop it being one. The server checks the permission again.
export function TopStoryControl({ articleId, chosen }: { articleId: number; chosen: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const toggle = () =>
    startTransition(async () => {
      const result = await chooseTopStoryAction({ articleId, chosen: !chosen });
      if (!result.ok) return setError(result.message);
      setError(null);
      router.refresh();
    });
  return (
    <section aria-label="الخبر الرئيسي" className="top-story-control container">
      <p>
        {chosen ? 'هذا المقال هو الخبر الرئيسي في الصفحة الأولى.' : 'ليس هذا المقال الخبر الرئيسي.'}{' '}
        <button type="button" onClick={toggle} disabled={pending}>
          {chosen ? 'إلغاء اختياره خبراً رئيسياً' : 'اختياره خبراً رئيسياً'}
        </button>
      </p>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
