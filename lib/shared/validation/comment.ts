import { z } from './zod';

// A reader's comment, as the article page's form sends it (lib/reader/scripts.ts) and the comments
// route checks it. The text is cleaned before it is measured: what is stored is what was measured.

export const COMMENT_MAX = 2000;
export const COMMENT_NAME_MAX = 80;
export const COMMENT_LINKS_MAX = 2;

// Bidi embeddings and overrides (U+202A–U+202E) and isolates (U+2066–U+2069) can make a comment
// read backwards or spill into the page around it; control characters other than line breaks and
// tabs are never text. Lone surrogates become U+FFFD.
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanCommentText(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(BIDI_CONTROLS, '')
    .replace(CONTROLS, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function cleanCommentName(raw: string): string {
  return cleanCommentText(raw).replace(/\s+/g, ' ');
}

// Addresses as a reader (or a spammer) writes them: with a scheme, with www., or a bare domain.
const LINK_RE = /\b(?:https?:\/\/|www\.)\S+|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:\/\S*)?/gi;

export function countLinks(text: string): number {
  return text.match(LINK_RE)?.length ?? 0;
}

const characters = (text: string) => [...text].length;

export const commentInput = z.object({
  name: z
    .string({ error: 'اكتب اسمك' })
    .max(COMMENT_NAME_MAX * 4, `الاسم أطول من ${COMMENT_NAME_MAX} حرفًا`)
    .transform(cleanCommentName)
    .refine((name) => name.length > 0, 'اكتب اسمك')
    .refine((name) => characters(name) <= COMMENT_NAME_MAX, `الاسم أطول من ${COMMENT_NAME_MAX} حرفًا`),
  text: z
    .string({ error: 'اكتب نص التعليق' })
    .max(COMMENT_MAX * 4, `التعليق أطول من ${COMMENT_MAX} حرف`)
    .transform(cleanCommentText)
    .refine((text) => text.length > 0, 'اكتب نص التعليق')
    .refine((text) => characters(text) <= COMMENT_MAX, `التعليق أطول من ${COMMENT_MAX} حرف`)
    .refine((text) => countLinks(text) <= COMMENT_LINKS_MAX, 'لا يُقبل في التعليق أكثر من رابطين'),
});
export type CommentInput = z.infer<typeof commentInput>;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const moderateCommentInput = z.object({
  commentId: id,
  decision: z.enum(['approve', 'reject']),
});

export const siteCommentsInput = z.object({ enabled: z.boolean() });
export const articleCommentsInput = z.object({ articleId: id, closed: z.boolean() });
