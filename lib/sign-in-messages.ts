// The sign-in form's words, and the code the server gives when an address is locked for a while
// (db/queries/sign-in.ts); shared by the server's authorize step and the browser's form.
export const SIGN_IN_LOCKED = 'sign_in_locked';

export const SIGN_IN_MESSAGES = {
  // One message whether the email exists or not.
  wrong: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
  locked: 'محاولات دخول خاطئة كثيرة لهذا البريد. انتظر ربع ساعة ثم أعد المحاولة.',
  offline: 'تعذّر الاتصال بالخادم. أعد المحاولة.',
} as const;
