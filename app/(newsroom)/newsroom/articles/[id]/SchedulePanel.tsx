'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { FieldErrors } from '@/lib/shared/errors';
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

  // Every button runs one desk action through act (busy, errors, refresh).
  const run = (call: Parameters<typeof runAction>[0]) => void act(() => runAction(call));

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
              run(() => scheduleArticleAction({ articleId, scheduledAt: when, embargoUntil: embargo }));
          }}
        >
          {canSchedule ? (
            <MinuteField
              id="scheduled-at"
              name="scheduledAt"
              label="موعد النشر"
              value={when}
              min={nowMinute}
              error={errors.scheduledAt}
              onChange={setWhen}
            />
          ) : null}
          <MinuteField
            id="embargo-until"
            name="embargoUntil"
            label="حظر النشر حتى"
            value={embargo}
            min={nowMinute}
            error={errors.embargoUntil}
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
                onClick={() => run(() => setEmbargoAction({ articleId, embargoUntil: embargo }))}
              >
                حفظ حظر النشر
              </button>
            ) : null}
            {canEmbargo && embargoLabel ? (
              <button
                type="button"
                disabled={busy}
                onClick={() => run(() => setEmbargoAction({ articleId, embargoUntil: '' }))}
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
            onClick={() => run(() => unscheduleArticleAction({ articleId }))}
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

// A minute in the newsroom's clock, its error under it (and named by aria-describedby), else the
// shared hint about the time zone.
function MinuteField({
  id,
  name,
  label,
  value,
  min,
  error,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  min: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        min={min}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${name}-error` : 'clock-hint'}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <p id={`${name}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
