import Link from 'next/link';
import { notFound } from 'next/navigation';
import { listArticleActivity } from '@/db/queries/activity';
import { getArticleForEdit } from '@/db/queries/articles';
import { listRevisions } from '@/db/queries/revisions';
import { requireUser } from '@/lib/auth';
import { reasonLabel } from '@/lib/desk-labels';
import { STATUS_LABELS } from '@/lib/labels';
import { can } from '@/lib/permissions';
import { articlePath, parseId } from '@/lib/urls';
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
        الحالة: <span className="status">{STATUS_LABELS[article.status]}</span> · {revisions.length} نسخة،
        الأحدث أولاً. لا يُحذف شيء من السجل: الاستعادة تكتب نسخة جديدة
        {article.status === 'published' ? '، وتغيّر التعديلات غير المنشورة فقط لا النسخة المنشورة' : ''}.
      </p>

      <form action={`/newsroom/articles/${articleId}/history/compare`} method="get">
        <ol className="revision-list" aria-label="النسخ">
          {revisions.map((revision) => (
            <li key={revision.id}>
              <input
                type="radio"
                name="from"
                value={revision.id}
                defaultChecked={revision.id === (previous ?? newest)?.id}
                aria-label={`قارن من النسخة ${revision.id}`}
              />
              <input
                type="radio"
                name="to"
                value={revision.id}
                defaultChecked={revision.id === newest?.id}
                aria-label={`قارن إلى النسخة ${revision.id}`}
              />
              <div className="revision-what">
                <span className="reason">{reasonLabel(revision.reason)}</span>
                {revision.published ? <span className="status"> منشورة</span> : null} · النسخة {revision.id} ·{' '}
                <bdi>{revision.createdByName}</bdi> ·{' '}
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
                  aria-label={`عرض النسخة ${revision.id}`}
                >
                  عرض
                </Link>
                {mayRestore && revision.id !== newest?.id ? (
                  <RestoreButton articleId={articleId} revisionId={revision.id} />
                ) : null}
              </div>
            </li>
          ))}
        </ol>
        {revisions.length > 1 ? (
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
