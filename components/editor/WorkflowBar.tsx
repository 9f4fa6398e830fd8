'use client';

import { useRouter } from 'next/navigation';
import { memo, useState } from 'react';
import type { ArticleStatus } from '@/lib/shared/enums';
import type { ActionResult, FieldErrors } from '@/lib/shared/errors';
import type { ArticleAction } from '@/lib/shared/permissions';
import { STATE_CHANGED, tellDesk } from './DeskNotice';

export type WorkflowAction = Exclude<ArticleAction, 'view' | 'edit'>;
export type WorkflowActions = Record<
  WorkflowAction,
  (input: {
    articleId: number;
    reason?: string;
    seenStatus?: ArticleStatus;
  }) => Promise<ActionResult<{ version: number }>>
>;

const WORKFLOW: { action: WorkflowAction; label: string; primary?: boolean }[] = [
  { action: 'submit', label: 'إرسال للمراجعة', primary: true },
  { action: 'requestChanges', label: 'طلب تعديلات' },
  { action: 'approve', label: 'اعتماد', primary: true },
  { action: 'publish', label: 'نشر', primary: true },
  { action: 'unpublish', label: 'إلغاء النشر' },
];

// The buttons that move the article through the desk. Each one saves first: a workflow step
// never runs on top of work the server has not got.
export const WorkflowBar = memo(function WorkflowBar({
  articleId,
  status,
  allowed,
  canEdit,
  actions,
  saveNow,
  onErrors,
  onDone,
  proofCount,
}: {
  articleId: number;
  status: ArticleStatus;
  allowed: readonly ArticleAction[];
  canEdit: boolean;
  actions: WorkflowActions;
  saveNow: () => Promise<boolean>;
  onErrors: (errors: FieldErrors) => void;
  // After an action went through: the page moves focus to the status message.
  onDone: () => void;
  // Open points of التدقيق: shown before a step, never blocking it.
  proofCount?: number;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reasonOpen, setReasonOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>(undefined);
  // Shown to readers above the article when a published article is published again.
  const [publicNote, setPublicNote] = useState('');
  const republishing = allowed.includes('publish') && (status === 'published' || status === 'unpublished');

  async function run(action: WorkflowAction) {
    setError(null);
    if (action === 'requestChanges' && !reasonOpen) {
      setReasonOpen(true);
      return;
    }
    setBusy(true);
    try {
      if (canEdit && !(await saveNow())) {
        setError('احفظ المقال أولاً: لم يُحفظ آخر تعديل.');
        return;
      }
      const note = action === 'publish' ? publicNote : reason;
      const result = await actions[action]({
        articleId,
        reason: note.trim() || undefined,
        seenStatus: status,
      });
      if (!result.ok && result.code === STATE_CHANGED) {
        // The article moved on: the page says who moved it and shows it as it is now.
        tellDesk(result.message);
        router.refresh();
        return;
      }
      if (!result.ok) {
        onErrors(result.fieldErrors ?? {});
        setReasonError(result.fieldErrors?.reason);
        setError(result.message);
        return;
      }
      onErrors({});
      setReasonError(undefined);
      setReasonOpen(false);
      setReason('');
      setPublicNote('');
      router.refresh();
      onDone();
    } catch {
      setError('تعذّر الاتصال بالخادم. أعد المحاولة.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="workflow-bar">
      {republishing ? (
        <div className="field">
          <label htmlFor="public-note">ملاحظة تصحيح أو تحديث للقراء</label>
          <textarea
            id="public-note"
            rows={2}
            maxLength={2000}
            value={publicNote}
            onChange={(e) => setPublicNote(e.target.value)}
          />
        </div>
      ) : null}
      {reasonOpen ? (
        <div className="field">
          <label htmlFor="reason">سبب طلب التعديلات</label>
          <textarea id="reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
          {reasonError ? <p className="field-error">{reasonError}</p> : null}
        </div>
      ) : null}
      {proofCount !== undefined && WORKFLOW.some((w) => w.primary && allowed.includes(w.action)) ? (
        <p className="proof-before-publish" data-testid="proof-before-publish">
          {proofCount === 0 ? 'لا ملاحظات تدقيق مفتوحة.' : `ملاحظات التدقيق المفتوحة: ${proofCount}`}{' '}
          {proofCount > 0 ? (
            <a href="#proof-panel-h" className="hint">
              (عرض التدقيق)
            </a>
          ) : null}
        </p>
      ) : null}
      <div className="button-row">
        {WORKFLOW.filter((w) => allowed.includes(w.action)).map((w) => (
          <button
            key={w.action}
            type="button"
            className={w.primary ? 'primary' : undefined}
            disabled={busy}
            onClick={() => void run(w.action)}
          >
            {w.label}
          </button>
        ))}
      </div>
      {error ? (
        <p role="alert" className="form-error">
          {error}
        </p>
      ) : null}
    </div>
  );
});
