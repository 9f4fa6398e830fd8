import { toWesternDigits } from '@/lib/shared/arabic';

// The newsroom's date and time fields (app/(newsroom)/newsroom/_desk/TimeFields.tsx) as text:
// Chromium draws <input type="date|datetime-local"> in the browser's own locale, whatever the
// page's lang («mm/dd/yyyy», «AM» in an English browser; checked with a screenshot), so the desk
// types day/month/year and a 24-hour time, with the format said in Arabic beside the fields.
// What the actions receive is unchanged: 'YYYY-MM-DD' and 'YYYY-MM-DDTHH:MM' in the newsroom's clock.

// 7/12/2026, 07-12-2026, 07.12.2026, ٠٧/١٢/٢٠٢٦; and the ISO form 2026-12-07 (pasted from elsewhere).
const DMY = /^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4})$/;
const YMD = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
// 21:05, or 9:05 م / 9:05 مساءً (ص / صباحاً before noon): the hint asks for the 24-hour clock, and
// the Arabic one reads as meant.
const HM = /^(\d{1,2})\s*[:.]\s*(\d{2})(?:\s*(ص|صباحا|صباحاً|م|مساء|مساءً))?$/u;

const two = (n: number) => String(n).padStart(2, '0');

// Typed text, Arabic-Indic digits and the Arabic comma or slash read as the keyboard meant them.
const clean = (text: string) =>
  toWesternDigits(text)
    .replace(/[\u060C]/g, '/')
    .trim();

// 'YYYY-MM-DD' for a real calendar day, else null (31/02/2027 is no day).
export function dayOfText(text: string): string | null {
  const value = clean(text);
  const dmy = DMY.exec(value);
  const ymd = dmy ? null : YMD.exec(value);
  if (!dmy && !ymd) return null;
  const [d, m, y] = dmy ? [dmy[1], dmy[2], dmy[3]].map(Number) : [ymd![3], ymd![2], ymd![1]].map(Number);
  const at = new Date(Date.UTC(y!, m! - 1, d!));
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== m! - 1 || at.getUTCDate() !== d) return null;
  return `${y}-${two(m!)}-${two(d!)}`;
}

// 'HH:MM' on a 24-hour clock, else null.
export function timeOfText(text: string): string | null {
  const match = HM.exec(clean(text));
  if (!match) return null;
  let h = Number(match[1]);
  const m = Number(match[2]);
  const half = match[3];
  if (half) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (half.startsWith('م') ? 12 : 0);
  }
  return h <= 23 && m <= 59 ? `${two(h)}:${two(m)}` : null;
}

// The value sent for a date and a time: '' when both are empty (no time chosen), the minute when
// both parse; otherwise what was typed, which the server refuses with its Arabic message next to
// the field (the fields never guess).
export function minuteOfFields(date: string, time: string): string {
  if (!date.trim() && !time.trim()) return '';
  const day = dayOfText(date);
  const clock = timeOfText(time);
  return day && clock ? `${day}T${clock}` : `${date.trim()} ${time.trim()}`.trim();
}

export function dayValueOfText(text: string): string {
  if (!text.trim()) return '';
  return dayOfText(text) ?? text.trim();
}

// The fields for a stored value: 'YYYY-MM-DD' → '07/12/2026'; 'YYYY-MM-DDTHH:MM' → both parts.
export function textOfDay(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : value;
}

export function fieldsOfMinute(value: string): { date: string; time: string } {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(value);
  return match ? { date: textOfDay(match[1]!), time: match[2]! } : { date: '', time: '' };
}

// A minute as the desk reads it in a sentence: '07/12/2026 21:05'.
export function textOfMinute(value: string): string {
  const { date, time } = fieldsOfMinute(value);
  return date ? `${date} ${time}` : value;
}

export const DATE_FORMAT_HINT = 'يوم/شهر/سنة، مثل 25/03/2027';
export const TIME_FORMAT_HINT = 'بنظام 24 ساعة، مثل 21:05 (أو 9:05 م)';
