import type { DateSettings } from '@/lib/shared/arabic';

// The newsroom's settings, read once from the environment (see README, "Configuration").

const CALENDARS = ['gregory', 'islamic-umalqura'] as const;
const DIGITS = ['latn', 'arab'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

function validTimeZone(zone: string | undefined, fallback: string): string {
  if (!zone) return fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return fallback;
  }
}

const dates: DateSettings = {
  calendar: oneOf(process.env.NEWSROOM_CALENDAR, CALENDARS, 'gregory'),
  digits: oneOf(process.env.NEWSROOM_DIGITS, DIGITS, 'latn'),
  // The sample newsroom reports from Tashkent; a deployment sets its own zone.
  timeZone: validTimeZone(process.env.NEWSROOM_TIMEZONE, 'Asia/Tashkent'),
};

// The public origin for absolute URLs in feeds, sitemaps and share links; no trailing slash.
function siteOrigin(...candidates: (string | undefined)[]): string {
  for (const candidate of candidates) {
    try {
      const url = new URL(candidate ?? '');
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // Not a URL: try the next one.
    }
  }
  return 'http://127.0.0.1:3000';
}

export const newsroomSettings = {
  name: process.env.NEWSROOM_NAME?.trim() || 'غرفة الأخبار',
  siteUrl: siteOrigin(process.env.NEWSROOM_SITE_URL, process.env.NEXTAUTH_URL),
  dates,
} as const;

// Behind https: HSTS is sent and every cookie is Secure.
export function siteIsHttps(): boolean {
  return newsroomSettings.siteUrl.startsWith('https:');
}

export function absoluteUrl(path: string): string {
  return `${newsroomSettings.siteUrl}${path}`;
}

// One formatter per time zone, made once: building an Intl.DateTimeFormat costs some 50 µs, which
// the calendar paid twice for each of its 1,000 items (about 100 ms of a week's render).
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

// What the wall clock in `timeZone` reads at `at`, field by field (zero-padded, 24-hour).
export function wallClockAt(
  at: Date,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = wallClockFormat(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

// The instant at which the wall clock in `timeZone` reads `localIso` (e.g. "2024-09-05T00:00:00").
export function zonedWallTimeToDate(localIso: string, timeZone: string): Date {
  const asUtc = new Date(`${localIso}Z`);
  const wall = wallClockAt(asUtc, timeZone);
  const wallAtUtc = Date.UTC(
    Number(wall.year),
    Number(wall.month) - 1,
    Number(wall.day),
    Number(wall.hour),
    Number(wall.minute),
    Number(wall.second),
  );
  return new Date(asUtc.getTime() - (wallAtUtc - asUtc.getTime()));
}
