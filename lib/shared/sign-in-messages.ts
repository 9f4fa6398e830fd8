// The sign-in form's words, and the codes the server gives when an attempt is refused before its
// password is checked (lib/auth/sign-in-attempts.ts); shared by the server's authorize step and the
// browser's form.
export const SIGN_IN_LOCKED = 'sign_in_locked';
export const SIGN_IN_BUSY = 'sign_in_busy';

export const SIGN_IN_MESSAGES = {
  // One message whether the email exists or not.
  wrong: 'البريد الإلكتروني أو كلمة المرور غير صحيحة.',
  locked: 'محاولات دخول خاطئة كثيرة. انتظر قليلاً ثم أعد المحاولة، أو ادخل من متصفح دخلت منه من قبل.',
  busy: 'الخادم مشغول بمحاولات دخول كثيرة. أعد المحاولة بعد لحظات.',
  offline: 'تعذّر الاتصال بالخادم. أعد المحاولة.',
} as const;
