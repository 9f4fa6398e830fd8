import {
  normalizeForSearch,
  stripArabicPrefixes,
  stripDiacritics,
  toArabicIndicDigits,
  toWesternDigits,
} from '@/lib/shared/arabic';

// أسلوب التحرير as pure functions: the newsroom's rules matched against a text, through the very
// folding search uses (normalizeForSearch + stripArabicPrefixes from lib/shared/arabic.ts), so a
// rule written once catches its spellings with hamza/ta marbuta/ya differences, tashkeel, tatweel
// and the و/ف/ب/ل/ك prefixes and ال. Runs in the browser (as one types) and on the server (the
// archive script, the corpus test) alike: no I/O.

/**
 * preferred: الكتابة المعتمدة with its صيغ أخرى (names, places, transliterations);
 * banned: a misspelling with its correction (ذالك→ذلك). Both match through the folding;
 * pattern: a regular expression over one word (diacritics removed) with its replacement.
 */
export type RuleKind = 'preferred' | 'banned' | 'pattern';

export type HouseRule = {
  id: number;
  kind: RuleKind;
  /** The correct form (preferred/banned) or the replacement ($1… allowed) of a pattern. */
  preferred: string;
  /** Other spellings (preferred), banned forms (banned), or one regular expression (pattern). */
  variants: readonly string[];
  note?: string | null;
};

export type ProofSettings = {
  /** The newsroom's digits (NEWSROOM_DIGITS): the other kind is pointed out. */
  digits: 'latn' | 'arab';
  /** Latin , ; ? after an Arabic word are pointed out (، ؛ ؟). */
  arabicPunctuation: boolean;
};

export type PointKind = 'spelling' | 'style';

export type ProofPoint = {
  /** UTF-16 offsets in the checked text, end exclusive. */
  from: number;
  to: number;
  text: string;
  kind: PointKind;
  /** Best first; for style points the house form. */
  suggestions: string[];
  ruleId?: number;
  /** Short Arabic reason shown in the menu and the panel. */
  reason: string;
};

// ---------------------------------------------------------------------------
// Scanning: what is a word, and what is never checked
// ---------------------------------------------------------------------------

export type Token = { from: number; to: number; text: string };

// Spans never checked: addresses, e-mail, and quotations marked as such (« », “ ”, " ").
// A quotation is the quoted person's words: the desk does not correct them.
const SKIPPED_SPANS =
  /(?:https?:\/\/|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.-]+|«[^«»]*»|“[^“”]*”|"[^"\n]*"|\u201E[^\u201C\u201D]*[\u201C\u201D]/gu;

// An Arabic word: Arabic letters and their marks (tashkeel), tatweel, and the format characters
// that hide inside pasted words (ZWNJ…), which normalizeForSearch removes. Latin letters end it, so
// وSentinel is و glued to a Latin name (left alone), not one word to spell.
// (Built from a string: the `v` flag's set intersection is newer than the project's TS target.)
const WORD = new RegExp(
  String.raw`[[[\p{L}\p{M}]&&[\p{Script=Arabic}\p{Script=Inherited}]]\u0640\u200C\u200D]+`,
  'gv',
);
const ARABIC_LETTER = /\p{Script=Arabic}/u;
const LATIN_OR_DIGIT = /[A-Za-z0-9\u0660-\u0669\u06F0-\u06F9_]/;

/** Ranges of the text that are never checked (URLs, e-mail, quotations). */
export function skippedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const m of text.matchAll(SKIPPED_SPANS)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

function inRanges(ranges: Array<[number, number]>, at: number): boolean {
  for (const [a, b] of ranges) if (at >= a && at < b) return true;
  return false;
}

/** The Arabic words of a text with their offsets; Latin runs, numbers and skipped spans left out. */
export function arabicWords(text: string, skipped = skippedRanges(text)): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const word = m[0];
    if (!ARABIC_LETTER.test(word) || inRanges(skipped, m.index)) continue;
    // Glued to digits or Latin (COVID19, ك2): a code or a name, not a word to spell.
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + word.length] ?? '';
    if (LATIN_OR_DIGIT.test(before) || LATIN_OR_DIGIT.test(after)) continue;
    tokens.push({ from: m.index, to: m.index + word.length, text: word });
  }
  return tokens;
}

/** The search folding of one word, whole (no prefix stripped). */
export function foldWord(word: string): string {
  return normalizeForSearch(word).replace(/ /g, '');
}

/** The search key of one word: folded and prefix-stripped, as search indexes it. */
export function wordKey(word: string): string {
  return stripArabicPrefixes(foldWord(word));
}

// ---------------------------------------------------------------------------
// Prefixes: which letters before a rule's form may stand in front of it
// ---------------------------------------------------------------------------

// Grammatical clitic chains before a noun: و/ف, then ب/ك/ل, then ال (the article is part of the
// form when the rule has it). Folded letters, so these are the search folding's letters.
const CLITICS = /^(?:[وف]?[بكل]?|[وف]?س?)$/u;

/**
 * How the folded word `folded` is the folded form `form` behind clitics: the prefix (folded
 * letters, equal to the written ones since clitics do not fold) or null. Handles ل + ال → لل.
 */
export function prefixBefore(folded: string, form: string): string | null {
  if (folded === form) return '';
  if (folded.length > form.length && folded.endsWith(form)) {
    const prefix = folded.slice(0, folded.length - form.length);
    if (CLITICS.test(prefix)) return prefix;
    // A form without the article met with it (بالرئيس for a rule written رئيس is not the rule's
    // business: the article changes nothing of a name's spelling).
    if (prefix.endsWith('ال') && CLITICS.test(prefix.slice(0, -2))) return prefix;
    // للشؤون: ل + ال with the alef elided, before a form written without the article.
    if (prefix.endsWith('لل') && CLITICS.test(prefix.slice(0, -1))) return prefix;
  }
  // للمدينة: ل + المدينة with the article's alef elided.
  if (form.startsWith('ال')) {
    const rest = form.slice(1); // لمدينه
    if (folded.length > rest.length && folded.endsWith(rest)) {
      const prefix = folded.slice(0, folded.length - rest.length);
      if (prefix.endsWith('ل') && CLITICS.test(prefix)) return prefix;
    }
  }
  return null;
}

/** Puts the written prefix back in front of a replacement (ل + الرئيس → للرئيس). */
export function withPrefix(prefix: string, replacement: string): string {
  if (!prefix) return replacement;
  if (prefix.endsWith('ل') && !prefix.endsWith('ال') && replacement.startsWith('ال')) {
    return prefix + replacement.slice(1);
  }
  return prefix + replacement;
}

// ---------------------------------------------------------------------------
// The matcher
// ---------------------------------------------------------------------------

type Entry = { rule: HouseRule; words: string[]; first: string };

export type Matcher = {
  /** Style points in a text. */
  check(text: string): ProofPoint[];
  /** Folded forms accepted as correct whatever the dictionary says (preferred forms). */
  acceptedKeys: ReadonlySet<string>;
  settings: ProofSettings;
};

function compilePattern(source: string): RegExp | null {
  try {
    return new RegExp(source, 'u');
  } catch {
    return null;
  }
}

/**
 * Builds the matcher of a set of rules. When two rules claim the same words (a conflict left in
 * the table), the longer match wins and then the older rule (lower id): deterministic, and the
 * page refuses to create such a pair in the first place.
 */
export function buildMatcher(rules: readonly HouseRule[], settings: ProofSettings): Matcher {
  const byKey = new Map<string, Entry[]>();
  const patterns: Array<{ rule: HouseRule; re: RegExp }> = [];
  const acceptedKeys = new Set<string>();
  const sorted = [...rules].sort((a, b) => a.id - b.id);
  for (const rule of sorted) {
    if (rule.kind === 'pattern') {
      const re = compilePattern(rule.variants[0] ?? '');
      if (re) patterns.push({ rule, re });
      continue;
    }
    if (rule.kind === 'preferred') for (const w of rule.preferred.split(/\s+/)) acceptedKeys.add(wordKey(w));
    for (const variant of rule.variants) {
      const words = normalizeForSearch(variant).split(' ').filter(Boolean);
      if (words.length === 0) continue;
      const first = words[0]!;
      const key = stripArabicPrefixes(first);
      const list = byKey.get(key) ?? [];
      list.push({ rule, words, first });
      byKey.set(key, list);
    }
  }
  for (const list of byKey.values())
    list.sort((a, b) => b.words.length - a.words.length || a.rule.id - b.rule.id);

  function check(text: string): ProofPoint[] {
    const skipped = skippedRanges(text);
    const tokens = arabicWords(text, skipped);
    const folded = tokens.map((t) => foldWord(t.text));
    const points: ProofPoint[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const f = folded[i]!;
      let matched = false;
      for (const entry of byKey.get(stripArabicPrefixes(f)) ?? []) {
        const prefix = prefixBefore(f, entry.first);
        if (prefix === null) continue;
        // The rest of a several-word form must follow word for word, separated only by spaces.
        let ok = true;
        for (let k = 1; k < entry.words.length; k++) {
          const next = tokens[i + k];
          if (
            !next ||
            folded[i + k] !== entry.words[k] ||
            text.slice(tokens[i + k - 1]!.to, next.from).trim() !== ''
          ) {
            ok = false;
            break;
          }
        }
        if (!ok) continue;
        const last = tokens[i + entry.words.length - 1]!;
        const written = text.slice(token.from, last.to);
        const replacement = withPrefix(prefix, entry.rule.preferred);
        // Already the house form (a variant equal to the preferred one after folding is refused
        // by the page; this guards rows written before that check).
        if (stripDiacritics(written) === replacement) break;
        points.push({
          from: token.from,
          to: last.to,
          text: written,
          kind: 'style',
          suggestions: [replacement],
          ruleId: entry.rule.id,
          reason: entry.rule.kind === 'banned' ? 'خطأ شائع' : `أسلوب التحرير: ${entry.rule.preferred}`,
        });
        i += entry.words.length - 1;
        matched = true;
        break;
      }
      if (matched) continue;
      const bare = stripDiacritics(token.text);
      for (const { rule, re } of patterns) {
        if (!re.test(bare)) continue;
        const replacement = bare.replace(re, rule.preferred);
        if (replacement === bare) continue;
        points.push({
          from: token.from,
          to: token.to,
          text: token.text,
          kind: 'style',
          suggestions: [replacement],
          ruleId: rule.id,
          reason: rule.note || 'أسلوب التحرير',
        });
        break;
      }
    }
    points.push(...digitPoints(text, skipped, settings), ...punctuationPoints(text, skipped, settings));
    return points.sort((a, b) => a.from - b.from);
  }

  return { check, acceptedKeys, settings };
}

// Digits in the other system than the newsroom's. Digits glued to Latin letters (G20, COVID-19's
// 19 after a hyphen is a number) are codes and left alone.
const DIGIT_RUN = /[0-9\u0660-\u0669\u06F0-\u06F9]+/gu;

function digitPoints(text: string, skipped: Array<[number, number]>, settings: ProofSettings): ProofPoint[] {
  const points: ProofPoint[] = [];
  const wrong = settings.digits === 'latn' ? /[\u0660-\u0669\u06F0-\u06F9]/ : /[0-9]/;
  for (const m of text.matchAll(DIGIT_RUN)) {
    if (!wrong.test(m[0]) || inRanges(skipped, m.index)) continue;
    const before = text[m.index - 1] ?? '';
    const after = text[m.index + m[0].length] ?? '';
    if (/[A-Za-z]/.test(before) || /[A-Za-z]/.test(after)) continue;
    const replacement =
      settings.digits === 'latn' ? toWesternDigits(m[0]) : toArabicIndicDigits(toWesternDigits(m[0]));
    points.push({
      from: m.index,
      to: m.index + m[0].length,
      text: m[0],
      kind: 'style',
      suggestions: [replacement],
      reason: settings.digits === 'latn' ? 'الأرقام المعتمدة: 0-9' : 'الأرقام المعتمدة: ٠-٩',
    });
  }
  return points;
}

const ARABIC_MARKS: Readonly<Record<string, string>> = { ',': '،', ';': '؛', '?': '؟' };

// A Latin comma, semicolon or question mark right after an Arabic word (not between digits: 1,5).
function punctuationPoints(
  text: string,
  skipped: Array<[number, number]>,
  settings: ProofSettings,
): ProofPoint[] {
  if (!settings.arabicPunctuation) return [];
  const points: ProofPoint[] = [];
  for (const m of text.matchAll(/(?<=\p{Script=Arabic}[\p{M}\u0640]*)[,;?]/gu)) {
    if (inRanges(skipped, m.index)) continue;
    points.push({
      from: m.index,
      to: m.index + 1,
      text: m[0],
      kind: 'style',
      suggestions: [ARABIC_MARKS[m[0]]!],
      reason: 'علامات الترقيم العربية',
    });
  }
  return points;
}

// ---------------------------------------------------------------------------
// Spelling, given a dictionary's answer
// ---------------------------------------------------------------------------

/**
 * The spelling points of a text, given the words the dictionary does not know (with its
 * suggestions). Words the house style prefers, the newsroom's own dictionary (keys as wordKey
 * gives them) and the ignored words are accepted, with any prefix; a style point wins over a
 * spelling point on the same word, with the dictionary's suggestions after the house form.
 */
export type UnknownWords = Pick<ReadonlyMap<string, readonly string[]>, 'get'>;

export function spellingPoints(
  text: string,
  unknown: UnknownWords,
  accepted: ReadonlySet<string>,
  style: readonly ProofPoint[] = [],
): ProofPoint[] {
  const points: ProofPoint[] = [];
  for (const token of arabicWords(text)) {
    const bare = stripDiacritics(token.text);
    const suggestions = unknown.get(bare);
    if (!suggestions) continue;
    if (accepted.has(wordKey(bare)) || accepted.has(foldWord(bare))) continue;
    const clash = style.find((p) => p.from < token.to && token.from < p.to);
    if (clash) {
      for (const s of suggestions) if (!clash.suggestions.includes(s)) clash.suggestions.push(s);
      continue;
    }
    points.push({
      from: token.from,
      to: token.to,
      text: token.text,
      kind: 'spelling',
      suggestions: [...suggestions],
      reason: 'خطأ إملائي',
    });
  }
  return points;
}

/** Every distinct word of a text a dictionary should be asked about (diacritics removed). */
export function wordsToSpell(text: string): string[] {
  return [...new Set(arabicWords(text).map((t) => stripDiacritics(t.text)))];
}

/** Style and spelling points of one text, in order. */
export function proofread(
  text: string,
  matcher: Matcher,
  unknown: UnknownWords,
  dictionary: ReadonlySet<string>,
): ProofPoint[] {
  const style = matcher.check(text);
  const accepted = new Set([...matcher.acceptedKeys, ...dictionary]);
  return [...style, ...spellingPoints(text, unknown, accepted, style)].sort((a, b) => a.from - b.from);
}
