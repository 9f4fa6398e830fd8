import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ArticleEditor, type EditableArticle } from '@/components/editor/ArticleEditor';
import { getArticleForEdit, listSections } from '@/db/queries/articles';
import { getMedia } from '@/db/queries/media';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/labels';
import { ARTICLE_ACTIONS, can, ForbiddenError } from '@/lib/permissions';
import { articlePath, parseId } from '@/lib/urls';

export const metadata = { title: 'تحرير مقال' };

export default async function EditArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const articleId = parseId((await params).id);
  if (!articleId) notFound();
  let article;
  try {
    article = getArticleForEdit(user, articleId);
  } catch (error) {
    // Someone else's draft is, for a reporter, as if it did not exist.
    if (error instanceof ForbiddenError) notFound();
    throw error;
  }
  if (!article) notFound();

  // A trimmed object for the client: what it shows and which buttons it may offer. The server
  // checks every action again when it is sent.
  const editable: EditableArticle = {
    id: article.id,
    version: article.version,
    status: article.status,
    statusLabel: STATUS_LABELS[article.status],
    headline: article.headline,
    deck: article.deck,
    slug: article.slug,
    slugLocked: article.slugLocked,
    sectionId: article.sectionId,
    sections: listSections().map((s) => ({ id: s.id, name: s.name })),
    byline: article.byline,
    leadImage: article.leadImageId
      ? {
          mediaId: article.leadImageId,
          alt: article.leadImageAlt,
          caption: article.leadImageCaption,
          credit: article.leadImageCredit,
          src: getMedia(article.leadImageId)?.src ?? '',
        }
      : null,
    dateline: article.dateline,
    tags: article.tags,
    body: JSON.parse(article.bodyJson),
    wordCount: article.wordCount,
    authorName: article.authorName,
    changesRequestedReason: article.changesRequestedReason,
    publicPath: article.status === 'published' ? articlePath(article) : null,
    allowed: ARTICLE_ACTIONS.filter((action) => action !== 'view' && can(user, action, article)),
  };
  return (
    <>
      <nav
        className="desk-crumbs"
        aria-label="المقال"
        style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}
      >
        <Link href={`/newsroom/articles/${article.id}/history`}>سجل النسخ</Link>
        <Link href="/newsroom/articles">كل المقالات</Link>
      </nav>
      <ArticleEditor key={article.id} article={editable} />
    </>
  );
}
