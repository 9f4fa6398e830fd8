// Limits that browser code shows as well as enforces: kept apart from the zod schemas so that
// importing one does not put zod (92 kB gzip) into the editor page's JavaScript.

// ملاحظات التحرير: the longest note, in characters.
export const NOTE_MAX = 5000;
