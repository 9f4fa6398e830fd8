import type { PlannedStory } from '@/lib/newsroom/planning';
import type { ArticleStatus } from '@/lib/shared/enums';
import { countOf, WORDS } from '@/lib/shared/arabic';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { AssigneeActions, type AssigneeFacts } from './AssigneeActions';

export type { AssigneeFacts };

// What the plan's card (PlanList, a client component) and the story's own page (a server page)
// show alike. Plain markup without state, so both can render it.

export type LinkedArticleFacts = {
  id: number;
  headline: string | null;
  status: ArticleStatus;
  wordCount: number | null;
};

// The article written from the story, once there is one (a deleted draft no longer counts).
export function linkedArticleOf(story: PlannedStory): LinkedArticleFacts | null {
  if (!story.articleId || !story.articleStatus) return null;
  return {
    id: story.articleId,
    headline: story.articleHeadline,
    status: story.articleStatus,
    wordCount: story.wordCount,
  };
}

// The article written from the story, with its state and length.
export function LinkedArticle({ article }: { article: LinkedArticleFacts | null }) {
  if (!article) return null;
  return (
    <div>
      <dt>المقال:</dt>
      <dd>
        <a href={`/newsroom/articles/${article.id}`}>
          <bdi>{article.headline || 'بلا عنوان'}</bdi>
        </a>{' '}
        ({STATUS_LABELS[article.status]}، {countOf(article.wordCount ?? 0, WORDS)})
      </dd>
    </div>
  );
}

export function assigneeFactsOf(story: PlannedStory, viewerId: number): AssigneeFacts | null {
  const theirsToWrite = story.state === 'assigned' || story.state === 'writing' || story.state === 'late';
  if (story.assigneeId !== viewerId || !theirsToWrite || story.response === 'declined') return null;
  return { id: story.id, response: story.response, started: story.articleId !== null };
}

// The story's own page: the assignee's buttons, when the story is the viewer's to write.
export function AssigneeButtons({ story, viewerId }: { story: PlannedStory; viewerId: number }) {
  const facts = assigneeFactsOf(story, viewerId);
  return facts ? <AssigneeActions story={facts} /> : null;
}
