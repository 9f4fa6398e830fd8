'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { NOTE_MAX } from '@/lib/shared/validation/limits';
import { addNoteAction } from '../desk-actions';
import styles from './desk.module.css';
import { runAction } from './run-action';

export type NoteItem = {
  id: number;
  kind: 'note' | 'request_changes';
  body: string;
  authorName: string;
  createdAt: string;
  createdLabel: string;
};

// ملاحظات التحرير: the newsroom's thread on this article, oldest first. Never shown to readers.
export function NotesPanel({
  articleId,
  notes,
  canAdd,
}: {
  articleId: number;
  notes: NoteItem[];
  canAdd: boolean;
}) {
  const router = useRouter();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function add() {
    setBusy(true);
    const outcome = await runAction(() => addNoteAction({ articleId, body: text }));
    setBusy(false);
    if (!outcome.ok) {
      setError(outcome.fieldErrors.body ?? outcome.message);
      return;
    }
    setError(null);
    setText('');
    router.refresh();
  }

  return (
    <section className={styles.panel} aria-labelledby="notes-heading">
      <h2 id="notes-heading">ملاحظات التحرير</h2>
      {notes.length === 0 ? (
        <p className="muted">لا ملاحظات بعد.</p>
      ) : (
        <ol className={styles.thread}>
          {notes.map((note) => (
            <li key={note.id}>
              <div className={styles.noteMeta}>
                <bdi>{note.authorName}</bdi>
                <time dateTime={note.createdAt}>{note.createdLabel}</time>
                {note.kind === 'request_changes' ? <span className={styles.kind}>طلب تعديلات</span> : null}
              </div>
              <p className={styles.noteBody} dir="auto">
                {note.body}
              </p>
            </li>
          ))}
        </ol>
      )}
      {canAdd ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void add();
          }}
        >
          <div className="field">
            <label htmlFor="note-text">نص الملاحظة</label>
            <textarea
              id="note-text"
              rows={3}
              dir="auto"
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'note-error' : 'note-hint'}
              onChange={(e) => setText(e.target.value)}
            />
            <p id="note-hint" className={styles.hint}>
              اكتب @ ثم اسم الزميل ليصله إشعار. حتى {NOTE_MAX} حرف.
            </p>
            {error ? (
              <p id="note-error" className="field-error">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" disabled={busy}>
            إضافة ملاحظة
          </button>
        </form>
      ) : null}
    </section>
  );
}
