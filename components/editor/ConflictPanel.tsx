'use client';

import type { JSONContent } from '@tiptap/core';
import type { ConflictState } from '@/db/queries/articles';

export function documentText(doc: JSONContent): string {
  if (doc.text) return doc.text;
  const inner = (doc.content ?? []).map(documentText);
  return inner.join(doc.type === 'doc' ? '\n\n' : '');
}

// Both versions side by side; nothing is overwritten until the journalist chooses.
export function ConflictPanel({
  message,
  theirs,
  mine,
  onKeepTheirs,
  onKeepMine,
  onCopyTheirs,
}: {
  message: string;
  theirs: ConflictState;
  mine: { headline: string; text: string };
  onKeepTheirs: () => void;
  onKeepMine: () => void;
  onCopyTheirs: () => void;
}) {
  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">تعارض في التعديل</h2>
      <p>{message}</p>
      <div className="conflict-versions">
        <section aria-labelledby="conflict-theirs">
          <h3 id="conflict-theirs">نسختهم (المحفوظة)</h3>
          <p>
            <strong>{theirs.headline}</strong>
          </p>
          <p className="conflict-text">{documentText(theirs.body)}</p>
        </section>
        <section aria-labelledby="conflict-mine">
          <h3 id="conflict-mine">نسختي</h3>
          <p>
            <strong>{mine.headline}</strong>
          </p>
          <p className="conflict-text">{mine.text}</p>
        </section>
      </div>
      <p className="muted hint">
        «نسخ نصهم إلى نسختي» يضيف نصهم بعد نصك لتدمج بينهما بيدك، ثم يُحفظ الناتج فوق نسختهم.
      </p>
      <div className="button-row">
        <button type="button" onClick={onKeepTheirs}>
          اعتماد نسختهم
        </button>
        <button type="button" onClick={onCopyTheirs}>
          نسخ نصهم إلى نسختي
        </button>
        <button type="button" className="primary" onClick={onKeepMine}>
          حفظ نسختي فوقها
        </button>
      </div>
    </section>
  );
}
