import { NOTE_MAX } from './limits';
import { z } from './zod';
import { wallClockAt, zonedWallTimeToDate } from '@/lib/shared/settings';
import { seenStatus } from '@/lib/shared/validation/article';

// The desk's forms: schedule, embargo, notes, notifications, checked by the actions (the panels
// import only lib/shared/validation/limits.ts, which holds no schema).

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const noteInput = z.object({
  articleId: id,
  body: z
    .string()
    .max(NOTE_MAX * 2, `الملاحظة أطول من ${NOTE_MAX} حرف`)
    .transform((text) => text.trim())
    .pipe(
      z.string().min(1, 'اكتب نص الملاحظة قبل إضافتها').max(NOTE_MAX, `الملاحظة أطول من ${NOTE_MAX} حرف`),
    ),
});

// A minute as the newsroom's clock shows it, the value of <input type="datetime-local">.
const MINUTE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export const TIME_MESSAGES = {
  scheduledAt: 'موعد النشر غير صالح؛ اكتب التاريخ والساعة والدقيقة',
  embargoUntil: 'وقت حظر النشر غير صالح؛ اكتب التاريخ والساعة والدقيقة',
} as const;

// The instant at which the newsroom's wall clock (its time zone) shows this minute; null for
// anything that is not a real minute ("2026-02-30T10:00", "غداً", seconds, a time zone suffix).
export function parseNewsroomMinute(value: string, timeZone: string): Date | null {
  const match = MINUTE_RE.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = new Date(Date.UTC(y, mo - 1, d, h, mi));
  if (
    asUtc.getUTCFullYear() !== y ||
    asUtc.getUTCMonth() !== mo - 1 ||
    asUtc.getUTCDate() !== d ||
    asUtc.getUTCHours() !== h ||
    asUtc.getUTCMinutes() !== mi ||
    y < 2000 ||
    y > 2999
  )
    return null;
  const at = zonedWallTimeToDate(`${value.trim()}:00`, timeZone);
  return Number.isNaN(at.getTime()) ? null : at;
}

// The same minute back in the newsroom's clock, for the form's value.
export function toNewsroomMinute(at: Date, timeZone: string): string {
  const { year, month, day, hour, minute } = wallClockAt(at, timeZone);
  return `${year}-${month}-${day}T${hour}:${minute}`;
}

const minuteText = z.string().max(40);

export const scheduleInput = z.object({
  articleId: id,
  scheduledAt: minuteText,
  // Empty: no embargo.
  embargoUntil: minuteText.optional(),
  seenStatus,
});

export const embargoInput = z.object({
  articleId: id,
  // Empty lifts the embargo now.
  embargoUntil: minuteText,
  seenStatus,
});

export const articleOnlyInput = z.object({ articleId: id, seenStatus });

export const markReadInput = z.object({
  ids: z.union([z.literal('all'), z.array(id).max(500)]),
});
