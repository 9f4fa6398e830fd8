import { z } from '@/lib/shared/validation/zod';
import { hasLoneSurrogate, stripBidiOverrides } from '@/lib/shared/arabic';
import type { ArticleSave } from '@/lib/newsroom/save';
import { DOCUMENT_MESSAGES, MAX_DOCUMENT_CHARS, parseArticleDocument } from '@/lib/document/check';
import { documentStats } from '@/lib/document/stats';
import { ActionError, type FieldErrors } from '@/lib/shared/errors';
import type { ArticleField, SaveArticleInput } from '@/lib/shared/validation/article-save';
import {
  BYLINE_MAX,
  CAPTION_MAX,
  DATELINE_MAX,
  DECK_MAX,
  HEADLINE_MAX,
  SLUG_MAX,
  TAG_MAX,
  TAGS_MAX,
} from '@/lib/shared/validation/article';

// The server's zod schema of lib/shared/validation/article-save.ts (kept apart from that file so the
// editor's bundle, which imports the contract, does not pull in zod). Every refusal is an Arabic
// sentence keyed by the field it belongs to, so the editor shows it next to that field.

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const LONE_SURROGATE = 'فيه رمز تالف (نصف محرف لا يُعرض)؛ احذفه أو أعد كتابته';

// A text field: its length limit, half surrogate pairs refused, bidi overrides removed.
function cleanText(label: string, max: number, unit = 'حرف') {
  return z
    .string({ error: `${label}: يجب أن يكون نصاً` })
    .max(max, `${label} أطول من ${max} ${unit}`)
    .refine((s) => !hasLoneSurrogate(s), `${label}: ${LONE_SURROGATE}`)
    .transform(stripBidiOverrides);
}

export const leadImageValue = z.object({
  mediaId: id,
  alt: cleanText('النص البديل للصورة', CAPTION_MAX),
  caption: cleanText('التعليق على الصورة', CAPTION_MAX),
  credit: cleanText('مصدر الصورة', BYLINE_MAX),
});

export const articleChanges = z
  .object({
    headline: cleanText('العنوان', HEADLINE_MAX),
    deck: cleanText('العنوان الفرعي', DECK_MAX),
    slug: cleanText('الرابط المختصر', SLUG_MAX),
    sectionId: id.nullable(),
    dateline: cleanText('مكان الخبر', DATELINE_MAX),
    byline: cleanText('اسم الكاتب', BYLINE_MAX),
    tags: z
      .array(cleanText('الوسم', TAG_MAX, 'حرفاً'))
      .max(TAGS_MAX, `الحد الأقصى ${TAGS_MAX} وسماً في المقال`),
    leadImage: leadImageValue.nullable(),
    body: z.string().max(MAX_DOCUMENT_CHARS, DOCUMENT_MESSAGES.tooLong),
  })
  .partial()
  .strict();

export const bodyPatch = z.object({
  baseBodyHash: z.string().regex(/^[0-9a-f]{64}$/),
  from: z.number().int().min(0).max(1_000_000),
  deleteCount: z.number().int().min(0).max(1_000_000),
  // The blocks themselves are checked against the editor's schema, with the whole document.
  insert: z.array(z.unknown()).max(10_000),
});

export const saveArticleInput = z
  .object({
    articleId: id,
    baseVersion: id,
    changes: articleChanges,
    bodyPatch: bodyPatch.optional(),
    bodyBase: z
      .array(z.string().regex(/^[0-9a-f]{14}$/))
      .max(100_000)
      .optional(),
  })
  .refine((input) => !(input.bodyPatch && input.changes.body !== undefined), {
    message: 'أرسل نص المقال كاملاً أو التعديل عليه، لا الاثنين',
    path: ['body'],
  });
export type SaveArticleParsed = z.infer<typeof saveArticleInput>;

// The parsed input is the contract's type (the schema cannot drift from it unseen).
export const _contract: (input: SaveArticleParsed) => SaveArticleInput = (input) => input;

const FIELD_OF_PATH: Record<string, ArticleField | 'body'> = { bodyPatch: 'body' };

// zod's issue paths are ['changes', 'headline'] or ['bodyPatch', 'insert', 3]: the editor wants
// the field's own name.
export function saveFieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [first, second] = issue.path.map(String);
    const field = first === 'changes' && second ? second : (FIELD_OF_PATH[first ?? ''] ?? (first || 'form'));
    out[field] ??= issue.message;
  }
  return out;
}

// Everything about an autosave that can be checked before the write transaction: the fields
// (limits, half surrogates refused, bidi overrides removed) and a whole body (size, JSON, depth,
// images, schema), which is also where its text and word count are derived. A body patch is
// checked inside the transaction, once it is spliced into the stored body.
export function parseArticleSave(raw: unknown): ArticleSave {
  const parsed = saveArticleInput.safeParse(raw);
  if (!parsed.success) throw new ActionError('invalid_input', saveFieldErrors(parsed.error));
  const { body: serialized, ...changes } = parsed.data.changes;
  let body: ArticleSave['body'];
  if (serialized !== undefined) {
    const checked = parseArticleDocument(serialized);
    if (!checked.ok) throw new ActionError('invalid_document', { body: checked.reason });
    const stats = documentStats(checked.node);
    body = { serialized: JSON.stringify(checked.json), text: stats.text, wordCount: stats.wordCount };
  }
  return {
    articleId: parsed.data.articleId,
    baseVersion: parsed.data.baseVersion,
    changes,
    body,
    bodyPatch: parsed.data.bodyPatch,
    bodyBase: parsed.data.bodyBase,
  };
}
