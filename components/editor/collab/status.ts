import { statusLabel, type SaveSnapshot, type SaveStatus } from '../save-machine';
import type { CollabState } from './useCollaboration';

// Words of docs/glossary.md (writing together).
export const LIVE_LOST = 'انقطع الاتصال المباشر؛ التعديلات محفوظة على هذا الجهاز';
export const LIVE_BACK = 'عاد الاتصال';
export const LIVE_OPENING = 'جارٍ فتح النص المشترك…';
export const ALSO_EDITING = 'يحرّر الآن أيضاً';
export const LIVE_UNAVAILABLE = 'التحرير المشترك غير متاح الآن؛ يُحفظ نصك تلقائياً';

// The one save status the page shows: the autosave's (headline, deck, tags…) and, while the body
// is written together, whether the collaboration server has stored this person's typing. «تم
// الحفظ» only when both have.
export function combinedStatus(
  snapshot: SaveSnapshot,
  live: CollabState | null,
): { state: SaveStatus; label: string } {
  const own = { state: snapshot.status, label: statusLabel(snapshot) };
  if (!live || snapshot.status !== 'saved') return own;
  if (live.refused) return { state: 'error', label: `لم يُحفظ: ${live.refused}` };
  if (!live.unstored) return own;
  if (live.connection !== 'connected') return { state: 'offline', label: `لم يُحفظ: ${LIVE_LOST}` };
  return { state: 'dirty', label: 'لم يُحفظ بعد' };
}
