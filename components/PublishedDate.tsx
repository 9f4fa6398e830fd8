import { formatArabicDate, formatArabicTime } from '@/lib/arabic';
import { newsroomSettings } from '@/lib/settings';

// A date as readers see it: the newsroom's calendar, digits and time zone, with a
// machine-readable <time> for feeds and assistive technology.
export function PublishedDate({ date, label }: { date: Date; label?: string }) {
  const settings = newsroomSettings.dates;
  return (
    <span>
      {label ? `${label} ` : null}
      <time dateTime={date.toISOString()}>
        {formatArabicDate(date, settings)} <bdi>{formatArabicTime(date, settings)}</bdi>
      </time>
    </span>
  );
}
