import { formatArabicDateTime, type DateSettings } from '@/lib/shared/arabic';
import type { ThreadView } from '@/lib/newsroom/text-comments';
import styles from './desk.module.css';

// The comments on the text (تعليق على النص) in the article's notes area: each thread's words, its
// first comment, how many replies and whether it is resolved. They are written and answered
// beside the body, in the editor (components/editor/comments).
export function TextCommentsSummary({ threads, dates }: { threads: ThreadView[]; dates: DateSettings }) {
  const open = threads.filter((t) => !t.resolved).length;
  return (
    <section className={styles.panel} aria-labelledby="text-comments-summary-heading">
      <h2 id="text-comments-summary-heading">تعليقات على النص</h2>
      {threads.length === 0 ? (
        <p className="muted">لا تعليقات على النص بعد.</p>
      ) : (
        <>
          <p className="muted">
            مفتوحة: {open}، تم حلها: {threads.length - open}
          </p>
          <ol className={styles.thread}>
            {threads.map((thread) => {
              const [first, ...replies] = thread.comments;
              return (
                <li key={thread.id}>
                  <div className={styles.noteMeta}>
                    <bdi>{first?.authorName}</bdi>
                    <time dateTime={thread.createdAt.toISOString()}>
                      {formatArabicDateTime(thread.createdAt, dates)}
                    </time>
                    <span className={styles.kind}>{thread.resolved ? 'تم الحل' : 'مفتوح'}</span>
                  </div>
                  <p className={styles.noteBody}>
                    على <q dir="auto">{thread.quote || 'المقال كله'}</q>:{' '}
                    <span dir="auto">{first?.body}</span>
                  </p>
                  {replies.length ? <p className="muted">الردود: {replies.length}</p> : null}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
