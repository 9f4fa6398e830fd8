import Link from 'next/link';
import { requireUser } from '@/lib/auth';
import { listSections } from '@/lib/newsroom/articles';
import { assignablePeople, listPitches, listPlan, type PlannedStory } from '@/lib/newsroom/planning';
import { canPlan } from '@/lib/shared/permissions';
import { addDays, countOf, dayOf, parseDay, STORIES } from '@/lib/shared/planning';
import { formatArabicTime } from '@/lib/shared/arabic';
import { dayTitle } from './day-title';
import { newsroomSettings } from '@/lib/shared/settings';
import { oneParam, positiveInt } from '../_desk/format';
import { PitchDecision, PitchForm, StoryForm } from './PlanForms';
import { PlanList, type PlanCard } from './PlanList';
import '../_desk/desk.css';
import './plan.css';
import { assigneeFactsOf, linkedArticleOf } from './StoryParts';

export const metadata = { title: 'خطة التغطية' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const dates = newsroomSettings.dates;

// A story as its card shows it (PlanList renders it on the client from this, sent once).
function cardOf(story: PlannedStory, viewerId: number): PlanCard {
  return {
    id: story.id,
    headlineIdea: story.headlineIdea,
    state: story.state,
    priority: story.priority,
    assigneeName: story.assigneeName,
    response: story.assigneeId ? story.response : null,
    declineReason: story.response === 'declined' ? story.declineReason : null,
    sectionName: story.sectionName,
    deadline: story.deadline
      ? { iso: story.deadline.toISOString(), time: formatArabicTime(story.deadline, dates) }
      : null,
    wordTarget: story.wordTarget,
    article: linkedArticleOf(story),
    assignee: assigneeFactsOf(story, viewerId),
  };
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
        <PlanList cards={stories.map((story) => cardOf(story, user.id))} />
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
