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
  // A refusal to publish or schedule names the first missing field (all are in fieldErrors).
  missing_headline: 'لا يُنشر مقال بلا عنوان: العنوان مطلوب قبل النشر.',
  missing_body: 'لا يُنشر مقال بلا نص: نص المقال مطلوب قبل النشر.',
  missing_section: 'لا يُنشر مقال بلا قسم: القسم مطلوب قبل النشر.',
  busy: 'قاعدة البيانات مشغولة بعمل آخر الآن، ولم يُحفظ شيء. أعد المحاولة بعد لحظات.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

export type FieldErrors = Record<string, string>;

export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors; current?: unknown };

export class ActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors?: FieldErrors,
    readonly current?: unknown,
  ) {
    super(code);
    this.name = 'ActionError';
  }
}

export function fail(code: ErrorCode, fieldErrors?: FieldErrors, current?: unknown): ActionResult<never> {
  return { ok: false, code, message: ERROR_MESSAGES[code], fieldErrors, current };
}
