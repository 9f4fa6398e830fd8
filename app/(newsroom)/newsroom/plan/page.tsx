import Link from 'next/link';
import { requireUser } from '@/lib/auth';
import { listSections } from '@/lib/newsroom/articles';
import { assignablePeople, listPitches, listPlan, type PlannedStory } from '@/lib/newsroom/planning';
import { canPlan } from '@/lib/shared/permissions';
import {
  addDays,
  countOf,
  dayOf,
  parseDay,
  PLAN_STATE_LABELS,
  PRIORITY_LABELS,
  RESPONSE_LABELS,
  STORIES,
} from '@/lib/shared/planning';
import { formatArabicTime } from '@/lib/shared/arabic';
import { dayTitle } from './day-title';
import { newsroomSettings } from '@/lib/shared/settings';
import { oneParam, positiveInt } from '../_desk/format';
import { PitchDecision, PitchForm, StoryForm } from './PlanForms';
import '../_desk/desk.css';
import './plan.css';
import { AssigneeButtons, LinkedArticle } from './StoryParts';

export const metadata = { title: 'خطة التغطية' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const dates = newsroomSettings.dates;

function Story({ story, viewerId }: { story: PlannedStory; viewerId: number }) {
  const late = story.state === 'late';
  return (
    <li className={`plan-item${late ? ' late' : ''}`} data-testid="planned-story" data-state={story.state}>
      <h3>
        <span className={`status state-${story.state}`}>{PLAN_STATE_LABELS[story.state]}</span>{' '}
        {story.priority === 'urgent' ? (
          <span className="priority-urgent">{PRIORITY_LABELS.urgent}: </span>
        ) : null}
        <Link href={`/newsroom/plan/assignments/${story.id}`}>
          <bdi>{story.headlineIdea}</bdi>
        </Link>
      </h3>
      <dl className="plan-meta">
        <div>
          <dt>المكلَّف:</dt>
          <dd>
            {story.assigneeName ? <bdi>{story.assigneeName}</bdi> : '—'}
            {story.assigneeId ? ` (${RESPONSE_LABELS[story.response]})` : ''}
          </dd>
        </div>
        <div>
          <dt>القسم:</dt>
          <dd>{story.sectionName ?? '—'}</dd>
        </div>
        <div>
          <dt>الموعد النهائي:</dt>
          <dd>
            {story.deadline ? (
              <time dateTime={story.deadline.toISOString()}>{formatArabicTime(story.deadline, dates)}</time>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>عدد الكلمات المطلوب:</dt>
          <dd>{story.wordTarget ?? '—'}</dd>
        </div>
        <div>
          <dt>الأولوية:</dt>
          <dd>{PRIORITY_LABELS[story.priority]}</dd>
        </div>
        <LinkedArticle story={story} />
      </dl>
      {story.response === 'declined' && story.declineReason ? (
        <p className="muted">سبب الاعتذار: {story.declineReason}</p>
      ) : null}
      <AssigneeButtons story={story} viewerId={viewerId} />
    </li>
  );
}

// خطة التغطية: one newsroom day (today by default, any day by ?day=YYYY-MM-DD), late first.
export default async function PlanPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const query = await searchParams;
  const now = new Date();
  const today = dayOf(now, dates.timeZone);
  const day = parseDay(oneParam(query.day)) ?? today;
  const sectionId = positiveInt(query.section);
  const personId = positiveInt(query.person);
  const stories = listPlan(user, day, { sectionId, personId }, now);
  const sections = listSections();
  const people = assignablePeople();
  const desk = canPlan(user, 'planStory');
  const pitches = listPitches(user, day);
  const late = stories.filter((s) => s.state === 'late').length;
  const link = (d: string) => {
    const params = new URLSearchParams({ day: d });
    if (sectionId) params.set('section', String(sectionId));
    if (personId) params.set('person', String(personId));
    return `/newsroom/plan?${params.toString()}`;
  };
  return (
    <>
      <h1>خطة التغطية</h1>
      <p className="plan-days">
        <strong>{dayTitle(day)}</strong>
        {day === today ? <span className="status">اليوم</span> : null}
        <Link href={link(addDays(day, -1))}>اليوم السابق</Link>
        {day !== today ? <Link href={link(today)}>اليوم</Link> : null}
        <Link href={link(addDays(day, 1))}>اليوم التالي</Link>
        <Link href={`/newsroom/calendar?day=${day}`}>التقويم التحريري</Link>
      </p>
      <form method="get" className="desk-toolbar" aria-label="تصفية الخطة">
        <input type="hidden" name="day" value={day} />
        <div className="field">
          <label htmlFor="plan-section">القسم</label>
          <select id="plan-section" name="section" defaultValue={sectionId ?? ''}>
            <option value="">كل الأقسام</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="plan-person">المكلَّف</label>
          <select id="plan-person" name="person" defaultValue={personId ?? ''}>
            <option value="">الجميع</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">تصفية</button>
      </form>
      <p aria-live="polite">
        {countOf(stories.length, STORIES)}
        {late > 0 ? <strong className="priority-urgent">، المتأخر منها: {late}</strong> : null}
      </p>
      {stories.length === 0 ? (
        <p className="muted">لا قصص في خطة هذا اليوم بعد.</p>
      ) : (
        <ol className="plan-list" aria-label="القصص المخطط لها">
          {stories.map((story) => (
            <Story key={story.id} story={story} viewerId={user.id} />
          ))}
        </ol>
      )}
      {desk ? <StoryForm defaults={{ planDay: day }} sections={sections} people={people} /> : null}
      <section aria-labelledby="pitches-heading">
        <h2 id="pitches-heading">المقترحات</h2>
        {pitches.length === 0 ? (
          <p className="muted">لا مقترحات تنتظر القرار.</p>
        ) : (
          <ul className="plan-list">
            {pitches.map((pitch) => (
              <li key={pitch.id} className="plan-item">
                <h3>
                  <bdi>{pitch.headlineIdea}</bdi>
                </h3>
                <p className="muted">
                  اقترحه <bdi>{pitch.proposerName}</bdi> ليوم {pitch.suggestedDay}
                  {pitch.sectionName ? ` · ${pitch.sectionName}` : ''}
                  {pitch.status === 'accepted' ? ' · قُبل في الخطة' : ''}
                  {pitch.status === 'declined' ? ` · رُفض: ${pitch.declineReason}` : ''}
                </p>
                {pitch.angle ? <p>{pitch.angle}</p> : null}
                {desk && pitch.status === 'pending' ? (
                  <PitchDecision pitchId={pitch.id} headline={pitch.headlineIdea} />
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <PitchForm day={day} sections={sections} />
      </section>
    </>
  );
}
