import { notFound } from 'next/navigation';
import { formatArabicDateTime } from '@/lib/shared/arabic';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { newsroomSettings } from '@/lib/shared/settings';

// Small helpers shared by the desk's server pages.

export function when(date: Date | null | undefined): string {
  return date ? formatArabicDateTime(date, newsroomSettings.dates) : '—';
}

// A query's "not yours" or "not there" is, for a page, a 404: nothing is learnt from the address.
export function orNotFound<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ForbiddenError) notFound();
    if (error instanceof ActionError && error.code === 'not_found') notFound();
    throw error;
  }
}

// A positive whole number from a search parameter, or undefined.
export function positiveInt(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text || !/^\d{1,15}$/.test(text)) return undefined;
  const n = Number(text);
  return n > 0 && Number.isSafeInteger(n) ? n : undefined;
}

export function oneParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
