import { z } from '@/lib/shared/validation/zod';
import { foldWord } from '@/lib/shared/proofreading/matcher';
import { normalizeForSearch } from '@/lib/shared/arabic';
import type { HouseRule, RuleKind } from '@/lib/shared/proofreading/matcher';

// What a house-style rule may be, with the Arabic message shown next to the field that is wrong.
// Pure, so the page, the server's door and the tests share one set of checks.

export const RULE_KINDS = ['preferred', 'banned', 'pattern'] as const satisfies readonly RuleKind[];

export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  preferred: 'كتابة معتمدة وصيغ أخرى',
  banned: 'خطأ شائع وتصحيحه',
  pattern: 'نمط',
};

// A name, a place or an organisation fits in far less; 200 characters is a pasted paragraph.
export const RULE_MAX_CHARS = 120;
export const RULE_MAX_VARIANTS = 20;
export const WORD_MAX_CHARS = 60;

export const ruleInput = z.object({
  kind: z.enum(RULE_KINDS),
  preferred: z.string().max(2000),
  variants: z.string().max(4000),
  note: z.string().max(2000).optional().default(''),
});
export type RuleInput = z.infer<typeof ruleInput>;

export type RuleFieldErrors = Partial<Record<'kind' | 'preferred' | 'variants' | 'note', string>>;

export type CleanRule = { kind: RuleKind; preferred: string; variants: string[]; note: string };

/** The variants a form's text holds: one a line (or separated by the Arabic or Latin comma). */
export function splitVariants(text: string, kind: RuleKind): string[] {
  const parts = kind === 'pattern' ? [text] : text.split(/[\n،,]+/);
  return [...new Set(parts.map((p) => p.replace(/\s+/g, ' ').trim()).filter(Boolean))];
}

// Common words of any news story: a pattern that matches most of them matches everything.
const PROBE_WORDS = [
  'الرئيس',
  'قال',
  'في',
  'من',
  'الحكومة',
  'وزير',
  'اجتماع',
  'العاصمة',
  'مدينة',
  'التعاون',
  'السلام',
  'على',
  'إلى',
  'أن',
  'التي',
  'وأضاف',
  'بين',
  'عام',
  'المتحدة',
  'الاقتصاد',
];

function patternProblem(source: string): string | null {
  let re: RegExp;
  try {
    re = new RegExp(source, 'u');
  } catch {
    return 'النمط ليس تعبيرًا نمطيًا صالحًا.';
  }
  const hits = PROBE_WORDS.filter((w) => re.test(w)).length;
  if (re.test('') || re.test('ا') || hits >= PROBE_WORDS.length / 4) {
    return 'هذا النمط يطابق كل الكلمات تقريبًا؛ اجعله أضيق.';
  }
  return null;
}

function keyOf(text: string): string {
  return normalizeForSearch(text);
}

/**
 * Checks a rule against the others (all rules but the one being edited). Returns the cleaned
 * rule, or the errors by field: nothing is stored when there is one.
 */
export function checkRule(
  input: RuleInput,
  others: readonly HouseRule[],
): { rule: CleanRule; errors?: undefined } | { errors: RuleFieldErrors; rule?: undefined } {
  const errors: RuleFieldErrors = {};
  const kind = input.kind;
  const preferred = input.preferred.replace(/\s+/g, ' ').trim();
  const variants = splitVariants(input.variants, kind);
  const note = input.note.trim();

  if (!preferred) errors.preferred = kind === 'pattern' ? 'اكتب ما يحل محل النمط.' : 'اكتب الكتابة المعتمدة.';
  else if (preferred.length > RULE_MAX_CHARS) errors.preferred = `القاعدة أطول من ${RULE_MAX_CHARS} حرفًا.`;

  if (variants.length === 0) {
    errors.variants = kind === 'pattern' ? 'اكتب النمط.' : 'اكتب صيغة أخرى واحدة على الأقل.';
  } else if (variants.length > RULE_MAX_VARIANTS) {
    errors.variants = `لا تزيد الصيغ الأخرى على ${RULE_MAX_VARIANTS}.`;
  } else if (variants.some((v) => v.length > RULE_MAX_CHARS)) {
    errors.variants = `صيغة أطول من ${RULE_MAX_CHARS} حرفًا.`;
  } else if (kind === 'pattern') {
    const problem = patternProblem(variants[0]!);
    if (problem) errors.variants = problem;
  } else if (!errors.preferred) {
    const own = keyOf(preferred);
    const same = variants.find((v) => keyOf(v) === own);
    if (same) {
      errors.variants = `«${same}» هي الكتابة المعتمدة نفسها بعد توحيد الهمزات والتاء المربوطة والياء؛ البحث لا يفرّق بينهما.`;
    } else if (variants.some((v) => !foldWord(v))) {
      errors.variants = 'صيغة بلا حروف.';
    } else {
      for (const other of others) {
        if (other.kind === 'pattern') continue;
        const taken = variants.find((v) => other.variants.some((o) => keyOf(o) === keyOf(v)));
        if (taken) {
          errors.variants = `«${taken}» في قاعدة أخرى (${other.preferred}).`;
          break;
        }
        const conflicting = variants.find((v) => keyOf(v) === keyOf(other.preferred));
        if (conflicting) {
          errors.variants = `«${conflicting}» هي الكتابة المعتمدة في قاعدة أخرى؛ لا تجعلها صيغة مرفوضة.`;
          break;
        }
        if (keyOf(other.preferred) === own && other.kind === kind) {
          errors.preferred = `توجد قاعدة لهذه الكتابة (${other.preferred}): أضف الصيغ إليها.`;
          break;
        }
        if (other.variants.some((o) => keyOf(o) === own)) {
          errors.preferred = `«${preferred}» صيغة مرفوضة في قاعدة أخرى (${other.preferred}).`;
          break;
        }
      }
    }
  }
  if (note.length > 300) errors.note = 'الملاحظة أطول من 300 حرف.';

  if (Object.keys(errors).length > 0) return { errors };
  return { rule: { kind, preferred, variants, note } };
}

/** A word for the newsroom's dictionary (أضف إلى القاموس): one Arabic word. */
export function checkDictionaryWord(word: string): { word: string } | { error: string } {
  const clean = word.replace(/[\u064B-\u065F\u0670\u0640]/g, '').trim();
  if (!clean) return { error: 'اكتب الكلمة.' };
  if (clean.length > WORD_MAX_CHARS) return { error: `الكلمة أطول من ${WORD_MAX_CHARS} حرفًا.` };
  if (!/^[\p{Script=Arabic}]+$/u.test(clean)) return { error: 'كلمة عربية واحدة بلا مسافات ولا أرقام.' };
  return { word: clean };
}
