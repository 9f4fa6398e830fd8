/**
 * Arabic text utilities for the newsroom: digits, search normalisation,
 * light prefix stripping, tag identity keys, word counts / reading time,
 * slugs, date formatting and paragraph-break recovery.
 *
 * Everything here is pure (no I/O); the only module state is a memo of
 * Intl formatters, which does not change results.
 */

// ---------------------------------------------------------------------------
// Digits
// ---------------------------------------------------------------------------

const ARABIC_INDIC_ZERO = 0x0660;
const PERSIAN_ZERO = 0x06f0;

/** Arabic-Indic (٠-٩) and Extended/Persian (۰-۹) digits to ASCII 0-9. */
export function toWesternDigits(text: string): string {
  return text.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => {
    const cp = d.charCodeAt(0);
    // Both blocks are contiguous 0..9 runs, so the offset from their zero is the value.
    return String(cp >= PERSIAN_ZERO ? cp - PERSIAN_ZERO : cp - ARABIC_INDIC_ZERO);
  });
}

/** ASCII 0-9 to Arabic-Indic ٠-٩ (Persian digits are left as they are). */
export function toArabicIndicDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(ARABIC_INDIC_ZERO + Number(d)));
}

// ---------------------------------------------------------------------------
// Diacritics
// ---------------------------------------------------------------------------

// Tashkeel (fathatan..wavy hamza below), superscript alef, Quranic annotation
// marks (both the U+0610 block and the U+06D6 block) and tatweel (U+0640).
// U+0610–U+061A is not "tashkeel" strictly, but those marks (e.g. the small
// honorifics) are invisible to readers' notion of the word in the same way.
const DIACRITICS_RE = /[\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED]/g;

/** Removes tashkeel, superscript alef, Quranic marks and tatweel. */
export function stripDiacritics(text: string): string {
  return text.replace(DIACRITICS_RE, '');
}

// Invisible format characters (ZWNJ/ZWJ, RLM/LRM, ALM U+061C, bidi embeddings
// and isolates, BOM, soft hyphen…) are deleted rather than turned into a
// separator: text pasted from Word or the web often has them mid-word.
const FORMAT_CHARS_RE = /\p{Cf}/gu;

// "Not part of a word": anything but letters, combining marks and numbers.
// Marks are kept so words in scripts that rely on them (e.g. Devanagari) are
// not cut in two; Arabic marks are already gone by the time this runs.
const NON_WORD_RUN_RE = /[^\p{L}\p{M}\p{N}]+/gu;

// ---------------------------------------------------------------------------
// Search normalisation
// ---------------------------------------------------------------------------

// Letter foldings that Arabic readers (and keyboards) treat as the same letter.
const LETTER_FOLDS: Readonly<Record<string, string>> = {
  '\u0623': '\u0627', // أ → ا
  '\u0625': '\u0627', // إ → ا
  '\u0622': '\u0627', // آ → ا
  '\u0671': '\u0627', // ٱ (alef wasla) → ا
  '\u0629': '\u0647', // ة → ه
  '\u0649': '\u064A', // ى → ي
  '\u0624': '\u0648', // ؤ → و
  '\u0626': '\u064A', // ئ → ي
  '\u0621': '', // lone hamza ء is dropped
  // Persian-keyboard look-alikes that show up in pasted Arabic text.
  '\u06CC': '\u064A', // ی (Farsi yeh) → ي
  '\u06A9': '\u0643', // ک (keheh) → ك
};
const LETTER_FOLDS_RE = /[\u0621-\u0626\u0629\u0649\u0671\u06A9\u06CC]/g;

function foldLetters(text: string): string {
  return text.replace(LETTER_FOLDS_RE, (ch) => LETTER_FOLDS[ch] ?? ch);
}

/**
 * The single normal form used both when indexing and when querying, so that
 * spellings Arabic readers consider identical compare equal.
 */
export function normalizeForSearch(text: string): string {
  // NFKC first so presentation forms (ﻻ, ﷲ, ﺍ…) become ordinary letters before folding.
  let s = text.normalize('NFKC');
  s = s.replace(FORMAT_CHARS_RE, '');
  s = stripDiacritics(s);
  s = foldLetters(s);
  s = toWesternDigits(s);
  s = s.toLowerCase();
  s = s.replace(NON_WORD_RUN_RE, ' ');
  return s.trim();
}

// ---------------------------------------------------------------------------
// Light prefix stripping
// ---------------------------------------------------------------------------

const ARABIC_SCRIPT_START_RE = /^\p{Script=Arabic}/u;

// Minimum letters that must remain after any strip, so short words whose
// first letters merely look like clitics survive (ولد, بيت, الله → not "له").
const MIN_STEM_LETTERS = 3;

const SINGLE_LETTER_CLITICS = new Set(['\u0648', '\u0641', '\u0628', '\u0643', '\u0644']); // و ف ب ك ل

/**
 * For an already-normalised token: strips leading conjunctions (و ف),
 * prepositions (ب ك ل) and the article (ال) so that وبالمدينة, فالمدينة,
 * بالمدينة, للمدينة (ل + ال with the alef elided), كالمدينة, والمدينة and
 * المدينة all give مدينه. Latin / digit-initial tokens are returned unchanged.
 *
 * How: repeatedly remove a leading ال or one of و ف ب ك ل while at least 3
 * letters would remain. Deliberately NOT restricted to the grammatical order
 * [و|ف][ب|ك|ل]ال: any fixed-order single pass is inconsistent for words that
 * really begin with those letters (فلسطين → "سطين" but لفلسطين → "فلسطين"),
 * whereas the repeated strip guarantees strip(clitic + X) === strip(X)
 * whenever X has ≥ 3 letters, which is what index/query matching needs.
 *
 * Trade-off: it over-stems words whose own first letters are و ف ب ك ل
 * (كتاب → "تاب", بوتين → "تين", الوطنية → "طنيه"), so a few unrelated words
 * share a term (kitab/taab). Those are rare false positives; missing
 * "لمكافحة" when searching "مكافحة" would be a common false negative.
 * The 3-letter floor protects short words (ولد, بيت, وطن, الله stay whole) at
 * the cost of never matching ومن↔من style 2-letter words.
 */
export function stripArabicPrefixes(token: string): string {
  if (!ARABIC_SCRIPT_START_RE.test(token)) return token;
  // Code points, so the length floor is in letters, not UTF-16 units.
  let chars = Array.from(token);
  for (;;) {
    const first = chars[0] ?? '';
    const isArticle = first === '\u0627' && chars[1] === '\u0644'; // ال
    const strip = isArticle ? 2 : SINGLE_LETTER_CLITICS.has(first) ? 1 : 0;
    if (strip === 0 || chars.length - strip < MIN_STEM_LETTERS) break;
    chars = chars.slice(strip);
  }
  return chars.join('');
}

/**
 * A reader's query as the terms a search index is asked for, in either store: the first 500
 * characters folded as searchTerms does, distinct, at most `maxTerms` (a query is bounded work).
 */
export function queryTerms(query: string, maxTerms = 12): string[] {
  return [...new Set(searchTerms(query.slice(0, 500)))].slice(0, maxTerms);
}

/** Normalised, prefix-stripped terms; use the same function for indexing and querying. */
export function searchTerms(text: string): string[] {
  return normalizeForSearch(text)
    .split(' ')
    .map(stripArabicPrefixes)
    .filter((t) => t.length > 0);
}

/** Identity key of a tag: spelling variants of the same tag share one key (no prefix stripping). */
export function normalizeTagName(name: string): string {
  return normalizeForSearch(name);
}

// ---------------------------------------------------------------------------
// Word count and reading time
// ---------------------------------------------------------------------------

let wordSegmenter: Intl.Segmenter | undefined;

// V8's Intl.Segmenter slows down more than linearly on one long string (a 20,000-word article
// took a minute), so long text is segmented in pieces cut at whitespace, where no word can be
// split: the count is the same and the time linear.
const SEGMENT_CHUNK_CHARS = 2000;

// Engines disagree on a full stop or colon between two letters: Node's ICU keeps "د.محمد" and
// "U.S.A" as one word (Unicode's MidNumLet rule), Chromium's breaks there. The editor counts in
// the browser and the server in Node, so the counter settles it first: between letters these
// are word breaks in both (a number such as 3.5 or 12:30 stays one word).
const LETTER_STOP = /(?<=\p{L}\p{M}*)[.:\uFF0E\uFE55](?=\p{L})/gu;

/** Number of word-like segments (Arabic, Latin and numbers such as 2024 or 3.5 count as one each). */
export function countWords(input: string): number {
  // Segmenter construction is comparatively expensive; reuse one instance.
  wordSegmenter ??= new Intl.Segmenter('ar', { granularity: 'word' });
  const text = input.replace(LETTER_STOP, ' ');
  let count = 0;
  for (let start = 0; start < text.length;) {
    let end = Math.min(text.length, start + SEGMENT_CHUNK_CHARS);
    if (end < text.length) {
      const cut = text.slice(start, end).search(/\s\S*$/);
      if (cut > 0) end = start + cut + 1;
      else {
        // No whitespace in this piece: it ends where the long word does.
        const next = text.slice(end).search(/\s/);
        end = next < 0 ? text.length : end + next;
      }
    }
    for (const segment of wordSegmenter.segment(text.slice(start, end))) {
      if (segment.isWordLike) count += 1;
    }
    start = end;
  }
  return count;
}

/**
 * The opening of a text for a page's description (search results, link previews): whitespace
 * collapsed, cut at the last whole word within `maxLength`, with "…" when something was cut.
 */
export function openingWords(text: string, maxLength = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= maxLength) return flat;
  const cut = flat.slice(0, maxLength - 1);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > maxLength / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s،,.؛:]+$/, '')}…`;
}

/** Whole minutes needed to read `wordCount` words: 0 for no words, otherwise at least 1. */
export function readingTimeMinutes(wordCount: number, wordsPerMinute = 180): number {
  if (!Number.isFinite(wordsPerMinute) || wordsPerMinute <= 0) {
    throw new RangeError(`wordsPerMinute must be a positive number, got ${wordsPerMinute}`);
  }
  if (!Number.isFinite(wordCount) || wordCount <= 0) return 0;
  return Math.max(1, Math.ceil(wordCount / wordsPerMinute));
}

/**
 * Arabic wording of a reading time, following Arabic number agreement:
 * 1 → "دقيقة واحدة", 2 → "دقيقتان", 3–10 → "n دقائق" (plural), 11+ → "n دقيقة"
 * (singular; 103–110, 203–210… take the plural again since the rule follows
 * the last two digits). Values ≤ 0 give "أقل من دقيقة"; fractions round up.
 */
export function formatReadingTime(minutes: number, digits: 'latn' | 'arab' = 'latn'): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return 'أقل من دقيقة';
  const n = Math.ceil(minutes);
  if (n === 1) return 'دقيقة واحدة';
  if (n === 2) return 'دقيقتان';
  const shown = digits === 'arab' ? toArabicIndicDigits(String(n)) : String(n);
  const lastTwo = n % 100;
  return lastTwo >= 3 && lastTwo <= 10 ? `${shown} دقائق` : `${shown} دقيقة`;
}

// ---------------------------------------------------------------------------
// Slugs
// ---------------------------------------------------------------------------

/**
 * URL slug that keeps Arabic words readable (no transliteration). Unlike
 * search normalisation it does NOT fold letters (إ, ة, ى… are kept), it only
 * strips diacritics/tatweel, converts digits to 0-9 and lowercases Latin.
 * Cut to `maxLength` code points at a dash when possible; never ends with
 * "-". Returns "" when nothing sluggable remains — callers must fall back.
 */
export function slugify(headline: string, maxLength = 80): string {
  if (!(maxLength > 0)) return '';
  let s = headline.normalize('NFKC').replace(FORMAT_CHARS_RE, '');
  s = stripDiacritics(s);
  s = toWesternDigits(s).toLowerCase();
  s = s.replace(NON_WORD_RUN_RE, '-').replace(/^-+|-+$/g, '');

  // Work on code points so a cut never splits a surrogate pair.
  const chars = Array.from(s);
  if (chars.length <= maxLength) return s;
  let cut = chars.slice(0, maxLength).join('');
  if (chars[maxLength] !== '-') {
    const lastDash = cut.lastIndexOf('-');
    // Only a single over-long word: fall back to a hard cut.
    if (lastDash > 0) cut = cut.slice(0, lastDash);
  }
  return cut.replace(/-+$/, '');
}

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

export type DateSettings = {
  calendar: 'gregory' | 'islamic-umalqura';
  digits: 'latn' | 'arab';
  timeZone: string;
};

export const defaultDateSettings: DateSettings = {
  calendar: 'gregory',
  digits: 'latn',
  timeZone: 'Asia/Riyadh',
};

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatter(
  kind: 'date' | 'time',
  settings: DateSettings,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${kind}|${settings.calendar}|${settings.digits}|${settings.timeZone}`;
  let f = formatterCache.get(key);
  if (!f) {
    // Plain 'ar' in Node 20's ICU already gives "سبتمبر"-style Gregorian month names.
    const locale = `ar-u-ca-${settings.calendar}-nu-${settings.digits}`;
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone: settings.timeZone });
    formatterCache.set(key, f);
  }
  return f;
}

function assertValidDate(date: Date): void {
  if (Number.isNaN(date.getTime())) throw new RangeError('Invalid Date');
}

/**
 * Day, Arabic month name and year, e.g. "5 سبتمبر 2024", "٥ سبتمبر ٢٠٢٤" or
 * "2 ربيع الأول 1446 هـ". Throws RangeError on an invalid Date or time zone.
 */
export function formatArabicDate(date: Date, settings: DateSettings = defaultDateSettings): string {
  assertValidDate(date);
  return formatter('date', settings, { day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

/** 24-hour "HH:MM" in the settings' time zone and digits, e.g. "00:00" / "٠٠:٠٠". */
export function formatArabicTime(date: Date, settings: DateSettings = defaultDateSettings): string {
  assertValidDate(date);
  // hourCycle h23, not hour12:false, which prints midnight as "24:00".
  return formatter('time', settings, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
}

/** Date and time joined by an Arabic comma, e.g. "5 سبتمبر 2024، 00:00". */
export function formatArabicDateTime(date: Date, settings: DateSettings = defaultDateSettings): string {
  return `${formatArabicDate(date, settings)}، ${formatArabicTime(date, settings)}`;
}

// ---------------------------------------------------------------------------
// Paragraph recovery
// ---------------------------------------------------------------------------

// Sentence terminator run, optional closing quotes, then (lookahead) an
// optional opening quote and an Arabic letter with no space in between.
const GLUED_SENTENCE_RE =
  /([.!?\u061F]+)(["'\u201D\u2033\u00BB\u2019\u203A]*)(?=[\u201C\u00AB]?(?=\p{L})\p{Script=Arabic})/gu;

// The non-space run before a terminator looks like a URL / e-mail address.
const URL_LIKE_RE = /(?:^|\s)(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S*$|@\S*$/i;
// The non-space run before a terminator is a dotted Latin abbreviation (U.S, U.N).
const LATIN_ABBREVIATION_RE = /(?:^|[^\p{L}])(?:[A-Za-z]\.)+[A-Za-z]$/u;

function splitGluedSentences(line: string): string[] {
  const withBreaks = line.replace(
    GLUED_SENTENCE_RE,
    (match: string, terminators: string, _closers: string, offset: number, whole: string) => {
      // An ellipsis usually marks a pause inside a sentence, not its end.
      if (terminators.includes('..')) return match;
      if (terminators.startsWith('.')) {
        const before = whole.slice(0, offset);
        if (URL_LIKE_RE.test(before) || LATIN_ABBREVIATION_RE.test(before)) return match;
      }
      return `${match}\n`;
    },
  );
  return withBreaks.split('\n');
}

/**
 * Recovers paragraphs from pasted plain text: every existing line break
 * separates paragraphs, and a sentence end (. ! ? ؟, optionally followed by
 * closing quotes ” ″ " » ') glued directly to an Arabic letter starts a new
 * one ("…المنطقة.وتستضيف…"). Numbers (3.5), Latin domains (example.com) and
 * abbreviations (U.S.) are never split because the next character is not an
 * Arabic letter; URLs/e-mails and dotted abbreviations are also guarded when
 * an Arabic letter does follow. Paragraphs are trimmed; empty ones dropped.
 */
export function restoreParagraphBreaks(text: string): string[] {
  return text
    .split(/\r\n|[\r\n\u2028\u2029]/)
    .flatMap(splitGluedSentences)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

// ---------------------------------------------------------------------------
// Bidi-safe text
// ---------------------------------------------------------------------------

// The embeddings and overrides (LRE, RLE, PDF, LRO, RLO): an override re-orders the letters a
// reader sees ("evil" shown as "live"), and a stray one spills over the text that follows it.
// Arabic typing never needs them. The isolates (U+2066–2069: LRI, RLI, FSI, PDI), the marks
// (LRM U+200E, RLM U+200F, ALM U+061C) and ZWJ/ZWNJ (U+200D/200C) are kept: keyboards and
// journalists use them to place Latin names, numbers and punctuation inside Arabic text.
const BIDI_EMBEDDINGS_AND_OVERRIDES = /[\u202A-\u202E]/g;

/** Removes bidi embedding and override controls (U+202A–202E); every other character is kept. */
export function stripBidiOverrides(text: string): string {
  return text.replace(BIDI_EMBEDDINGS_AND_OVERRIDES, '');
}

// Half of a UTF-16 surrogate pair with no other half: no character at all. Replacing it (as
// encoders do, with U+FFFD) would change the text silently, so it is refused instead.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether the text holds half a surrogate pair (not a character: refused, never replaced). */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

// A count with the noun in the form Arabic gives it after that number (Intl.PluralRules('ar'):
// zero, one, two, few 3–10, many 11–99, other 100…): "5 نسخ", "11 نسخة", not "5 نسخة".
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
const arabicPlural = new Intl.PluralRules('ar');
export function countOf(n: number, forms: PluralForms): string {
  const form = forms[arabicPlural.select(n)] ?? forms.other;
  return form.replace('{n}', String(n));
}

// كل المقالات's count ("11 مقالاً": the noun after 11–99 is singular and accusative).
export const ARTICLES: PluralForms = {
  zero: 'لا مقالات',
  one: 'مقال واحد',
  two: 'مقالان',
  few: '{n} مقالات',
  many: '{n} مقالاً',
  other: '{n} مقال',
};

// An article's length.
export const WORDS: PluralForms = {
  zero: 'لا كلمات',
  one: 'كلمة واحدة',
  two: 'كلمتان',
  few: '{n} كلمات',
  many: '{n} كلمة',
  other: '{n} كلمة',
};

// سجل النسخ's count.
export const REVISIONS: PluralForms = {
  zero: 'لا نسخ',
  one: 'نسخة واحدة',
  two: 'نسختان',
  few: '{n} نسخ',
  many: '{n} نسخة',
  other: '{n} نسخة',
};
