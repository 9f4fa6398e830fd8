'use client';

import { useId, useState } from 'react';
import { formatArabicDateTime, type DateSettings } from '@/lib/shared/arabic';
import { TEXT_COMMENT_MAX } from '@/lib/shared/validation/limits';
import type { Refusal, TextComments, Thread } from './useTextComments';
import './comments.css';

// تعليقات المحررين: the threads on the body's words, under the body (beside the text on a wide
// screen is the side panel's place; under it, the thread stays next to the words on a phone too).
// Open threads first; resolved ones behind a button. Newsroom only.

const HINT = `اكتب @ ثم اسم الزميل ليصله إشعار. حتى ${TEXT_COMMENT_MAX} حرف.`;

function CommentForm({
  id,
  label,
  submitLabel,
  autoFocus,
  onSubmit,
  onCancel,
}: {
  id: string;
  label: string;
  submitLabel: string;
  autoFocus?: boolean;
  onSubmit: (text: string) => Promise<Refusal | null>;
  onCancel?: () => void;
}) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form
      noValidate
      className="comment-form"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        void onSubmit(text).then((refusal) => {
          setBusy(false);
          setError(refusal?.message ?? null);
          if (!refusal) setText('');
        });
      }}
    >
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={2}
        dir="auto"
        value={text}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && onCancel) onCancel();
          // Ctrl/Cmd+Enter sends, as in the notes.
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
        }}
      />
      {error ? (
        <p id={errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <p id={hintId} className="comment-hint">
        {HINT}
      </p>
      <div className="comment-buttons">
        <button type="submit" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            إلغاء
          </button>
        ) : null}
      </div>
    </form>
  );
}

function ThreadCard({
  thread,
  comments,
  anchored,
  active,
  dates,
}: {
  thread: Thread;
  comments: TextComments;
  anchored: boolean;
  active: boolean;
  dates: DateSettings;
}) {
  const formId = useId();
  const [error, setError] = useState<string | null>(null);
  // The reply form opens on its button only (and takes the focus then): a click on the thread's
  // words in the body marks the thread, and never takes the caret away from the text.
  const [replying, setReplying] = useState(false);
  const headingId = `thread-${thread.id}-quote`;
  return (
    <article
      className={`comment-thread${active ? ' is-active' : ''}${thread.resolved ? ' is-resolved' : ''}`}
      aria-labelledby={headingId}
      data-thread={thread.id}
    >
      <h3 id={headingId} className="comment-quote">
        <button
          type="button"
          className="comment-link"
          onClick={() => comments.show(thread.id)}
          disabled={!anchored}
        >
          <span className="visually-hidden">تعليق على: </span>
          <q dir="auto">{thread.quote || 'المقال كله'}</q>
        </button>
      </h3>
      {!anchored && thread.quote ? <p className="comment-hint">لم تعد هذه الكلمات في النص.</p> : null}
      {thread.resolved ? (
        <p className="comment-hint">
          تم الحل
          {thread.resolvedByName ? (
            <>
              {' '}
              — <bdi>{thread.resolvedByName}</bdi>
            </>
          ) : null}
        </p>
      ) : null}
      <ol className="comment-list">
        {thread.comments.map((c) => (
          <li key={c.id}>
            <div className="comment-meta">
              <bdi>{c.authorName}</bdi>
              <time dateTime={new Date(c.createdAt).toISOString()}>
                {formatArabicDateTime(new Date(c.createdAt), dates)}
              </time>
            </div>
            <p dir="auto" className="comment-body">
              {c.body}
            </p>
          </li>
        ))}
      </ol>
      {error ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
      {thread.canResolve ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void comments.setResolved(thread.id, !thread.resolved).then((r) => setError(r?.message ?? null));
          }}
        >
          {thread.resolved ? 'إعادة فتح' : 'تم الحل'}
        </button>
      ) : null}
      {replying && !thread.resolved ? (
        <CommentForm
          id={formId}
          label="رد"
          submitLabel="رد"
          autoFocus
          onSubmit={async (text) => {
            const refusal = await comments.reply(thread.id, text);
            if (!refusal) setReplying(false);
            return refusal;
          }}
          onCancel={() => setReplying(false)}
        />
      ) : !thread.resolved ? (
        <button
          type="button"
          className="secondary"
          onClick={() => {
            comments.setActive(thread.id);
            setReplying(true);
          }}
        >
          رد
        </button>
      ) : null}
    </article>
  );
}

export function CommentsPanel({ comments, dates }: { comments: TextComments; dates: DateSettings }) {
  const [showResolved, setShowResolved] = useState(false);
  const draftId = useId();
  if (!comments.enabled) return null;
  const open = comments.threads.filter((t) => !t.resolved);
  const resolved = comments.threads.filter((t) => t.resolved);
  const anchored = new Set(comments.anchored);
  const { draft } = comments;
  return (
    <section className="text-comments" aria-labelledby="text-comments-heading" data-testid="text-comments">
      <h2 id="text-comments-heading">
        تعليقات المحررين <span className="comment-count">({open.length})</span>
      </h2>
      {draft ? (
        draft.from === null ? (
          <p className="notice" role="status">
            اختر كلمات من نص المقال أولاً، ثم «أضف تعليقاً».{' '}
            <button type="button" className="comment-link" onClick={comments.cancelDraft}>
              إغلاق
            </button>
          </p>
        ) : (
          <div className="comment-thread is-active comment-new">
            <p className="comment-quote">
              تعليق على النص: <q dir="auto">{draft.quote}</q>
            </p>
            <CommentForm
              id={draftId}
              label="نص التعليق"
              submitLabel="أضف تعليقاً"
              autoFocus
              onSubmit={comments.start}
              onCancel={comments.cancelDraft}
            />
          </div>
        )
      ) : null}
      {open.length === 0 && !draft ? (
        <p className="comment-hint">لا تعليقات مفتوحة. اختر كلمات من النص ثم «أضف تعليقاً» (Ctrl+Alt+M).</p>
      ) : null}
      {open.map((thread) => (
        <ThreadCard
          key={thread.id}
          thread={thread}
          comments={comments}
          anchored={anchored.has(thread.id)}
          active={comments.active === thread.id}
          dates={dates}
        />
      ))}
      {resolved.length ? (
        <>
          <button
            type="button"
            className="secondary"
            aria-expanded={showResolved}
            onClick={() => setShowResolved((v) => !v)}
          >
            {showResolved ? 'إخفاء التعليقات المحلولة' : `التعليقات المحلولة (${resolved.length})`}
          </button>
          {showResolved
            ? resolved.map((thread) => (
                <ThreadCard
                  key={thread.id}
                  thread={thread}
                  comments={comments}
                  anchored={anchored.has(thread.id)}
                  active={comments.active === thread.id}
                  dates={dates}
                />
              ))
            : null}
        </>
      ) : null}
    </section>
  );
}
