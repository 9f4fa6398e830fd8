import Link from 'next/link';
import {
  articleCommentsClosedByAdmin,
  listCommentQueue,
  listModeratedComments,
  siteCommentsEnabled,
} from '@/lib/newsroom/comments';
import { listLatestPublished } from '@/lib/reader/queries';
import { formatArabicDateTime } from '@/lib/shared/arabic';
import { requireUser } from '@/lib/auth';
import { ERROR_MESSAGES } from '@/lib/shared/errors';
import { canInNewsroom } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';
import { parseId } from '@/lib/shared/urls';
import { CommentQueue, CommentSettings } from './CommentQueue';

export const metadata = { title: 'إدارة التعليقات' };

const DECISION_LABELS = { approved: 'مقبول', rejected: 'مرفوض', pending: 'بانتظار المراجعة' } as const;

// إدارة التعليقات: readers' comments waiting for a decision, oldest first, for every article or
// (?article=<id>) for one. Editors and admins decide; admins also turn comments off.
export default async function CommentsPage({
  searchParams,
}: {
  searchParams: Promise<{ article?: string }>;
}) {
  const user = await requireUser();
  if (!canInNewsroom(user, 'moderateComments'))
    return (
      <>
        <h1>إدارة التعليقات</h1>
        <p role="alert" className="form-error">
          {ERROR_MESSAGES.forbidden}
        </p>
      </>
    );
  const { article } = await searchParams;
  const articleId = article ? (parseId(article) ?? undefined) : undefined;
  const queue = listCommentQueue(articleId);
  const recent = listModeratedComments(articleId);
  const items = queue.map((c) => ({
    ...c,
    at: c.at.toISOString(),
    atLabel: formatArabicDateTime(c.at, newsroomSettings.dates),
  }));
  return (
    <>
      <h1>إدارة التعليقات</h1>
      {articleId ? (
        <p>
          تعليقات مقال واحد{queue[0] ? <>: «{queue[0].headline}»</> : null}.{' '}
          <Link href="/newsroom/comments">كل التعليقات</Link>
        </p>
      ) : null}
      {/* A plain GET form: one article's comments (and, for admins, its setting) by choosing it. */}
      <form method="get" action="/newsroom/comments" className="comment-article-picker">
        <label htmlFor="comment-article">مقال</label>
        <select id="comment-article" name="article" defaultValue={articleId ? String(articleId) : ''}>
          <option value="">كل المقالات</option>
          {listLatestPublished(50).map((a) => (
            <option key={a.id} value={a.id}>
              {a.headline}
            </option>
          ))}
        </select>
        <button type="submit">عرض</button>
      </form>
      {canInNewsroom(user, 'manageCommentSettings') ? (
        <CommentSettings
          siteEnabled={siteCommentsEnabled()}
          article={articleId ? { id: articleId, closed: articleCommentsClosedByAdmin(articleId) } : undefined}
        />
      ) : null}
      <section aria-labelledby="queue-heading">
        <h2 id="queue-heading">بانتظار المراجعة ({queue.length})</h2>
        <CommentQueue items={items} showArticle={!articleId} />
      </section>
      {recent.length > 0 ? (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">آخر القرارات</h2>
          <ul className="comment-queue">
            {recent.map((c) => (
              <li key={c.id}>
                <p className="muted">
                  <bdi>{c.name}</bdi> · {DECISION_LABELS[c.status]}
                </p>
                <p className="comment-text">{c.text}</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
