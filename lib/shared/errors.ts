// Typed outcomes of a write, each with the Arabic message the newsroom sees.
export const ERROR_MESSAGES = {
  unauthenticated: 'انتهت الجلسة. سجّل الدخول من جديد.',
  account_disabled: 'عُطّل هذا الحساب؛ لم يُحفظ شيء. راجع مدير غرفة الأخبار.',
  forbidden: 'لا تملك صلاحية هذا الإجراء على هذا المقال في حالته الحالية.',
  not_found: 'المقال غير موجود.',
  not_published: 'لا يكون الخبر الرئيسي إلا مقالاً منشوراً.',
  invalid_input: 'البيانات المرسلة غير صالحة.',
  invalid_document: 'نص المقال غير صالح ولم يُحفظ.',
  conflict: 'عدّل شخص آخر هذا المقال بعد آخر حفظ لك؛ لم يُحفظ تعديلك حتى لا يضيع عمله.',
  body_base_mismatch:
    'تغيّر نص المقال على الخادم منذ آخر حفظ لك، فلم يُطبَّق التعديل الجزئي ولم يتغير شيء؛ يُرسل النص كاملاً.',
  server_error: 'حدث خطأ في الخادم ولم يُحفظ شيء. أعد المحاولة.',
  cross_origin: 'رُفض الطلب لأنه لم يأتِ من صفحات هذا الموقع.',
  unsupported_media_type: 'نوع البيانات المرسلة غير مقبول.',
  too_large: 'البيانات المرسلة أكبر من المسموح.',
  // A refusal to publish or schedule names the first missing field (all are in fieldErrors).
  missing_headline: 'لا يُنشر مقال بلا عنوان: العنوان مطلوب قبل النشر.',
  missing_body: 'لا يُنشر مقال بلا نص: نص المقال مطلوب قبل النشر.',
  missing_section: 'لا يُنشر مقال بلا قسم: القسم مطلوب قبل النشر.',
  busy: 'قاعدة البيانات مشغولة بعمل آخر الآن، ولم يُحفظ شيء. أعد المحاولة بعد لحظات.',
  password_change_required:
    'اختار المدير كلمة المرور التي دخلت بها؛ غيّرها أولاً من صفحة تغيير كلمة المرور. لم يُحفظ شيء.',
  // The page acted on a state the article has left; the refusal names who moved it, and when
  // (lib/shared/state-change.ts), this is only the fallback.
  state_changed: 'تغيّرت حالة المقال منذ فُتحت الصفحة؛ لم يُنفَّذ الإجراء. حدّث الصفحة لترى حالته الآن.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

// The HTTP status of each outcome, for route handlers (lib/http/route.ts): one mapping for all of them.
export const HTTP_STATUS: Record<ErrorCode, number> = {
  unauthenticated: 401,
  account_disabled: 403,
  forbidden: 403,
  not_found: 404,
  not_published: 400,
  invalid_input: 400,
  invalid_document: 422,
  conflict: 409,
  body_base_mismatch: 409,
  server_error: 500,
  cross_origin: 403,
  unsupported_media_type: 415,
  too_large: 413,
  missing_headline: 422,
  missing_body: 422,
  missing_section: 422,
  // Another process holds the write lock for longer than the retry waits: try again shortly.
  busy: 503,
  // A first password (or one an admin reset) must be replaced before any other write.
  password_change_required: 403,
  // Like a stale version: the request was made against a state that is gone.
  state_changed: 409,
};

// A refusal with its own status and Arabic message (an upload's, say), for a route handler.
export class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export type FieldErrors = Record<string, string>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; current?: unknown };

export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors?: FieldErrors,
    readonly current?: unknown,
    // A message of this very case (who moved the article, when) instead of the code's own.
    readonly said?: string,
  ) {
    super(code);
    this.name = 'ActionError';
  }
}

export function fail(
  code: ErrorCode,
  fieldErrors?: FieldErrors,
  current?: unknown,
  said?: string,
): ActionResult<never> {
  return { ok: false, code, message: said ?? ERROR_MESSAGES[code], fieldErrors, current };
}
