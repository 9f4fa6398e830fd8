import { z } from './zod';
import { ROLES } from '@/lib/shared/enums';

// الفريق's forms and actions share these; each message is shown next to its field.

export const PASSWORD_MIN = 10;
// As sign-in accepts (lib/shared/validation/article.ts): the cap bounds the work of one argon2 check.
export const PASSWORD_MAX = 128;
export const NAME_MAX = 120;
export const EMAIL_MAX = 254;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const passwordField = z
  .string({ error: 'كلمة المرور مطلوبة' })
  .min(PASSWORD_MIN, `كلمة المرور أقصر من ${PASSWORD_MIN} أحرف`)
  .max(PASSWORD_MAX, `كلمة المرور أطول من ${PASSWORD_MAX} حرفاً`);

export const roleField = z.enum(ROLES, { error: 'الدور غير صالح: اختر صحفي أو محرر أو مدير' });

export const addMemberInput = z.object({
  name: z
    .string({ error: 'الاسم مطلوب' })
    .trim()
    .min(1, 'الاسم مطلوب')
    .max(NAME_MAX, `الاسم أطول من ${NAME_MAX} حرفاً`),
  email: z
    .string({ error: 'البريد الإلكتروني مطلوب' })
    .trim()
    .toLowerCase()
    .max(EMAIL_MAX, 'البريد الإلكتروني أطول من المسموح')
    .pipe(z.email('البريد الإلكتروني غير صالح')),
  role: roleField,
  // Empty: the server makes one up and shows it once, to be handed to the member.
  password: z.union([z.literal(''), passwordField]),
});
export type AddMemberInput = z.infer<typeof addMemberInput>;

export const changeRoleInput = z.object({ userId: id, role: roleField });
export const memberInput = z.object({ userId: id });
export const setDisabledInput = z.object({ userId: id, disabled: z.boolean() });
export const resetPasswordInput = z.object({ userId: id, password: z.union([z.literal(''), passwordField]) });

export const changeOwnPasswordInput = z
  .object({
    current: z.string().max(PASSWORD_MAX).min(1, 'اكتب كلمة المرور الحالية'),
    password: passwordField,
    confirm: z.string().max(PASSWORD_MAX),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'كلمتا المرور غير متطابقتين' })
  .refine((v) => v.password !== v.current, {
    path: ['password'],
    message: 'اختر كلمة مرور غير التي أعطاك إياها المدير',
  });
