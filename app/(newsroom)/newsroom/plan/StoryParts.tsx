import Link from 'next/link';
import type { PlannedStory } from '@/lib/newsroom/planning';
import { STATUS_LABELS } from '@/lib/shared/labels';
import { AssigneeActions } from './PlanForms';

// What the plan's card and the story's own page show alike.

// The article written from the story, with its state and length, once there is one.
export function LinkedArticle({ story }: { story: PlannedStory }) {
  if (!story.articleId || !story.articleStatus) return null;
  return (
    <div>
      <dt>المقال:</dt>
      <dd>
        <Link href={`/newsroom/articles/${story.articleId}`}>
          <bdi>{story.articleHeadline || 'بلا عنوان'}</bdi>
        </Link>{' '}
        ({STATUS_LABELS[story.articleStatus]}، {story.wordCount} كلمة)
      </dd>
    </div>
  );
}

// The assignee's own buttons (accept, decline, start writing) while the story is theirs to write.
export function AssigneeButtons({ story, viewerId }: { story: PlannedStory; viewerId: number }) {
  const theirsToWrite = story.state === 'assigned' || story.state === 'writing' || story.state === 'late';
  if (story.assigneeId !== viewerId || !theirsToWrite) return null;
  return <AssigneeActions assignmentId={story.id} response={story.response} articleId={story.articleId} />;
}
