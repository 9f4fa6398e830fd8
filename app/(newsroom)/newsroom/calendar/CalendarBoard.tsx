'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition, type SyntheticEvent } from 'react';
import { PLAN_STATE_LABELS, type PlanState } from '@/lib/shared/planning';
import { calendarFeedAction, rescheduleAction } from '../plan/actions';
import { MinuteFields } from '../_desk/TimeFields';
import { textOfMinute } from '@/lib/shared/date-fields';

// التقويم التحريري's week (or day), rendered by one client component from compact data.
//
// Why not server components for the items: a week holds up to a thousand, and the App Router sends
// a server-rendered tree twice, as HTML and again as its RSC payload (every element, spelled out:
// 860 KB beside 460 KB of HTML, measured with bench/planning.ts), then parses that payload back to
// render the HTML. Here the payload is the items' data once, and the HTML is rendered from it.
// Why not a component per item (as before): each had its own state, id and handlers to render and
// hydrate. Items are plain markup from one function; the board has one handler per event
// (delegated: dragging, dropping, the move forms' submits) and finds the item from the element.
//
// A scheduled article is moved by dragging it onto another day (it keeps its time of day) or,
// without a mouse, by its "نقل إلى" form, opened by the item's «نقل» button; both send the same
// action, which reschedules through the workflow's schedule transition (permission checked inside
// its transaction; a refusal comes back in Arabic next to the item, and nothing changes).
// Why the form opens on demand: a week can hold hundreds of scheduled articles, and a form each
// (a date, a time and a button) was three tab stops per item for a keyboard user and a third of
// the week's HTML (117 KB of 860 for 150 forms, bench/planning.ts); one button each, one form open.

export type BoardItem = {
  key: string;
  kind: 'scheduled' | 'embargo' | 'deadline' | 'planned';
  title: string;
  // Its time in the newsroom's clock, as the page shows it ("14:05"), or none for a planned story.
  time: string | null;
  // Only on an item the viewer may move: its minute in the newsroom's clock (YYYY-MM-DDTHH:MM).
  minute: string | null;
  articleId: number | null;
  assignmentId: number | null;
  person: string | null;
  state: PlanState | null;
};
export type BoardDay = { day: string; title: string; items: BoardItem[] };

const KIND_LABELS: Record<BoardItem['kind'], string> = {
  scheduled: 'نشر مجدول',
  embargo: 'انتهاء حظر النشر',
  deadline: 'موعد نهائي',
  planned: 'قصة مخطط لها',
};

const hrefOf = (item: BoardItem) =>
  item.articleId
    ? `/newsroom/articles/${item.articleId}`
    : item.assignmentId
      ? `/newsroom/plan/assignments/${item.assignmentId}`
      : null;

// The element an event happened in, or its nearest ancestor matching `selector`.
function closest(event: SyntheticEvent, selector: string): HTMLElement | null {
  return event.target instanceof Element ? event.target.closest<HTMLElement>(selector) : null;
}

export function CalendarBoard({ days }: { days: BoardDay[] }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<{ key: string; message: string } | null>(null);
  const [done, setDone] = useState('');
  const [over, setOver] = useState<string | null>(null);
  const dragged = useRef<BoardItem | null>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const week = useRef<HTMLOListElement>(null);
  // The item whose "نقل إلى" form is open (one at a time), and the one whose form was just closed.
  const [opened, setOpened] = useState<string | null>(null);
  const closed = useRef<string | null>(null);
  // Focus follows the form: into its date when it opens; back to the item's «نقل» when it is
  // cancelled (a move that succeeds focuses the status line instead).
  useEffect(() => {
    if (opened) {
      week.current
        ?.querySelector<HTMLInputElement>(`[data-move="${CSS.escape(opened)}"] form input`)
        ?.focus();
    } else if (closed.current) {
      week.current?.querySelector<HTMLElement>(`button[data-open="${CSS.escape(closed.current)}"]`)?.focus();
    }
    closed.current = null;
  }, [opened]);
  const close = (cancelled: boolean) => {
    closed.current = cancelled ? opened : null;
    setOpened(null);
    setRefusal(null);
  };
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  const movable = useMemo(
    () => new Map(days.flatMap((d) => d.items.filter((i) => i.minute).map((i) => [i.key, i]))),
    [days],
  );
  const itemOf = (event: SyntheticEvent) => movable.get(closest(event, '[data-move]')?.dataset.move ?? '');

  const move = (item: BoardItem, minute: string) =>
    startTransition(async () => {
      const result = await rescheduleAction({ articleId: item.articleId, scheduledAt: minute });
      if (result.ok) {
        close(false);
        setDone(`نُقل «${item.title}» إلى ${textOfMinute(minute)}.`);
        router.refresh();
      } else {
        setDone('');
        setRefusal({
          key: item.key,
          message: result.fieldErrors?.scheduledAt ?? result.fieldErrors?.embargoUntil ?? result.message,
        });
      }
    });

  return (
    <>
      <p ref={status} tabIndex={-1} role="status" className="plan-status">
        {done}
      </p>
      <ol
        ref={week}
        className="calendar-week"
        onDragStart={(event) => {
          const item = itemOf(event);
          if (!item) return;
          event.dataTransfer.setData('text/plain', item.key);
          dragged.current = item;
        }}
        onDragEnd={() => {
          dragged.current = null;
          setOver(null);
        }}
        onDragOver={(event) => {
          const day = closest(event, '[data-day]')?.dataset.day;
          if (!dragged.current || !day) return;
          event.preventDefault();
          setOver(day);
        }}
        onDragLeave={(event) => {
          const day = closest(event, '[data-day]');
          const into = event.relatedTarget;
          if (day && !(into instanceof Node && day.contains(into)))
            setOver((current) => (current === day.dataset.day ? null : current));
        }}
        onDrop={(event) => {
          const day = closest(event, '[data-day]')?.dataset.day;
          const item = dragged.current;
          event.preventDefault();
          setOver(null);
          dragged.current = null;
          // On the day it was dropped on, at its own time of day in the newsroom's clock.
          if (item?.minute && day) move(item, `${day}T${item.minute.slice(11)}`);
        }}
        onClick={(event) => {
          // «نقل» opens its item's form (and closes any other); «إلغاء» closes it.
          const button = closest(event, 'button[data-open]');
          if (!button) return;
          if (button.dataset.open) {
            setRefusal(null);
            setOpened(button.dataset.open);
          } else close(true);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && closest(event, '.calendar-move')) close(true);
        }}
        onSubmit={(event) => {
          const item = itemOf(event);
          if (!item || !(event.target instanceof HTMLFormElement)) return;
          event.preventDefault();
          move(item, String(new FormData(event.target).get('scheduledAt') ?? ''));
        }}
      >
        {days.map((day) => (
          <li
            key={day.day}
            className={`calendar-day${over === day.day ? ' drop-target' : ''}`}
            data-day={day.day}
          >
            <h2>{day.title}</h2>
            {day.items.length === 0 ? <p className="muted">لا شيء.</p> : null}
            <ul className="calendar-items">
              {day.items.map((item) =>
                calendarItem(item, {
                  open: opened === item.key,
                  error: refusal?.key === item.key ? refusal.message : undefined,
                  pending,
                }),
              )}
            </ul>
          </li>
        ))}
      </ol>
    </>
  );
}

type ItemState = { open: boolean; error: string | undefined; pending: boolean };

// One item: markup only (a function, not a component: nothing of its own to keep or hydrate).
function calendarItem(item: BoardItem, { open, error, pending }: ItemState) {
  const href = hrefOf(item);
  const id = `move-${item.articleId}`;
  return (
    <li
      key={item.key}
      className="calendar-item"
      data-testid="calendar-item"
      data-kind={item.kind}
      {...(item.minute ? { 'data-move': item.key, draggable: true } : null)}
    >
      <span className="calendar-kind">
        {item.time ? `${KIND_LABELS[item.kind]} · ${item.time}` : KIND_LABELS[item.kind]}
      </span>
      {href ? (
        <a href={href}>
          <bdi>{item.title}</bdi>
        </a>
      ) : (
        <bdi>{item.title}</bdi>
      )}
      {item.person ? (
        <span className="muted">
          {' · '}
          <bdi>{item.person}</bdi>
        </span>
      ) : null}
      {item.state ? (
        <>
          {' '}
          <span className={item.state === 'late' ? 'status state-late' : 'status'}>
            {PLAN_STATE_LABELS[item.state]}
          </span>
        </>
      ) : null}
      {item.minute && !open ? (
        <button type="button" className="calendar-open-move" data-open={item.key}>
          نقل<span className="visually-hidden"> «{item.title}»</span>
        </button>
      ) : null}
      {item.minute && open ? (
        <form className="calendar-move" id={id} noValidate>
          {/* The one stateful part of an item (its date and time being typed); the board reads
              the composed minute from its hidden scheduledAt field on submit. */}
          <MinuteFields
            id={`${id}-at`}
            name="scheduledAt"
            label="نقل إلى"
            defaultValue={item.minute}
            error={error}
          />
          <button type="submit" disabled={pending}>
            نقل
          </button>
          <button type="button" data-open="">
            إلغاء
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
