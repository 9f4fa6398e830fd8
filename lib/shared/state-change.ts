import type { DateSettings } from '@/lib/shared/arabic';
import type { ArticleStatus } from '@/lib/shared/enums';
import type { Role } from '@/lib/shared/enums';
import { ROLE_LABELS, STATUS_LABELS } from '@/lib/shared/labels';

// What a page is told when the action it offered is stale: the article moved on since the page
// was loaded (someone submitted, approved, published it…). Said as what happened, by whom and
// when, never as «لا تملك صلاحية», which is kept for a real refusal of the permission table.

export type StateChange = {
  // The activity log's action that moved it (lib/newsroom/workflow.ts records them).
  action: string;
  to: ArticleStatus;
  actorName: string | null;
  // The person who is told: their own move from another page is said as such.
  byViewer: boolean;
  at: Date;
};

// Past tense, the person's name where «{name}» stands.
const DONE: Record<string, string> = {
  submit: 'أرسل {name} هذا المقال إلى المراجعة',
  withdraw: 'سحب {name} هذا المقال من المراجعة',
  requestChanges: 'طلب {name} تعديلات على هذا المقال',
  approve: 'اعتمد {name} هذا المقال',
  schedule: 'جدول {name} هذا المقال',
  unschedule: 'ألغى {name} جدولة هذا المقال',
  embargo: 'غيّر {name} حظر النشر على هذا المقال',
  publish: 'نشر {name} هذا المقال',
  unpublish: 'ألغى {name} نشر هذا المقال',
  archive: 'أرشف {name} هذا المقال',
  delete: 'حذف {name} هذا المقال',
  restore: 'استعاد {name} نسخة سابقة من هذا المقال',
};

// "قبل دقيقتين", "قبل 3 ساعات" in the newsroom's digits; under a minute "قبل لحظات".
export function howLongAgo(at: Date, now: Date, digits: DateSettings['digits'] = 'latn'): string {
  const seconds = Math.max(0, Math.round((now.getTime() - at.getTime()) / 1000));
  if (seconds < 60) return 'قبل لحظات';
  const format = new Intl.RelativeTimeFormat(`ar-u-nu-${digits}`, { numeric: 'always' });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return format.format(-minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return format.format(-hours, 'hour');
  return format.format(-Math.floor(hours / 24), 'day');
}

export function describeStateChange(
  change: StateChange,
  now: Date,
  digits: DateSettings['digits'] = 'latn',
): string {
  const label = STATUS_LABELS[change.to];
  const when = howLongAgo(change.at, now, digits);
  let what: string;
  if (change.action === 'scheduled_publish') what = 'نُشر هذا المقال في موعده المجدول';
  else if (change.byViewer) what = `غيّرتَ حالة هذا المقال من صفحة أخرى إلى «${label}»`;
  else {
    const name = change.actorName?.trim() || 'عضو في غرفة الأخبار';
    what = (DONE[change.action] ?? `نقل {name} هذا المقال إلى حالة «${label}»`).replace('{name}', name);
  }
  const deleted = change.action === 'delete';
  return deleted
    ? `${what} ${when}؛ لم يُنفَّذ الإجراء.`
    : `${what} ${when}؛ حالته الآن «${label}»، وحُدِّثت الصفحة. لم يُنفَّذ الإجراء.`;
}

// Said by an open editor when an admin changed this person's role while they wrote: the session
// goes on (lib/newsroom/people.ts changeRole), nothing typed is lost.
export function roleChangedMessage(role: Role): string {
  return `غيّر مدير غرفة الأخبار دورك إلى «${ROLE_LABELS[role]}». ما زلت في جلستك ولم يضع شيء مما كتبته؛ تسري صلاحيات دورك الجديد من الآن، فحدّث الصفحة لترى ما يتيحه لك.`;
}
