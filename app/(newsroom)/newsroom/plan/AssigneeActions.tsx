'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { ActionResult } from '@/lib/shared/errors';
import { errorProps, FieldError, useDeskWrite } from '../_desk/forms';
import { respondAction, startWritingAction } from './actions';
import type { AssignmentResponse } from '@/lib/shared/enums';

// What the assignee's buttons need: the viewer's own story while it is theirs to write (accept
// while the answer is pending, start or go on writing, decline before writing started); else null.
export type AssigneeFacts = {
  id: number;
  response: Exclude<AssignmentResponse, 'declined'>;
  started: boolean;
};

// The assignee's buttons: قبول التكليف / الاعتذار (with a reason), and بدء الكتابة. One set of
// state for a whole list (the plan holds hundreds of cards, and a hook per card was a component
// per card to render and hydrate): which card was acted on, what it said, whose reason is open.
// One write at a time; a refusal is shown next to its field and changes nothing; on success the
// page's data is refreshed and the card's status line says what happened and takes the focus.
export function useAssigneeActions() {
  const router = useRouter();
  const { pending, errors, run } = useDeskWrite();
  const [active, setActive] = useState<{ id: number; done: string; refused: boolean } | null>(null);
  const [declining, setDeclining] = useState<number | null>(null);
  useEffect(() => {
    if (active?.done) document.getElementById(`assignment-${active.id}-status`)?.focus();
  }, [active]);

  const write = <T,>(
    id: number,
    action: () => Promise<ActionResult<T>>,
    message: string,
    onDone?: (data: T) => void,
  ) => {
    setActive({ id, done: '', refused: false });
    run(
      action,
      (data) => {
        setActive({ id, done: message, refused: false });
        onDone?.(data);
      },
      () => setActive({ id, done: '', refused: true }),
    );
  };

  const buttons = ({ id, response, started }: AssigneeFacts) => {
    const field = `assignment-${id}`;
    const refusal = active?.id === id && active.refused ? errors : {};
    return (
      <div className="plan-actions">
        {response === 'pending' ? (
          <button
            type="button"
            disabled={pending}
            onClick={() =>
              write(id, () => respondAction({ assignmentId: id, answer: 'accept' }), 'قبلت التكليف.')
            }
          >
            قبول التكليف
          </button>
        ) : null}
        <button
          type="button"
          className="primary"
          disabled={pending}
          onClick={() =>
            write(
              id,
              () => startWritingAction({ assignmentId: id }),
              started ? 'يُفتح المقال…' : 'أُنشئت مسودة مرتبطة بالتكليف؛ تُفتح الآن…',
              (data) => router.push(`/newsroom/articles/${data.articleId}`),
            )
          }
        >
          {started ? 'متابعة الكتابة' : 'بدء الكتابة'}
        </button>
        {started ? null : declining === id ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              const reason = String(new FormData(event.currentTarget).get('reason') ?? '');
              write(
                id,
                () => respondAction({ assignmentId: id, answer: 'decline', reason }),
                'اعتذرت عن التكليف وأُبلغ المحرر.',
              );
            }}
          >
            <label htmlFor={`${field}-reason`}>سبب الاعتذار</label>
            <input
              id={`${field}-reason`}
              name="reason"
              {...errorProps(`${field}-reason-e`, refusal.reason)}
            />
            <FieldError id={`${field}-reason-e`} message={refusal.reason} />
            <button type="submit" disabled={pending}>
              الاعتذار
            </button>
          </form>
        ) : (
          <button type="button" onClick={() => setDeclining(id)}>
            الاعتذار…
          </button>
        )}
        {refusal.form ? <p className="form-error">{refusal.form}</p> : null}
        <p id={`${field}-status`} tabIndex={-1} role="status" className="plan-status">
          {active?.id === id ? active.done : ''}
        </p>
      </div>
    );
  };
  return { buttons };
}

// The story's own page: one card's buttons.
export function AssigneeActions({ story }: { story: AssigneeFacts }) {
  return useAssigneeActions().buttons(story);
}
