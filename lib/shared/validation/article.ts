import { z } from './zod';
import { ar } from 'zod/locales';
import { ARTICLE_STATUSES } from '@/lib/shared/enums';

// Messages zod writes itself (for fields without our own wording) come out in Arabic too.
z.config(ar());

// Shared by the editor's forms and the server actions; types come from z.infer.

export const HEADLINE_MAX = 300;
export const DATELINE_MAX = 100;
export const TAG_MAX = 60;
export const TAGS_MAX = 20;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const DECK_MAX = 500;
export const SLUG_MAX = 120;
export const BYLINE_MAX = 120;
export const CAPTION_MAX = 500;

export const leadImageInput = z.object({
  mediaId: id,
  alt: z.string().max(CAPTION_MAX, `النص البديل أطول من ${CAPTION_MAX} حرف`),
  caption: z.string().max(CAPTION_MAX, `التعليق على الصورة أطول من ${CAPTION_MAX} حرف`),
  credit: z.string().max(BYLINE_MAX, `مصدر الصورة أطول من ${BYLINE_MAX} حرف`),
});

export const suggestTagsInput = z.object({ typed: z.string().max(TAG_MAX) });

export const presenceInput = z.object({
  articleId: id,
  // A random id per open editor, so two tabs of one person count as two.
  tabId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  leaving: z.boolean().optional(),
});

// The status the page showed when it offered the action (lib/newsroom/workflow.ts, `seen`):
// a page that acts on a state the article has left is told what changed.
export const seenStatus = z.enum(ARTICLE_STATUSES).optional();

export const workflowInput = z.object({
  articleId: id,
  reason: z.string().max(2000).optional(),
  seenStatus,
});
export type WorkflowInput = z.infer<typeof workflowInput>;

// Long passphrases are welcome; the cap bounds the work of one argon2 check.
export const PASSWORD_MAX = 128;

export const signInInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(PASSWORD_MAX),
});

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email('البريد الإلكتروني غير صالح')),
  name: z.string().trim().min(1, 'الاسم مطلوب').max(120),
  role: z.enum(['reporter', 'editor', 'admin']),
  password: z
    .string()
    .min(10, 'كلمة المرور عشرة أحرف على الأقل')
    .max(PASSWORD_MAX, `كلمة المرور ${PASSWORD_MAX} حرفاً على الأكثر`),
});
export type NewUserInput = z.infer<typeof newUserInput>;
