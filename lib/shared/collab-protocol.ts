// What the collaboration server and the editor say to each other besides Yjs itself: the address,
// the document names, why a connection was closed, and the notices sent as stateless messages.
// No server or browser code here: both sides import it.

export const COLLAB_PATH = '/collab';

// On unless the deployment says NEWSROOM_COLLAB=0 (lib/server/collab.mjs reads the same variable).
export function collaborationEnabled(env: Record<string, string | undefined> = process.env): boolean {
  return env.NEWSROOM_COLLAB !== '0';
}

export function documentNameOf(articleId: number): string {
  return `article:${articleId}`;
}

export function parseDocumentName(name: string): number | null {
  const match = /^article:([1-9][0-9]{0,15})$/.exec(name);
  const id = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(id) ? id : null;
}

// WebSocket close reasons are at most 123 bytes: a short code travels, the editor says it in Arabic.
export const COLLAB_CLOSE = {
  unauthenticated: { code: 4401, reason: 'unauthenticated' },
  forbidden: { code: 4403, reason: 'forbidden' },
  readOnly: { code: 4405, reason: 'read-only' },
  notFound: { code: 4404, reason: 'not-found' },
  gone: { code: 4410, reason: 'gone' },
  crossOrigin: { code: 4406, reason: 'cross-origin' },
  tooLarge: { code: 4413, reason: 'too-large' },
  flood: { code: 4429, reason: 'too-many-updates' },
  invalid: { code: 4422, reason: 'invalid-document' },
  malformed: { code: 4400, reason: 'malformed' },
} as const;

export type CollabNotice =
  // The body was stored (version), with the shared document's state vector at that moment: a
  // browser whose own changes are all below it knows they are on the server.
  | { type: 'stored'; version: number; savedAt: number; stateVector: string }
  | { type: 'refused'; code: string; message: string }
  | { type: 'readonly' }
  | { type: 'editable' }
  | { type: 'replaced' }
  // Someone saved the article by another path (the autosave of the other fields, a workflow
  // step): editors whose version is older fetch what changed.
  | { type: 'version'; version: number }
  | { type: 'closed'; code: string };

// Why the editor is not (or no longer) writing together, in the newsroom's words.
export const COLLAB_MESSAGES: Record<string, string> = {
  unauthenticated: 'انتهت الجلسة. سجّل الدخول من جديد.',
  forbidden: 'لم يعد بإمكانك تحرير هذا المقال في حالته الحالية؛ النص للقراءة فقط.',
  'read-only': 'النص للقراءة فقط؛ لم يُقبل التعديل.',
  'not-found': 'المقال غير موجود.',
  gone: 'حُذف المقال أو لم يعد موجوداً.',
  'cross-origin': 'رُفض الاتصال لأنه لم يأتِ من صفحات هذا الموقع.',
  'too-large': 'التعديل أكبر من المسموح ولم يُقبل.',
  'too-many-updates': 'وصلت تعديلات كثيرة جداً في وقت قصير؛ أُغلق الاتصال المباشر.',
  'invalid-document': 'رُفض آخر تعديل لنص المقال ولم يُحفظ.',
  malformed: 'وصل تعديل تالف فأُغلق الاتصال المباشر؛ لم يُحفظ منه شيء.',
};
