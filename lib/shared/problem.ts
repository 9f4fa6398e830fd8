import { ERROR_MESSAGES, type ErrorCode, type FieldErrors } from '@/lib/shared/errors';

// The API's one shape of error (RFC 9457 problem details, `application/problem+json`): a stable
// `type` an integration can branch on, an Arabic `title` a person can read, the HTTP `status`, and
// for bad input the field-by-field `errors`. Pure, so every type is unit-tested.

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
// A URN rather than an address: stable whatever host serves the API (docs/api.md lists them).
export const PROBLEM_TYPE_PREFIX = 'urn:newsroom:problem:';

export const PROBLEMS = {
  'malformed-json': { status: 400, title: 'نص الطلب ليس JSON صالحاً.' },
  'invalid-parameters': { status: 400, title: 'معاملات العنوان غير صالحة.' },
  'missing-key': { status: 401, title: 'الطلب بلا مفتاح؛ أرسل المفتاح في ترويسة Authorization: Bearer.' },
  'invalid-key': { status: 401, title: 'المفتاح غير صحيح أو أُلغي.' },
  'insufficient-scope': { status: 403, title: 'نطاق المفتاح لا يسمح بهذا الطلب.' },
  forbidden: { status: 403, title: 'دور صاحب المفتاح لا يسمح بهذا الإجراء على هذا المقال في حالته الحالية.' },
  'not-found': { status: 404, title: 'غير موجود.' },
  'method-not-allowed': { status: 405, title: 'هذه الطريقة غير مقبولة على هذا العنوان.' },
  'stale-version': {
    status: 409,
    title: 'عدّل شخص آخر هذا المقال بعد النسخة التي بنيت عليها؛ لم يُحفظ شيء حتى لا يضيع عمله.',
  },
  conflict: { status: 409, title: 'تعارض مع حالة المورد الحالية؛ لم يتغير شيء.' },
  'too-large': { status: 413, title: 'نص الطلب أكبر من المسموح.' },
  'unsupported-media-type': { status: 415, title: 'نوع البيانات المرسلة غير مقبول.' },
  'validation-failed': { status: 422, title: 'البيانات المرسلة غير صالحة؛ لم يتغير شيء.' },
  'unsafe-webhook-url': {
    status: 422,
    title: 'عنوان الخطاف يشير إلى داخل الشبكة أو غير صالح؛ لا يُرسل إليه شيء.',
  },
  'rate-limited': {
    status: 429,
    title: 'تجاوز المفتاح عدد الطلبات المسموح به في الدقيقة؛ أعد المحاولة بعد قليل.',
  },
  busy: { status: 503, title: 'قاعدة البيانات مشغولة بعمل آخر الآن، ولم يُحفظ شيء. أعد المحاولة بعد لحظات.' },
  'server-error': { status: 500, title: 'حدث خطأ في الخادم ولم يُحفظ شيء.' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemType = keyof typeof PROBLEMS;

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldErrors;
};

export function problem(type: ProblemType, detail?: string, errors?: FieldErrors): Problem {
  const { status, title } = PROBLEMS[type];
  return {
    type: `${PROBLEM_TYPE_PREFIX}${type}`,
    title,
    status,
    ...(detail ? { detail } : {}),
    ...(errors && Object.keys(errors).length > 0 ? { errors } : {}),
  };
}

// The newsroom's own refusals (lib/shared/errors.ts), as the API says them; the detail keeps the
// newsroom's precise Arabic message.
const OF_ERROR_CODE: Record<ErrorCode, ProblemType> = {
  unauthenticated: 'invalid-key',
  account_disabled: 'invalid-key',
  forbidden: 'forbidden',
  not_found: 'not-found',
  not_published: 'conflict',
  invalid_input: 'validation-failed',
  invalid_document: 'validation-failed',
  conflict: 'stale-version',
  body_base_mismatch: 'stale-version',
  server_error: 'server-error',
  cross_origin: 'forbidden',
  unsupported_media_type: 'unsupported-media-type',
  too_large: 'too-large',
  missing_headline: 'validation-failed',
  missing_body: 'validation-failed',
  missing_section: 'validation-failed',
  busy: 'busy',
  state_changed: 'conflict',
  password_change_required: 'forbidden',
};

export function problemOfErrorCode(code: ErrorCode, errors?: FieldErrors): Problem {
  return problem(OF_ERROR_CODE[code], ERROR_MESSAGES[code], errors);
}
