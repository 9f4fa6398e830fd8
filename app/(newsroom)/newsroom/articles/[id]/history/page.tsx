import Link from 'next/link';
import { countOf, REVISIONS } from '@/lib/shared/arabic';
import { notFound } from 'next/navigation';
import { listArticleActivity } from '@/lib/newsroom/activity';
import { getArticleForEdit } from '@/lib/newsroom/articles';
import { listRevisions, workingCopyIsAhead } from '@/lib/newsroom/history';
import { requireUser } from '@/lib/auth';
import { reasonLabel } from '@/lib/shared/desk-labels';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { can } from '@/lib/shared/permissions';
import { articlePath, parseId } from '@/lib/shared/urls';
import { ActivityTable } from '../../../_desk/ActivityTable';
import { orNotFound, when } from '../../../_desk/format';
import { RestoreButton } from './RestoreButton';
import '../../../_desk/desk.css';

export const metadata = { title: 'سجل النسخ' };

export default async function ArticleHistoryPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const articleId = parseId((await params).id);
  if (!articleId) notFound();
  const article = orNotFound(() => getArticleForEdit(user, articleId));
  if (!article) notFound();
  const revisions = listRevisions(user, articleId);
  const activity = listArticleActivity(user, articleId);
  const mayRestore = can(user, 'edit', article);
  const [newest, previous] = revisions;
  // Autosaves within a few minutes share one revision: newer words may not be in one yet.
  const ahead = workingCopyIsAhead(article, newest);
  const defaultFrom = ahead ? newest?.id : (previous ?? newest)?.id;

  return (
    <>
      <nav className="desk-crumbs" aria-label="المقال">
        <Link href={`/newsroom/articles/${articleId}`}>تحرير المقال</Link>
        {article.status === 'published' ? <Link href={articlePath(article)}>النسخة المنشورة</Link> : null}
        <Link href="/newsroom/articles">كل المقالات</Link>
      </nav>
      <h1>
        سجل النسخ: <bdi>{article.headline || 'بلا عنوان'}</bdi>
      </h1>
      <p className="muted">
        الحالة: <span className="status">{STATUS_LABELS[article.status]}</span> ·{' '}
        {countOf(revisions.length, REVISIONS)}، الأحدث أولاً. لا يُحذف شيء من السجل: الاستعادة تكتب نسخة جديدة
        {article.status === 'published' ? '، وتغيّر التعديلات غير المنشورة فقط لا النسخة المنشورة' : ''}.
      </p>

      <form action={`/newsroom/articles/${articleId}/history/compare`} method="get">
        <div className="revision-head" aria-hidden="true">
          <span>من</span>
          <span>إلى</span>
        </div>
        <ol className="revision-list" aria-label="النسخ">
          {ahead ? (
            <li>
              <input type="radio" name="from" value="current" aria-label="قارن من النسخة الحالية" />
              <input
                type="radio"
                name="to"
                value="current"
                defaultChecked
                aria-label="قارن إلى النسخة الحالية"
              />
              <div className="revision-what">
                <span className="reason">النسخة الحالية</span> · آخر حفظ{' '}
                <time dateTime={article.updatedAt.toISOString()}>{when(article.updatedAt)}</time>
                <br />
                <span className="muted">
                  ما في المحرر الآن؛ يُكتب في نسخة عند تغيير الحالة أو بعد دقائق من التحرير.
                </span>
              </div>
              <div className="revision-actions">
                <Link href={`/newsroom/articles/${articleId}`}>تحرير المقال</Link>
              </div>
            </li>
          ) : null}
          {revisions.map((revision) => (
            <li key={revision.id}>
              <input
                type="radio"
                name="from"
                value={revision.id}
                defaultChecked={revision.id === defaultFrom}
                aria-label={`قارن من النسخة ${revision.number}`}
              />
              <input
                type="radio"
                name="to"
                value={revision.id}
                defaultChecked={!ahead && revision.id === newest?.id}
                aria-label={`قارن إلى النسخة ${revision.number}`}
              />
              <div className="revision-what">
                <span className="reason">{reasonLabel(revision.reason)}</span>
                {revision.published ? (
                  <>
                    {' '}
                    <span className="status">منشورة</span>
                  </>
                ) : null}{' '}
                · النسخة {revision.number} · <bdi>{revision.createdByName}</bdi> ·{' '}
                <time dateTime={revision.createdAt.toISOString()}>{when(revision.createdAt)}</time>
                <br />
                <bdi className="muted">{revision.headline || 'بلا عنوان'}</bdi>
                {revision.note ? (
                  <>
                    <br />
                    <span className="muted">
                      {revision.reason === 'publish' ? 'ملاحظة التصحيح أو التحديث: ' : ''}
                      <bdi>{revision.note}</bdi>
                    </span>
                  </>
                ) : null}
              </div>
              <div className="revision-actions">
                <Link
                  href={`/newsroom/articles/${articleId}/history/${revision.id}`}
                  aria-label={`عرض النسخة ${revision.number}`}
                >
                  عرض
                </Link>
                {mayRestore && (ahead || revision.id !== newest?.id) ? (
                  <RestoreButton
                    articleId={articleId}
                    revisionId={revision.id}
                    revisionNumber={revision.number}
                  />
                ) : null}
              </div>
            </li>
          ))}
        </ol>
        {revisions.length + (ahead ? 1 : 0) > 1 ? (
          <p>
            <button type="submit" className="primary">
              مقارنة
            </button>{' '}
            <span className="muted">اختر نسختين: «من» في العمود الأول و«إلى» في الثاني.</span>
          </p>
        ) : null}
      </form>

      <section aria-labelledby="activity-heading">
        <h2 id="activity-heading">سجل النشاط</h2>
        <ActivityTable entries={activity} showArticle={false} />
      </section>
    </>
  );
}
