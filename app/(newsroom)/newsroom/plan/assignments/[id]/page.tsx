import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requireUser } from '@/lib/auth';
import { listSections } from '@/lib/newsroom/articles';
import { assignablePeople, assignmentHistoryOf, getPlannedStory } from '@/lib/newsroom/planning';
import { canPlan } from '@/lib/shared/permissions';
import { PLAN_STATE_LABELS, PRIORITY_LABELS, RESPONSE_LABELS } from '@/lib/shared/planning';
import { newsroomSettings } from '@/lib/shared/settings';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';
import { orNotFound, positiveInt, when } from '../../../_desk/format';
import { StoryForm } from '../../PlanForms';
import { dayTitle } from '../../day-title';
import '../../plan.css';
import { AssigneeButtons, LinkedArticle, linkedArticleOf } from '../../StoryParts';

export const metadata = { title: 'تكليف' };

const HISTORY_LABELS: Record<string, string> = {
  planned: 'أُضيفت إلى الخطة',
  assigned: 'كُلّف',
  reassigned: 'أُعيد التكليف',
  accepted: 'قَبِل التكليف',
  declined: 'اعتذر',
  started: 'بدأ الكتابة',
  deadline_changed: 'تغيّر الموعد النهائي',
  edited: 'عُدّل التكليف',
};

// One planned story: what it is, where it stands, and its history (a reassignment keeps who had it).
export default async function AssignmentPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser();
  const id = positiveInt((await params).id);
  if (!id) notFound();
  const story = orNotFound(() => getPlannedStory(user, id));
  if (!story) notFound();
  const history = assignmentHistoryOf(user, id);
  const desk = canPlan(user, 'planStory');
  const zone = newsroomSettings.dates.timeZone;
  return (
    <>
      <p className="desk-crumbs">
        <Link href={`/newsroom/plan?day=${story.planDay}`}>خطة التغطية: {dayTitle(story.planDay)}</Link>
      </p>
      <h1>
        <bdi>{story.headlineIdea}</bdi>
      </h1>
      <p>
        <span className={`status state-${story.state}`} data-testid="plan-state">
          {PLAN_STATE_LABELS[story.state]}
        </span>{' '}
        {PRIORITY_LABELS[story.priority]}
      </p>
      <dl className="plan-meta">
        <div>
          <dt>المكلَّف:</dt>
          <dd>
            {story.assigneeName ? <bdi>{story.assigneeName}</bdi> : '—'}
            {story.assigneeId ? ` (${RESPONSE_LABELS[story.response]})` : ''}
          </dd>
        </div>
        <div>
          <dt>الموعد النهائي:</dt>
          <dd>{when(story.deadline)}</dd>
        </div>
        <div>
          <dt>عدد الكلمات المطلوب:</dt>
          <dd>{story.wordTarget ?? '—'}</dd>
        </div>
        <div>
          <dt>القسم:</dt>
          <dd>{story.sectionName ?? '—'}</dd>
        </div>
        <LinkedArticle article={linkedArticleOf(story)} />
      </dl>
      {story.angle ? <p>الزاوية: {story.angle}</p> : null}
      {story.notes ? <p>ملاحظات: {story.notes}</p> : null}
      <AssigneeButtons story={story} viewerId={user.id} />
      <section aria-labelledby="history-heading">
        <h2 id="history-heading">سجل التكليف</h2>
        <ol>
          {history.map((line) => (
            <li key={line.id}>
              {HISTORY_LABELS[line.action] ?? line.action}
              {line.fromName && line.toName ? (
                <>
                  {' '}
                  من <bdi>{line.fromName}</bdi> إلى <bdi>{line.toName}</bdi>
                </>
              ) : line.toName ? (
                <>
                  : <bdi>{line.toName}</bdi>
                </>
              ) : null}
              {line.action === 'declined' && line.detail ? ` (السبب: ${line.detail})` : ''}
              {line.actorName ? (
                <>
                  {' '}
                  · <bdi>{line.actorName}</bdi>
                </>
              ) : null}{' '}
              · <time dateTime={line.createdAt.toISOString()}>{when(line.createdAt)}</time>
            </li>
          ))}
        </ol>
      </section>
      {desk ? (
        <StoryForm
          defaults={{
            assignmentId: story.id,
            planDay: story.planDay,
            headlineIdea: story.headlineIdea,
            angle: story.angle,
            notes: story.notes,
            sectionId: story.sectionId,
            priority: story.priority,
            assigneeId: story.assigneeId,
            deadline: story.deadline ? toNewsroomMinute(story.deadline, zone) : '',
            wordTarget: story.wordTarget,
          }}
          sections={listSections()}
          people={assignablePeople()}
        />
      ) : null}
    </>
  );
}
