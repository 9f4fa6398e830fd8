import { hasLoneSurrogate, stripBidiOverrides } from '@/lib/shared/arabic';
import { TEXT_COMMENT_MAX, TEXT_COMMENT_QUOTE_MAX } from './limits';
import { z } from './zod';

// تعليق على النص: what the editor's comment forms send (app/(newsroom)/newsroom/articles/
// text-comment-actions.ts checks them; the forms import only limits.ts).

const id = z
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

export const TEXT_COMMENT_MESSAGES = {
  empty: 'اكتب نص التعليق قبل إرساله',
  tooLong: `التعليق أطول من ${TEXT_COMMENT_MAX} حرف`,
  broken: 'في التعليق رمز تالف (نصف محرف لا يُعرض)؛ احذفه وأعد الكتابة',
  noThread: 'هذا التعليق غير موجود في هذا المقال (ربما حُذف المقال أو فُتح في صفحة أخرى)',
} as const;

// Trimmed, with bidi overrides removed (they would reorder the words around a name on screen).
const commentText = z
  .string()
  .max(TEXT_COMMENT_MAX * 2, TEXT_COMMENT_MESSAGES.tooLong)
  .refine((text) => !hasLoneSurrogate(text), TEXT_COMMENT_MESSAGES.broken)
  .transform((text) => stripBidiOverrides(text).trim())
  .pipe(z.string().min(1, TEXT_COMMENT_MESSAGES.empty).max(TEXT_COMMENT_MAX, TEXT_COMMENT_MESSAGES.tooLong));

// The commented words as the editor saw them: never refused for their length, kept cut.
const quote = z
  .string()
  .max(200_000)
  .transform((text) => {
    const clean = stripBidiOverrides(text).replace(/\s+/g, ' ').trim();
    // By code points, so an emoji or a rare letter is never cut in half.
    const letters = [...clean];
    return letters.length > TEXT_COMMENT_QUOTE_MAX
      ? `${letters.slice(0, TEXT_COMMENT_QUOTE_MAX - 1).join('')}…`
      : clean;
  });

export const startThreadInput = z.object({ articleId: id, quote, body: commentText });
export const replyInput = z.object({ articleId: id, threadId: id, body: commentText });
export const threadStateInput = z.object({ articleId: id, threadId: id, resolved: z.boolean() });
export const articleThreadsInput = z.object({ articleId: id });

export type StartThreadInput = z.infer<typeof startThreadInput>;
export type ReplyInput = z.infer<typeof replyInput>;
export type ThreadStateInput = z.infer<typeof threadStateInput>;
