'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/shared/errors';
import { errorProps, FieldError, useDeskWrite } from '../_desk/forms';
import { DayField, MinuteFields } from '../_desk/TimeFields';
import {
  decidePitchAction,
  planStoryAction,
  proposePitchAction,
  respondAction,
  startWritingAction,
  updateStoryAction,
} from './actions';

// The planning desk's forms. One write at a time; a refusal is shown next to its field and changes
// nothing; on success the page's data is refreshed and focus moves to the status line, which says
// what happened (so a keyboard or screen-reader user is not left on <body>).

type Option = { id: number; name: string };

// The desk's write (../_desk/forms) with a status line that says what happened and takes the focus.
function useWrite() {
  const desk = useDeskWrite();
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (done) status.current?.focus();
  }, [done]);
  const run = <T,>(write: () => Promise<ActionResult<T>>, message: string, onDone?: (data: T) => void) =>
    desk.run(
      write,
      (data) => {
        setDone(message);
        onDone?.(data);
      },
      () => setDone(''),
    );
  const statusLine = (
    <p ref={status} tabIndex={-1} role="status" className="plan-status">
      {done}
    </p>
  );
  return { pending: desk.pending, errors: desk.errors, run, statusLine };
}

const invalid = errorProps;

const text = (data: FormData, name: string) => String(data.get(name) ?? '');

export type StoryDefaults = {
  assignmentId?: number;
  planDay: string;
  headlineIdea?: string;
  angle?: string;
  notes?: string;
  sectionId?: number | null;
  priority?: 'urgent' | 'normal';
  assigneeId?: number | null;
  deadline?: string;
  wordTarget?: number | null;
};

// تكليف جديد, or the same form changing a planned story (reassigning keeps its history).
export function StoryForm({
  defaults,
  sections,
  people,
}: {
  defaults: StoryDefaults;
  sections: Option[];
  people: Option[];
}) {
  const id = useId();
  const { pending, errors, run, statusLine } = useWrite();
  const editing = defaults.assignmentId !== undefined;
  const field = (name: string) => `${id}-${name}`;
  return (
    <form
      className="plan-form"
      aria-labelledby={field('h')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const assignee = text(data, 'assigneeId');
        const section = text(data, 'sectionId');
        const values = {
          planDay: text(data, 'planDay'),
          headlineIdea: text(data, 'headlineIdea'),
          angle: text(data, 'angle'),
          notes: text(data, 'notes'),
          sectionId: section ? Number(section) : '',
          priority: text(data, 'priority'),
          assigneeId: assignee ? Number(assignee) : '',
          deadline: text(data, 'deadline'),
          wordTarget: text(data, 'wordTarget'),
        };
        if (editing)
          run(() => updateStoryAction({ ...values, assignmentId: defaults.assignmentId }), 'حُفظ التكليف.');
        else
          run(
            () => planStoryAction(values),
            'أُضيفت القصة إلى خطة التغطية.',
            () => form.reset(),
          );
      }}
    >
      <h2 id={field('h')}>{editing ? 'تعديل التكليف' : 'تكليف جديد'}</h2>
      <div className="plan-grid">
        <div className="field wide">
          <label htmlFor={field('headline')}>فكرة العنوان</label>
          <input
            id={field('headline')}
            name="headlineIdea"
            type="text"
            maxLength={300}
            defaultValue={defaults.headlineIdea}
            {...invalid(field('headline-e'), errors.headlineIdea)}
          />
          <FieldError id={field('headline-e')} message={errors.headlineIdea} />
        </div>
        <DayField
          id={field('day')}
          name="planDay"
          label="يوم النشر"
          defaultValue={defaults.planDay}
          error={errors.planDay}
        />
        <div className="field">
          <label htmlFor={field('section')}>القسم</label>
          <select
            id={field('section')}
            name="sectionId"
            defaultValue={defaults.sectionId ?? ''}
            {...invalid(field('section-e'), errors.sectionId)}
          >
            <option value="">بلا قسم</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={field('section-e')} message={errors.sectionId} />
        </div>
        <div className="field">
          <label htmlFor={field('assignee')}>المكلَّف</label>
          <select
            id={field('assignee')}
            name="assigneeId"
            defaultValue={defaults.assigneeId ?? ''}
            {...invalid(field('assignee-e'), errors.assigneeId)}
          >
            <option value="">لم يُكلَّف أحد بعد</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError id={field('assignee-e')} message={errors.assigneeId} />
        </div>
        <MinuteFields
          id={field('deadline')}
          name="deadline"
          label="الموعد النهائي (بتوقيت غرفة الأخبار)"
          defaultValue={defaults.deadline}
          error={errors.deadline}
        />
        <div className="field">
          <label htmlFor={field('words')}>عدد الكلمات المطلوب</label>
          <input
            id={field('words')}
            name="wordTarget"
            type="text"
            inputMode="numeric"
            dir="ltr"
            defaultValue={defaults.wordTarget ?? ''}
            {...invalid(field('words-e'), errors.wordTarget)}
          />
          <FieldError id={field('words-e')} message={errors.wordTarget} />
        </div>
        <fieldset className="field">
          <legend>الأولوية</legend>
          <label>
            <input
              type="radio"
              name="priority"
              value="normal"
              defaultChecked={defaults.priority !== 'urgent'}
            />{' '}
            عادي
          </label>{' '}
          <label>
            <input
              type="radio"
              name="priority"
              value="urgent"
              defaultChecked={defaults.priority === 'urgent'}
            />{' '}
            عاجل
          </label>
        </fieldset>
        <div className="field wide">
          <label htmlFor={field('angle')}>الزاوية</label>
          <textarea id={field('angle')} name="angle" rows={2} defaultValue={defaults.angle} />
          <FieldError id={field('angle-e')} message={errors.angle} />
        </div>
        <div className="field wide">
          <label htmlFor={field('notes')}>ملاحظات للمكلَّف</label>
          <textarea id={field('notes')} name="notes" rows={2} defaultValue={defaults.notes} />
          <FieldError id={field('notes-e')} message={errors.notes} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={pending}>
        {editing ? 'حفظ التكليف' : 'إضافة إلى الخطة'}
      </button>
      {errors.form ? <p className="form-error">{errors.form}</p> : null}
      {statusLine}
    </form>
  );
}

export function PitchForm({ day, sections }: { day: string; sections: Option[] }) {
  const id = useId();
  const { pending, errors, run, statusLine } = useWrite();
  const field = (name: string) => `${id}-${name}`;
  return (
    <form
      className="plan-form"
      aria-labelledby={field('h')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const section = text(data, 'sectionId');
        run(
          () =>
            proposePitchAction({
              headlineIdea: text(data, 'headlineIdea'),
              angle: text(data, 'angle'),
              sectionId: section ? Number(section) : '',
              suggestedDay: text(data, 'suggestedDay'),
            }),
          'أُرسل المقترح إلى المحررين.',
          () => form.reset(),
        );
      }}
    >
      <h2 id={field('h')}>اقتراح قصة</h2>
      <div className="plan-grid">
        <div className="field wide">
          <label htmlFor={field('headline')}>فكرة العنوان</label>
          <input
            id={field('headline')}
            name="headlineIdea"
            type="text"
            maxLength={300}
            {...invalid(field('headline-e'), errors.headlineIdea)}
          />
          <FieldError id={field('headline-e')} message={errors.headlineIdea} />
        </div>
        <DayField
          id={field('day')}
          name="suggestedDay"
          label="اليوم المقترح"
          defaultValue={day}
          error={errors.suggestedDay}
        />
        <div className="field">
          <label htmlFor={field('section')}>القسم</label>
          <select id={field('section')} name="sectionId" defaultValue="">
            <option value="">بلا قسم</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
          <FieldError id={field('section-e')} message={errors.sectionId} />
        </div>
        <div className="field wide">
          <label htmlFor={field('angle')}>الزاوية</label>
          <textarea id={field('angle')} name="angle" rows={2} />
          <FieldError id={field('angle-e')} message={errors.angle} />
        </div>
      </div>
      <button type="submit" disabled={pending}>
        إرسال المقترح
      </button>
      {errors.form ? <p className="form-error">{errors.form}</p> : null}
      {statusLine}
    </form>
  );
}

// The editor's decision on a pitch: into the plan, or declined with a reason (kept).
export function PitchDecision({ pitchId, headline }: { pitchId: number; headline: string }) {
  const id = useId();
  const { pending, errors, run, statusLine } = useWrite();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  return (
    <div className="plan-actions">
      <button
        type="button"
        disabled={pending}
        onClick={() =>
          run(() => decidePitchAction({ pitchId, decision: 'accept' }), `أُضيف «${headline}» إلى الخطة.`)
        }
      >
        قبول في الخطة
      </button>
      {declining ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(() => decidePitchAction({ pitchId, decision: 'decline', reason }), 'رُفض المقترح وحُفظ السبب.');
          }}
        >
          <label htmlFor={`${id}-reason`}>سبب الرفض</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...invalid(`${id}-reason-e`, errors.reason)}
          />
          <FieldError id={`${id}-reason-e`} message={errors.reason} />
          <button type="submit" disabled={pending}>
            رفض المقترح
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setDeclining(true)}>
          رفض…
        </button>
      )}
      {errors.form ? <p className="form-error">{errors.form}</p> : null}
      {statusLine}
    </div>
  );
}

// The assignee's buttons: قبول التكليف / الاعتذار (with a reason), and بدء الكتابة.
export function AssigneeActions({
  assignmentId,
  response,
  articleId,
}: {
  assignmentId: number;
  response: 'pending' | 'accepted' | 'declined';
  articleId: number | null;
}) {
  const id = useId();
  const router = useRouter();
  const { pending, errors, run, statusLine } = useWrite();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  if (response === 'declined') return null;
  return (
    <div className="plan-actions">
      {response === 'pending' ? (
        <button
          type="button"
          disabled={pending}
          onClick={() => run(() => respondAction({ assignmentId, answer: 'accept' }), 'قبلت التكليف.')}
        >
          قبول التكليف
        </button>
      ) : null}
      <button
        type="button"
        className="primary"
        disabled={pending}
        onClick={() =>
          run(
            () => startWritingAction({ assignmentId }),
            articleId ? 'يُفتح المقال…' : 'أُنشئت مسودة مرتبطة بالتكليف؛ تُفتح الآن…',
            (data) => router.push(`/newsroom/articles/${data.articleId}`),
          )
        }
      >
        {articleId ? 'متابعة الكتابة' : 'بدء الكتابة'}
      </button>
      {articleId ? null : declining ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            run(
              () => respondAction({ assignmentId, answer: 'decline', reason }),
              'اعتذرت عن التكليف وأُبلغ المحرر.',
            );
          }}
        >
          <label htmlFor={`${id}-reason`}>سبب الاعتذار</label>
          <input
            id={`${id}-reason`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            {...invalid(`${id}-reason-e`, errors.reason)}
          />
          <FieldError id={`${id}-reason-e`} message={errors.reason} />
          <button type="submit" disabled={pending}>
            الاعتذار
          </button>
        </form>
      ) : (
        <button type="button" onClick={() => setDeclining(true)}>
          الاعتذار…
        </button>
      )}
      {errors.form ? <p className="form-error">{errors.form}</p> : null}
      {statusLine}
    </div>
  );
}
