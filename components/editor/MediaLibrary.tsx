'use client';

import { useEffect, useId, useRef, useState, type ChangeEvent } from 'react';
import {
  ACCEPTED_IMAGE_TYPES,
  MAX_UPLOAD_BYTES,
  mediaUrl,
  UPLOAD_MESSAGES,
  type MediaItem,
} from '@/lib/shared/media-urls';
import styles from './MediaLibrary.module.css';

type Props = {
  onPick: (media: MediaItem) => void;
  onClose: () => void;
};

type Answer = { ok: true; media: MediaItem } | { ok: false; message: string };
type ListAnswer = { ok: true; media: MediaItem[] } | { ok: false; message: string };

const NETWORK_ERROR = 'تعذّر الاتصال بالخادم ولم تُرفع الصورة. أعد المحاولة.';
const LIST_ERROR = 'تعذّر تحميل الصور الأخيرة.';
const THUMBNAIL_SIZES = '10rem';

// A modal panel: upload a new image, or pick one of the newsroom's recent uploads. An upload
// that succeeds is picked at once; a refused one shows the server's reason next to the control.
export function MediaLibrary({ onPick, onClose }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const errorId = useId();
  const [recent, setRecent] = useState<MediaItem[] | null>(null);
  const [listError, setListError] = useState('');
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);

  useEffect(() => {
    let current = true;
    fetch('/api/media?limit=24', { cache: 'no-store' })
      .then((response) => response.json() as Promise<ListAnswer>)
      .then((answer) => {
        if (!current) return;
        if (answer.ok) setRecent(answer.media);
        else setListError(answer.message);
      })
      .catch(() => current && setListError(LIST_ERROR));
    return () => {
      current = false;
    };
  }, []);

  async function upload(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setError('');
    if (file.size > MAX_UPLOAD_BYTES) {
      setError(UPLOAD_MESSAGES.too_large);
      input.value = '';
      return;
    }
    setUploading(true);
    const form = new FormData();
    form.set('file', file);
    try {
      const response = await fetch('/api/uploads', { method: 'POST', body: form });
      const answer = (await response.json()) as Answer;
      if (answer.ok) {
        setRecent((items) => [answer.media, ...(items ?? [])]);
        onPick(answer.media);
      } else {
        setError(answer.message);
      }
    } catch {
      setError(NETWORK_ERROR);
    } finally {
      setUploading(false);
      input.value = '';
    }
  }

  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className={styles.header}>
        <h2 id={titleId}>مكتبة الصور</h2>
        <button type="button" onClick={onClose}>
          إلغاء
        </button>
      </div>

      <div className="field">
        <label className={styles.upload}>
          صورة
          <input
            type="file"
            accept={ACCEPTED_IMAGE_TYPES}
            onChange={upload}
            disabled={uploading}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
          />
        </label>
        <p className="muted">JPEG أو PNG أو WebP أو AVIF، حتى 10 ميغابايت.</p>
        {uploading && <p role="status">جارٍ رفع الصورة…</p>}
        {error && (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>

      <h3>الصور الأخيرة</h3>
      {listError && <p className="form-error">{listError}</p>}
      {recent === null && !listError && <p className="muted">جارٍ التحميل…</p>}
      {recent?.length === 0 && <p className="muted">لا توجد صور بعد.</p>}
      {recent && recent.length > 0 && (
        <ul className={styles.grid}>
          {recent.map((item) => (
            <li key={item.id}>
              <button type="button" className={styles.pick} onClick={() => onPick(item)}>
                {/* eslint-disable-next-line @next/next/no-img-element -- our own web sizes and srcset; next/image would resize them again */}
                <img
                  src={item.variants[0] ? mediaUrl(item.variants[0].file) : item.src}
                  srcSet={item.srcSet}
                  sizes={THUMBNAIL_SIZES}
                  alt=""
                  width={item.width}
                  height={item.height}
                  loading="lazy"
                />
                {/* The alternative text names the button; the thumbnail itself is decorative here. */}
                <span>{item.alt || 'بلا نص بديل'}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </dialog>
  );
}
