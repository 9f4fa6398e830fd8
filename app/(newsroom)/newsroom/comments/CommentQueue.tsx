'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { moderateCommentAction, setArticleCommentsAction, setSiteCommentsAction } from './actions';

export type QueueItem = {
  id: number;
  articleId: number;
  headline: string;
  name: string;
  text: string;
  at: string;
  atLabel: string;
};

// The waiting comments, oldest first: قبول shows a comment to readers, رفض keeps it hidden.
export function CommentQueue({ items, showArticle }: { items: QueueItem[]; showArticle: boolean }) {
  const [done, setDone] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const decide = (id: number, decision: 'approve' | 'reject') =>
    startTransition(async () => {
      setError(null);
      const result = await moderateCommentAction({ commentId: id, decision }).catch(() => null);
      if (!result) return setError('تعذّر الاتصال بالخادم. أعد المحاولة.');
      if (!result.ok) return setError(result.message);
      // The decided comment stays in place with its outcome; the list is fresh on the next visit.
      setDone((d) => ({ ...d, [id]: decision === 'approve' ? 'قُبل التعليق' : 'رُفض التعليق' }));
    });

  if (items.length === 0) return <p className="muted">لا توجد تعليقات بانتظار المراجعة.</p>;
  return (
    <>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <ol className="comment-queue">
        {items.map((item) => (
          <li key={item.id} aria-labelledby={`comment-${item.id}-by`}>
            <p className="muted">
              <span id={`comment-${item.id}-by`}>
                <bdi>{item.name}</bdi>
              </span>{' '}
              · <time dateTime={item.at}>{item.atLabel}</time>
              {showArticle ? (
                <>
                  {' '}
                  ·{' '}
                  <a href={`/newsroom/comments?article=${item.articleId}`}>{item.headline || 'بلا عنوان'}</a>
                </>
              ) : null}
            </p>
            <p className="comment-text">{item.text}</p>
            {done[item.id] ? (
              <p role="status">{done[item.id]}</p>
            ) : (
              <p className="comment-actions">
                <button
                  type="button"
                  className="primary"
                  disabled={pending}
                  onClick={() => decide(item.id, 'approve')}
                  aria-describedby={`comment-${item.id}-by`}
                >
                  قبول
                </button>{' '}
                <button
                  type="button"
                  disabled={pending}
                  onClick={() => decide(item.id, 'reject')}
                  aria-describedby={`comment-${item.id}-by`}
                >
                  رفض
                </button>
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

// Admins only: comments on or off for the whole site, or for one article.
export function CommentSettings({
  siteEnabled,
  article,
}: {
  siteEnabled: boolean;
  article?: { id: number; closed: boolean };
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = (write: () => Promise<{ ok: boolean; message?: string }>, done: string) =>
    startTransition(async () => {
      const result = await write().catch(() => null);
      setMessage(
        !result ? 'تعذّر الاتصال بالخادم. أعد المحاولة.' : result.ok ? done : (result.message ?? null),
      );
      router.refresh();
    });
  return (
    <section aria-labelledby="comment-settings-heading" className="comment-settings">
      <h2 id="comment-settings-heading">إعدادات التعليقات</h2>
      <p>
        {siteEnabled ? 'التعليقات مفتوحة في الموقع.' : 'التعليقات مغلقة في الموقع كله.'}{' '}
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            run(
              () => setSiteCommentsAction({ enabled: !siteEnabled }),
              siteEnabled ? 'أُغلقت التعليقات في الموقع.' : 'فُتحت التعليقات في الموقع.',
            )
          }
        >
          {siteEnabled ? 'إغلاق التعليقات في الموقع' : 'فتح التعليقات في الموقع'}
        </button>
      </p>
      {article ? (
        <p>
          {article.closed ? 'التعليقات مغلقة على هذا المقال.' : 'التعليقات مفتوحة على هذا المقال.'}{' '}
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              run(
                () => setArticleCommentsAction({ articleId: article.id, closed: !article.closed }),
                article.closed ? 'فُتحت التعليقات على المقال.' : 'أُغلقت التعليقات على المقال.',
              )
            }
          >
            {article.closed ? 'فتح التعليقات على المقال' : 'إغلاق التعليقات على المقال'}
          </button>
        </p>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
