'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FieldErrors } from '@/lib/errors';
import { scheduleArticleAction, setEmbargoAction, unscheduleArticleAction } from '../desk-actions';
import styles from './desk.module.css';
import { runAction, type Outcome } from './run-action';

// جدولة and حظر النشر حتى, in the newsroom's clock (its time zone, shown beside the fields).
export function SchedulePanel({
  articleId,
  scheduledAt,
  embargoUntil,
  scheduledLabel,
  embargoLabel,
  timeZone,
  nowMinute,
  canSchedule,
  canUnschedule,
  canEmbargo,
}: {
  articleId: number;
  scheduledAt: string;
  embargoUntil: string;
  scheduledLabel: string | null;
  embargoLabel: string | null;
  timeZone: string;
  nowMinute: string;
  canSchedule: boolean;
  canUnschedule: boolean;
  canEmbargo: boolean;
}) {
  const router = useRouter();
  const [when, setWhen] = useState(scheduledAt);
  const [embargo, setEmbargo] = useState(embargoUntil);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);

  if (!canSchedule && !canUnschedule && !canEmbargo && !scheduledLabel && !embargoLabel) return null;

  async function act(run: () => Promise<Outcome>) {
    setBusy(true);
    setMessage(null);
    const outcome = await run();
    setBusy(false);
    if (outcome.ok) {
      setErrors({});
      router.refresh();
      return;
    }
    setErrors(outcome.fieldErrors);
    // The fields say what is wrong; the general message only when no field does.
    setMessage(Object.keys(outcome.fieldErrors).length > 0 ? null : outcome.message);
  }

  const fieldError = (name: string) =>
    errors[name] ? (
      <p id={`${name}-error`} className="field-error">
        {errors[name]}
      </p>
    ) : null;

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
              void act(() =>
                runAction(() =>
                  scheduleArticleAction({ articleId, scheduledAt: when, embargoUntil: embargo }),
                ),
              );
          }}
        >
          {canSchedule ? (
            <div className="field">
              <label htmlFor="scheduled-at">موعد النشر</label>
              <input
                id="scheduled-at"
                type="datetime-local"
                value={when}
                min={nowMinute}
                aria-invalid={errors.scheduledAt ? true : undefined}
                aria-describedby={errors.scheduledAt ? 'scheduledAt-error' : 'clock-hint'}
                onChange={(e) => setWhen(e.target.value)}
              />
              {fieldError('scheduledAt')}
            </div>
          ) : null}
          <div className="field">
            <label htmlFor="embargo-until">حظر النشر حتى</label>
            <input
              id="embargo-until"
              type="datetime-local"
              value={embargo}
              min={nowMinute}
              aria-invalid={errors.embargoUntil ? true : undefined}
              aria-describedby={errors.embargoUntil ? 'embargoUntil-error' : 'clock-hint'}
              onChange={(e) => setEmbargo(e.target.value)}
            />
            {fieldError('embargoUntil')}
          </div>
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
                onClick={() =>
                  void act(() => runAction(() => setEmbargoAction({ articleId, embargoUntil: embargo })))
                }
              >
                حفظ حظر النشر
              </button>
            ) : null}
            {canEmbargo && embargoLabel ? (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void act(() => runAction(() => setEmbargoAction({ articleId, embargoUntil: '' })))
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
            onClick={() => void act(() => runAction(() => unscheduleArticleAction({ articleId })))}
          >
            إلغاء الجدولة
          </button>
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="form-error">
          {message}
        </p>
      ) : null}
    </section>
  );
}
