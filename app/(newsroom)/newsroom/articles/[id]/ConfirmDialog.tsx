'use client';

import { useEffect, useId, useRef } from 'react';
import styles from './desk.module.css';

// A modal question before an action that readers would notice; it names the article.
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel = 'تأكيد',
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel?: string;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} className={styles.dialog} aria-labelledby={headingId} onCancel={onCancel}>
      <h2 id={headingId}>{title}</h2>
      {children}
      <div className={styles.buttons}>
        <button type="button" className="primary" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          إلغاء
        </button>
      </div>
    </dialog>
  );
}
