import { createHash } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { EditableArticle } from '@/components/editor/ArticleEditor';
import { getArticleForEdit, listSections } from '@/db/queries/articles';
import { getMedia } from '@/db/queries/media';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/labels';
import { ARTICLE_ACTIONS, can, canInNewsroom, ForbiddenError } from '@/lib/permissions';
import { isTopStory } from '@/db/queries/front-page';
import { TopStoryControl } from './TopStoryControl';
import { articlePath, parseId } from '@/lib/urls';
import { EditorShell } from './EditorShell';
import '../../_desk/desk.css';

export const metadata = { title: 'تحرير مقال' };

export default async function EditArticlePage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ restored?: string | string[] }>;
}) {
  const user = await requireUser();
  const articleId = parseId((await params).id);
  const restoredParam = (await searchParams).restored;
  // Set by استعادة (history page) on its way here; only a number is ever shown.
  const restored = typeof restoredParam === 'string' ? parseId(restoredParam) : null;
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
    values: {
      headline: article.headline,
      deck: article.deck,
      // '' while the slug follows the headline (lib/validation/article-save.ts).
      slug: article.slugLocked ? article.slug : '',
      sectionId: article.sectionId,
      dateline: article.dateline,
      byline: article.byline,
      tags: article.tags,
      leadImage: article.leadImageId
        ? {
            mediaId: article.leadImageId,
            alt: article.leadImageAlt,
            caption: article.leadImageCaption,
            credit: article.leadImageCredit,
          }
        : null,
    },
    body: JSON.parse(article.bodyJson),
    bodyHash: createHash('sha256').update(article.bodyJson).digest('hex'),
    storedSlug: article.slug,
    leadImageSrc: article.leadImageId ? getMedia(article.leadImageId)?.src : undefined,
    sections: listSections().map((s) => ({ id: s.id, name: s.name })),
    wordCount: article.wordCount,
    authorName: article.authorName,
    changesRequestedReason: article.changesRequestedReason,
    publicPath: article.status === 'published' ? articlePath(article) : null,
    allowed: ARTICLE_ACTIONS.filter((action) => action !== 'view' && can(user, action, article)),
  };
  const topStory =
    article.status === 'published' && canInNewsroom(user, 'chooseTopStory') ? (
      <TopStoryControl articleId={article.id} chosen={isTopStory(article.id)} />
    ) : null;
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
      {topStory}
      {restored ? (
        <p className="notice">
          استُعيدت النسخة رقم {restored} في نسخة جديدة من السجل
          {article.status === 'published' ? '؛ يرى القراء النسخة المنشورة حتى يُنشر التحديث' : ''}.
        </p>
      ) : null}
      <EditorShell key={article.id} article={editable} />
    </>
  );
}
