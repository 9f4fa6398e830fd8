'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { DeskAction } from '@/lib/shared/permissions';
import type { ArticleStatus } from '@/lib/shared/enums';
import { unpublishArticleAction } from '../actions';
import { archiveArticleAction, deleteDraftAction, withdrawFromReviewAction } from '../desk-actions';
import { ConfirmDialog } from './ConfirmDialog';
import styles from './desk.module.css';
import { runAction } from './run-action';

type Confirming = 'unpublish' | 'delete' | null;

// The desk's actions beside the editor's own buttons. The server checks each one again.
export function DeskActions({
  articleId,
  status,
  headline,
  allowed,
  canUnpublish,
}: {
  articleId: number;
  // What the page shows: sent with each action, so a stale one is told what changed.
  status: ArticleStatus;
  headline: string;
  allowed: DeskAction[];
  canUnpublish: boolean;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const title = headline.trim() || 'بلا عنوان';
  // Every action names the article and the status this page shows (a stale one is told what changed).
  const article = { articleId, seenStatus: status };

  async function act(run: () => ReturnType<typeof runAction>, after: () => void = () => router.refresh()) {
    setBusy(true);
    setError(null);
    const outcome = await run();
    setBusy(false);
    setConfirming(null);
    if (!outcome.ok && outcome.stale) router.refresh();
    else if (!outcome.ok) setError(outcome.message);
    else after();
  }

  const offers = {
    withdraw: allowed.includes('withdraw'),
    archive: allowed.includes('archive'),
    delete: allowed.includes('delete'),
  };
  if (!canUnpublish && !offers.withdraw && !offers.archive && !offers.delete) return null;

  return (
    <section className={styles.panel} aria-labelledby="desk-actions-heading">
      <h2 id="desk-actions-heading">إجراءات المقال</h2>
      <div className={styles.buttons}>
        {offers.withdraw ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => runAction(() => withdrawFromReviewAction(article)))}
          >
            سحب من المراجعة
          </button>
        ) : null}
        {canUnpublish ? (
          <button
            type="button"
            className={styles.danger}
            disabled={busy}
            onClick={() => setConfirming('unpublish')}
          >
            إلغاء النشر
          </button>
        ) : null}
        {offers.archive ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => void act(() => runAction(() => archiveArticleAction(article)))}
          >
            أرشفة
          </button>
        ) : null}
        {offers.delete ? (
          <button
            type="button"
            className={styles.danger}
            disabled={busy}
            onClick={() => setConfirming('delete')}
          >
            حذف
          </button>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming === 'unpublish'}
        title="إلغاء النشر"
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() => void act(() => runAction(() => unpublishArticleAction(article)))}
      >
        <p>
          سيختفي المقال «<bdi>{title}</bdi>» من كل صفحات القراء وقوائمهم والبحث والخلاصات. يمكن نشره من جديد
          لاحقاً.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'delete'}
        title="حذف المسودة"
        confirmLabel="حذف"
        busy={busy}
        onCancel={() => setConfirming(null)}
        onConfirm={() =>
          void act(
            () => runAction(() => deleteDraftAction(article)),
            () => router.push('/newsroom'),
          )
        }
      >
        <p>
          ستُحذف المسودة «<bdi>{title}</bdi>» من كل القوائم. تبقى نسخها المحفوظة في سجل النسخ.
        </p>
      </ConfirmDialog>
    </section>
  );
}
