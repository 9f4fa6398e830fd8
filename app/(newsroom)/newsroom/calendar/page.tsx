import Link from 'next/link';
import { requireUser } from '@/lib/auth';
import { hasCalendarFeed } from '@/lib/newsroom/calendar-feed';
import { listCalendar } from '@/lib/newsroom/planning';
import { formatArabicTime } from '@/lib/shared/arabic';
import { canPlan } from '@/lib/shared/permissions';
import { addDays, dayOf, parseDay, weekOf } from '@/lib/shared/planning';
import { newsroomSettings } from '@/lib/shared/settings';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';
import { oneParam } from '../_desk/format';
import { dayTitle } from '../plan/day-title';
import { CalendarBoard, CalendarFeedControl, type BoardDay } from './CalendarBoard';
import '../plan/plan.css';

export const metadata = { title: 'التقويم التحريري' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// التقويم التحريري: the week (Saturday to Friday) or one day of scheduled publications, embargo
// lifts, deadlines and planned stories, in the newsroom's clock.
export default async function CalendarPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireUser();
  const query = await searchParams;
  const dates = newsroomSettings.dates;
  const now = new Date();
  const today = dayOf(now, dates.timeZone);
  const day = parseDay(oneParam(query.day)) ?? today;
  const view = oneParam(query.view) === 'day' ? 'day' : 'week';
  const days = view === 'day' ? [day] : weekOf(day);
  const items = listCalendar(user, days, dates.timeZone, now);
  const canMove = canPlan(user, 'reschedule');
  const board: BoardDay[] = days.map((d) => ({ day: d, title: dayTitle(d), items: [] }));
  const byDay = new Map(board.map((b) => [b.day, b]));
  for (const item of items) {
    // One reading of the newsroom's clock gives both the item's day and its minute.
    const minute = item.at ? toNewsroomMinute(item.at, dates.timeZone) : null;
    const target = byDay.get(minute ? minute.slice(0, 10) : item.day!);
    if (!target) continue;
    target.items.push({
      key: item.key,
      kind: item.kind,
      title: item.title,
      time: item.at ? formatArabicTime(item.at, dates) : null,
      // Sent only where the board offers the move (a scheduled article, to the desk).
      minute: canMove && item.kind === 'scheduled' ? minute : null,
      articleId: item.articleId,
      assignmentId: item.assignmentId,
      person: item.personName,
      state: item.state,
    });
  }
  const step = view === 'day' ? 1 : 7;
  const link = (d: string, v = view) => `/newsroom/calendar?day=${d}${v === 'day' ? '&view=day' : ''}`;
  return (
    <>
      <h1>التقويم التحريري</h1>
      <p className="plan-days">
        <strong>{view === 'day' ? dayTitle(day) : `${dayTitle(days[0]!)} – ${dayTitle(days[6]!)}`}</strong>
        <Link href={link(addDays(day, -step))}>{view === 'day' ? 'اليوم السابق' : 'الأسبوع السابق'}</Link>
        <Link href={link(today)}>{view === 'day' ? 'اليوم' : 'هذا الأسبوع'}</Link>
        <Link href={link(addDays(day, step))}>{view === 'day' ? 'اليوم التالي' : 'الأسبوع التالي'}</Link>
        {view === 'day' ? (
          <Link href={link(day, 'week')}>عرض الأسبوع</Link>
        ) : (
          <Link href={link(day, 'day')}>عرض اليوم</Link>
        )}
        <Link href={`/newsroom/plan?day=${day}`}>خطة التغطية</Link>
      </p>
      <CalendarBoard days={board} />
      <CalendarFeedControl active={hasCalendarFeed(user.id)} />
    </>
  );
}
