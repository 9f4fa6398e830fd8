import { formatArabicDate } from '@/lib/shared/arabic';
import { newsroomSettings } from '@/lib/shared/settings';

// The weekday's formatter, made once (the calendar titles nine days a render; making an
// Intl.DateTimeFormat costs more than formatting with one).
let weekdays: Intl.DateTimeFormat | undefined;

// A newsroom day as the newsroom says it ("الاثنين 7 ديسمبر 2026"), in its calendar and digits:
// noon UTC of that date, read in UTC, so no zone can move it to the day before or after.
export function dayTitle(day: string): string {
  const dates = newsroomSettings.dates;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const noon = new Date(Date.UTC(y, m - 1, d, 12));
  weekdays ??= new Intl.DateTimeFormat(`ar-u-ca-${dates.calendar}-nu-${dates.digits}`, {
    weekday: 'long',
    timeZone: 'UTC',
  });
  return `${weekdays.format(noon)} ${formatArabicDate(noon, { ...dates, timeZone: 'UTC' })}`;
}
