// Limits that browser code shows as well as enforces: kept apart from the zod schemas so that
// importing one does not put zod (92 kB gzip) into the editor page's JavaScript.

// ملاحظات التحرير: the longest note, in characters.
export const NOTE_MAX = 5000;

// تعليق على النص: the longest comment or reply, and the longest quote of the commented words
// kept with a thread (a longer selection is kept cut, with an ellipsis).
export const TEXT_COMMENT_MAX = 2000;
export const TEXT_COMMENT_QUOTE_MAX = 300;
