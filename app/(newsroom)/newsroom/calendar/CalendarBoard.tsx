'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { calendarFeedAction, rescheduleAction } from '../plan/actions';
import { MinuteFields } from '../_desk/TimeFields';
import { textOfMinute } from '@/lib/shared/date-fields';

// التقويم التحريري's moving parts. A scheduled article is moved by dragging it onto another day
// (it keeps its time of day) or, without a mouse, by its own "نقل إلى" control; both send the same
// action, which reschedules through the workflow's schedule transition (permission checked inside
// its transaction; a refusal comes back in Arabic next to the item, and nothing changes).

export type BoardItem = {
  key: string;
  kind: 'scheduled' | 'embargo' | 'deadline' | 'planned';
  title: string;
  time: string | null;
  // The item's minute in the newsroom's clock (YYYY-MM-DDTHH:MM), for the move control.
  minute: string | null;
  href: string | null;
  person: string | null;
  stateLabel: string | null;
  late: boolean;
  articleId: number | null;
};
export type BoardDay = { day: string; title: string; items: BoardItem[] };

const KIND_LABELS: Record<BoardItem['kind'], string> = {
  scheduled: 'نشر مجدول',
  embargo: 'انتهاء حظر النشر',
  deadline: 'موعد نهائي',
  planned: 'قصة مخطط لها',
};

function useMove() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  const move = (item: BoardItem, minute: string) =>
    startTransition(async () => {
      const result = await rescheduleAction({ articleId: item.articleId, scheduledAt: minute });
      if (result.ok) {
        setErrors({});
        setDone(`نُقل «${item.title}» إلى ${textOfMinute(minute)}.`);
        router.refresh();
      } else {
        setDone('');
        setErrors({
          [item.key]: result.fieldErrors?.scheduledAt ?? result.fieldErrors?.embargoUntil ?? result.message,
        });
      }
    });
  return { pending, errors, move, done, status };
}

export function CalendarBoard({ days, canMove }: { days: BoardDay[]; canMove: boolean }) {
  const { pending, errors, move, done, status } = useMove();
  const [dragged, setDragged] = useState<BoardItem | null>(null);
  const [over, setOver] = useState<string | null>(null);
  return (
    <>
      <p ref={status} tabIndex={-1} role="status" className="plan-status">
        {done}
      </p>
      <ol className="calendar-week">
        {days.map((day) => (
          <li
            key={day.day}
            className={`calendar-day${over === day.day ? ' drop-target' : ''}`}
            data-day={day.day}
            onDragOver={(event) => {
              if (!dragged) return;
              event.preventDefault();
              setOver(day.day);
            }}
            onDragLeave={() => setOver((current) => (current === day.day ? null : current))}
            onDrop={(event) => {
              event.preventDefault();
              setOver(null);
              if (!dragged?.minute) return;
              move(dragged, `${day.day}T${dragged.minute.slice(11)}`);
              setDragged(null);
            }}
          >
            <h2>{day.title}</h2>
            {day.items.length === 0 ? <p className="muted">لا شيء.</p> : null}
            <ul className="calendar-items">
              {day.items.map((item) => (
                <Item
                  key={item.key}
                  item={item}
                  movable={canMove && item.kind === 'scheduled'}
                  pending={pending}
                  error={errors[item.key]}
                  onMove={(minute) => move(item, minute)}
                  onDrag={setDragged}
                />
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

function Item({
  item,
  movable,
  pending,
  error,
  onMove,
  onDrag,
}: {
  item: BoardItem;
  movable: boolean;
  pending: boolean;
  error?: string;
  onMove: (minute: string) => void;
  onDrag: (item: BoardItem | null) => void;
}) {
  const id = useId();
  const [minute, setMinute] = useState(item.minute ?? '');
  return (
    <li
      className="calendar-item"
      data-testid="calendar-item"
      data-kind={item.kind}
      draggable={movable}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', item.key);
        onDrag(item);
      }}
      onDragEnd={() => onDrag(null)}
    >
      <span className="calendar-kind">
        {KIND_LABELS[item.kind]}
        {item.time ? ` · ${item.time}` : ''}
      </span>
      {item.href ? (
        <a href={item.href}>
          <bdi>{item.title}</bdi>
        </a>
      ) : (
        <bdi>{item.title}</bdi>
      )}
      {item.person ? (
        <span className="muted">
          {' '}
          · <bdi>{item.person}</bdi>
        </span>
      ) : null}
      {item.stateLabel ? (
        <>
          {' '}
          <span className={`status${item.late ? ' state-late' : ''}`}>{item.stateLabel}</span>
        </>
      ) : null}
      {movable ? (
        <form
          className="calendar-move"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            onMove(minute);
          }}
        >
          <MinuteFields id={`${id}-to`} label="نقل إلى" value={minute} onChange={setMinute} error={error} />
          <button type="submit" disabled={pending}>
            نقل
          </button>
        </form>
      ) : null}
    </li>
  );
}

// The person's private calendar feed: a new address (shown once; the old one stops working) or none.
export function CalendarFeedControl({ active }: { active: boolean }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [path, setPath] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const run = (revoke: boolean) =>
    startTransition(async () => {
      const result = await calendarFeedAction({ revoke });
      if (!result.ok) return setMessage(result.message);
      setPath(result.data.path);
      setMessage(
        revoke ? 'أُلغي رابط التقويم؛ لن يعمل الرابط القديم بعد الآن.' : 'أُنشئ رابط جديد؛ يظهر الآن فقط.',
      );
      router.refresh();
    });
  return (
    <section aria-labelledby="feed-heading" className="plan-form">
      <h2 id="feed-heading">تقويمي الخاص</h2>
      <p className="muted">
        رابط خاص بك لتطبيق التقويم (iCalendar): مواعيدك النهائية وجدول النشر. من يملك الرابط يرى التقويم، فلا
        تشاركه.
      </p>
      <div className="plan-actions">
        <button type="button" disabled={pending} onClick={() => run(false)}>
          {active ? 'رابط جديد (يُلغي القديم)' : 'إنشاء رابط التقويم'}
        </button>
        {active ? (
          <button type="button" disabled={pending} onClick={() => run(true)}>
            إلغاء الرابط
          </button>
        ) : null}
      </div>
      <p role="status">{message}</p>
      {path ? (
        <p>
          <bdi dir="ltr" data-testid="feed-url">
            {typeof window === 'undefined' ? path : `${window.location.origin}${path}`}
          </bdi>
        </p>
      ) : null}
    </section>
  );
}
