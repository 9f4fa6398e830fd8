import type { JSONContent } from '@tiptap/core';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getRevision } from '@/lib/newsroom/history';
import { requireUser } from '@/lib/auth';
import { reasonLabel } from '@/lib/shared/desk-labels';
import { renderArticleHtml } from '@/lib/document/render';
import { parseId } from '@/lib/shared/urls';
import { orNotFound, when } from '../../../../_desk/format';
import '../../../../_desk/desk.css';

export const metadata = { title: 'عرض نسخة' };

// One revision as the reader would see it: the stored HTML if it was published, otherwise the
// same renderer publishing uses (lib/document.ts renderArticleHtml) over its JSON document.
export default async function RevisionPage({
  params,
}: {
  params: Promise<{ id: string; revisionId: string }>;
}) {
  const user = await requireUser();
  const { id, revisionId } = await params;
  const articleId = parseId(id);
  const revId = parseId(revisionId);
  if (!articleId || !revId) notFound();
  const revision = orNotFound(() => getRevision(user, articleId, revId));
  const bodyHtml = revision.bodyHtml ?? renderArticleHtml(JSON.parse(revision.bodyJson) as JSONContent);

  return (
    <>
      <nav className="desk-crumbs" aria-label="المقال">
        <Link href={`/newsroom/articles/${articleId}/history`}>سجل النسخ</Link>
        <Link href={`/newsroom/articles/${articleId}`}>تحرير المقال</Link>
      </nav>
      <p className="notice">
        النسخة {revision.number} · {reasonLabel(revision.reason)} · <bdi>{revision.createdByName}</bdi> ·{' '}
        <time dateTime={revision.createdAt.toISOString()}>{when(revision.createdAt)}</time>
        {revision.note ? (
          <>
            {' '}
            · <bdi>{revision.note}</bdi>
          </>
        ) : null}
      </p>
      <article className="article reader-site revision-view" lang="ar">
        <h1>{revision.headline || 'بلا عنوان'}</h1>
        {revision.deck ? <p className="deck">{revision.deck}</p> : null}
        <p className="article-meta">
          {revision.sectionName ? <span>{revision.sectionName}</span> : null}
          {revision.dateline ? <span aria-label="مكان الخبر"> · {revision.dateline}</span> : null}
          {revision.byline ? <span> · {revision.byline}</span> : null}
        </p>
        {revision.leadImageSrc ? (
          <figure className="lead-image">
            {/* eslint-disable-next-line @next/next/no-img-element -- a stored web size, like reader pages */}
            <img src={revision.leadImageSrc} alt={revision.leadImageAlt} />
            {revision.leadImageCaption || revision.leadImageCredit ? (
              <figcaption>
                {revision.leadImageCaption}
                {revision.leadImageCredit ? <span> · {revision.leadImageCredit}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {/* The renderer's output: attributes and links were checked when the document was saved. */}
        <div className="article-body" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        {revision.tags.length > 0 ? (
          <ul className="tags" aria-label="الوسوم">
            {revision.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        ) : null}
      </article>
    </>
  );
}
