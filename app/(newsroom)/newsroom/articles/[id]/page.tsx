import { assignmentOfArticle } from '@/lib/newsroom/planning';
import { createHash } from 'node:crypto';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { EditableArticle } from '@/components/editor/ArticleEditor';
import { getArticleForEdit, listSections } from '@/lib/newsroom/articles';
import { getMedia } from '@/lib/newsroom/media-library';
import { deskStateOf, listNotes } from '@/lib/newsroom/notes';
import { formatArabicDateTime } from '@/lib/shared/arabic';
import { requireUser } from '@/lib/auth';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { DESK_ACTIONS, EDITOR_ACTIONS, can, canInNewsroom, ForbiddenError } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';
import { isTopStory } from '@/lib/newsroom/front-page';
import { TopStoryControl } from './TopStoryControl';
import { articlePath, parseId } from '@/lib/shared/urls';
import { collaborationEnabled } from '@/lib/shared/collab-protocol';
import { EditorShell } from './EditorShell';
import { DeskNotice } from '@/components/editor/DeskNotice';
import '../../_desk/desk.css';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';
import { DeskActions } from './DeskActions';
import { NotesPanel } from './NotesPanel';
import { TextCommentsSummary } from './TextCommentsSummary';
import { listTextComments } from '@/lib/newsroom/text-comments';
import { SchedulePanel } from './SchedulePanel';
import styles from './desk.module.css';

// Each editor tab is titled by its headline, so a journalist with several open can tell them apart.
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const articleId = parseId((await params).id);
  let headline = '';
  try {
    headline = (articleId && getArticleForEdit(user, articleId)?.headline) || '';
  } catch (error) {
    if (!(error instanceof ForbiddenError)) throw error;
  }
  return { title: headline ? `${headline} — تحرير` : 'تحرير مقال' };
}

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
      // '' while the slug follows the headline (lib/shared/validation/article-save.ts).
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
    // Unpublishing asks first, naming the article: DeskActions offers it, not the editor's row.
    allowed: EDITOR_ACTIONS.filter(
      (action) => action !== 'view' && action !== 'unpublish' && can(user, action, article),
    ),
    dates: newsroomSettings.dates,
    collab: collaborationEnabled() ? { userId: user.id, userName: user.name } : null,
    canComment: can(user, 'comment', article),
    wordTarget: assignmentOfArticle(article.id)?.wordTarget ?? null,
    viewerRole: user.role,
  };
  const desk = DESK_ACTIONS.filter((action) => can(user, action, article));
  const { unpublishedEdits, latestChangeRequest } = deskStateOf(article);
  const dates = newsroomSettings.dates;
  const when = (at: Date | null) => (at ? formatArabicDateTime(at, dates) : null);
  const notes = listNotes(user, article.id).map((note) => ({
    id: note.id,
    kind: note.kind,
    body: note.body,
    authorName: note.authorName,
    createdAt: note.createdAt.toISOString(),
    createdLabel: formatArabicDateTime(note.createdAt, dates),
  }));
  const topStory =
    article.status === 'published' && canInNewsroom(user, 'chooseTopStory') ? (
      <TopStoryControl articleId={article.id} chosen={isTopStory(article.id)} />
    ) : null;
  return (
    <>
      {/* The headline is an input below; the page still needs its heading for assistive technology. */}
      <h1 className="visually-hidden">تحرير: {article.headline || 'مقال بلا عنوان'}</h1>
      <nav
        className="desk-crumbs"
        aria-label="المقال"
        style={{ display: 'flex', gap: '1rem', flexWrap: 'wrap' }}
      >
        <Link href={`/newsroom/articles/${article.id}/history`}>سجل النسخ</Link>
        <Link href="/newsroom/articles">كل المقالات</Link>
      </nav>
      {article.status === 'changes_requested' && latestChangeRequest ? (
        <section className={styles.banner} aria-labelledby="changes-requested-heading">
          <h2 id="changes-requested-heading">مطلوب تعديلات</h2>
          <p dir="auto">{latestChangeRequest.body}</p>
          <p className="muted">
            <bdi>{latestChangeRequest.authorName}</bdi>،{' '}
            {formatArabicDateTime(latestChangeRequest.createdAt, dates)}
          </p>
        </section>
      ) : null}
      {article.status === 'published' ? (
        <section className={styles.live} aria-label="النسخة المنشورة">
          <p>
            {unpublishedEdits ? (
              <>
                <strong>تعديلات غير منشورة</strong>: يرى القراء{' '}
              </>
            ) : (
              <>منشور. ما تكتبه هنا يبقى تعديلات غير منشورة، ويرى القراء </>
            )}
            <Link href={articlePath(article)}>النسخة المنشورة</Link> حتى ينشر محرر التحديث (مع ملاحظة التصحيح
            أو التحديث إن وُجدت).
          </p>
        </section>
      ) : null}
      {/* Outside the editor, which the refresh after a stale action remounts. */}
      <DeskNotice />
      {topStory}
      {restored ? (
        <p className="notice">
          استُعيدت النسخة رقم {restored} في نسخة جديدة من السجل
          {article.status === 'published' ? '؛ يرى القراء النسخة المنشورة حتى يُنشر التحديث' : ''}.
        </p>
      ) : null}
      {/* Remounted on every new version the server hands over (a change of state made by a
          panel below), so the editor never saves on a version it no longer has. */}
      <EditorShell key={`${article.id}:${article.version}`} article={editable} />
      <div className={styles.panels}>
        <DeskActions
          articleId={article.id}
          status={article.status}
          headline={article.headline}
          allowed={desk}
          canUnpublish={can(user, 'unpublish', article)}
        />
        <SchedulePanel
          articleId={article.id}
          status={article.status}
          scheduledAt={article.scheduledAt ? toNewsroomMinute(article.scheduledAt, dates.timeZone) : ''}
          embargoUntil={article.embargoUntil ? toNewsroomMinute(article.embargoUntil, dates.timeZone) : ''}
          scheduledLabel={article.status === 'scheduled' ? when(article.scheduledAt) : null}
          embargoLabel={when(article.embargoUntil)}
          timeZone={dates.timeZone}
          canSchedule={desk.includes('schedule')}
          canUnschedule={desk.includes('unschedule')}
          canEmbargo={desk.includes('embargo')}
          live={article.status === 'published' && !article.embargoUntil}
          headline={article.headline}
        />
        <NotesPanel articleId={article.id} notes={notes} canAdd={desk.includes('addNote')} />
        <TextCommentsSummary threads={listTextComments(user, article.id)} dates={dates} />
      </div>
    </>
  );
}
