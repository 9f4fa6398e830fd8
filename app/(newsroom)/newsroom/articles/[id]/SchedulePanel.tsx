'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { ArticleStatus } from '@/lib/shared/enums';
import type { FieldErrors } from '@/lib/shared/errors';
import { scheduleArticleAction, setEmbargoAction, unscheduleArticleAction } from '../desk-actions';
import styles from './desk.module.css';
import { runAction, type Outcome } from './run-action';
import { ConfirmDialog } from './ConfirmDialog';
import { MinuteFields } from '../../_desk/TimeFields';
import { textOfMinute } from '@/lib/shared/date-fields';

// جدولة and حظر النشر حتى, in the newsroom's clock (its time zone, shown beside the fields).
export function SchedulePanel({
  articleId,
  status: seenStatus,
  scheduledAt,
  embargoUntil,
  scheduledLabel,
  embargoLabel,
  timeZone,
  canSchedule,
  canUnschedule,
  canEmbargo,
  live = false,
  headline = '',
}: {
  articleId: number;
  // What the page shows: sent with each action, so a stale one is told what changed.
  status: ArticleStatus;
  scheduledAt: string;
  embargoUntil: string;
  scheduledLabel: string | null;
  embargoLabel: string | null;
  timeZone: string;
  canSchedule: boolean;
  canUnschedule: boolean;
  canEmbargo: boolean;
  // Published and visible to readers now: an embargo takes it away from them, so it asks first.
  live?: boolean;
  headline?: string;
}) {
  const router = useRouter();
  const [when, setWhen] = useState(scheduledAt);
  const [embargo, setEmbargo] = useState(embargoUntil);
  // The page's refresh (after an action, or a stale one another page overtook) brings the
  // article's own times: the fields show them, not what was typed before.
  const [stored, setStored] = useState({ scheduledAt, embargoUntil });
  if (stored.scheduledAt !== scheduledAt || stored.embargoUntil !== embargoUntil) {
    setStored({ scheduledAt, embargoUntil });
    setWhen(scheduledAt);
    setEmbargo(embargoUntil);
  }
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  // What the last action did, announced and focused (focus would otherwise fall to <body>).
  const [done, setDone] = useState('');
  const [confirming, setConfirming] = useState(false);
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);

  if (!canSchedule && !canUnschedule && !canEmbargo && !scheduledLabel && !embargoLabel) return null;

  async function act(run: () => Promise<Outcome>, success: string) {
    setBusy(true);
    setMessage(null);
    setDone('');
    const outcome = await run();
    setBusy(false);
    if (outcome.ok) {
      setErrors({});
      setDone(success);
      router.refresh();
      return;
    }
    if (outcome.stale) {
      router.refresh();
      return;
    }
    setErrors(outcome.fieldErrors);
    // The fields say what is wrong; the general message only when no field does.
    setMessage(Object.keys(outcome.fieldErrors).length > 0 ? null : outcome.message);
  }

  // Every button runs one desk action through act (busy, errors, refresh), on the article and the
  // status this page shows (a stale one is told what changed).
  const article = { articleId, seenStatus };
  const run = (call: Parameters<typeof runAction>[0], success: string) =>
    void act(() => runAction(call), success);
  const saveEmbargo = () =>
    run(
      () => setEmbargoAction({ ...article, embargoUntil: embargo }),
      `حُفظ حظر النشر حتى ${textOfMinute(embargo)}.`,
    );

  return (
    <section className={styles.panel} aria-labelledby="schedule-heading">
      <h2 id="schedule-heading">جدولة</h2>
      {scheduledLabel ? <p className="notice">مجدول: يُنشر في {scheduledLabel}</p> : null}
      {embargoLabel ? <p className="notice">حظر النشر حتى {embargoLabel}</p> : null}
      {canSchedule || canEmbargo ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (canSchedule)
              run(
                () => scheduleArticleAction({ ...article, scheduledAt: when, embargoUntil: embargo }),
                `جُدول المقال؛ الحالة الآن: مجدول، يُنشر في ${textOfMinute(when)}.`,
              );
          }}
        >
          {canSchedule ? (
            <MinuteFields
              id="scheduled-at"
              label="موعد النشر"
              value={when}
              error={errors.scheduledAt}
              describedBy="clock-hint"
              onChange={setWhen}
            />
          ) : null}
          <MinuteFields
            id="embargo-until"
            label="حظر النشر حتى"
            value={embargo}
            error={errors.embargoUntil}
            describedBy="clock-hint"
            onChange={setEmbargo}
          />
          <p id="clock-hint" className={styles.hint}>
            بتوقيت غرفة الأخبار (<bdi>{timeZone}</bdi>). حتى وقت الحظر لا يرى القراء المقال في أي مكان.
          </p>
          <div className={styles.buttons}>
            {canSchedule ? (
              <button type="submit" className="primary" disabled={busy}>
                جدولة
              </button>
            ) : null}
            {canEmbargo ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => (live && embargo ? setConfirming(true) : saveEmbargo())}
              >
                حفظ حظر النشر
              </button>
            ) : null}
            {canEmbargo && embargoLabel ? (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  run(() => setEmbargoAction({ ...article, embargoUntil: '' }), 'رُفع حظر النشر.')
                }
              >
                رفع الحظر
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
      {canUnschedule ? (
        <p>
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => unscheduleArticleAction(article), 'أُلغيت الجدولة؛ الحالة الآن: معتمد.')}
          >
            إلغاء الجدولة
          </button>
        </p>
      ) : null}
      <p ref={status} tabIndex={-1} role="status" className={done ? 'notice' : undefined}>
        {done}
      </p>
      <ConfirmDialog
        open={confirming}
        title="حظر نشر مقال منشور"
        confirmLabel="حظر النشر"
        busy={busy}
        onConfirm={() => {
          setConfirming(false);
          saveEmbargo();
        }}
        onCancel={() => setConfirming(false)}
      >
        <p>
          «<bdi>{headline || 'بلا عنوان'}</bdi>» منشور الآن. سيختفي عن القراء في كل مكان (الصفحة الأولى
          والأقسام والبحث والخلاصات) حتى {textOfMinute(embargo)}، ثم يعود وحده.
        </p>
      </ConfirmDialog>
      {message ? (
        <p role="alert" className="form-error">
          {message}
        </p>
      ) : null}
    </section>
  );
}
