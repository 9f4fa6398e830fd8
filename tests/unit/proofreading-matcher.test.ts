import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  arabicWords,
  buildMatcher,
  prefixBefore,
  proofread,
  spellingPoints,
  wordKey,
  wordsToSpell,
  type HouseRule,
  type ProofSettings,
} from '@/lib/shared/proofreading/matcher';
import { checkRule, checkDictionaryWord } from '@/lib/shared/proofreading/rules';

const SETTINGS: ProofSettings = { digits: 'latn', arabicPunctuation: true };

const HAMZA_WASL = '^([وف]?(?:[بك]?ال|لل|[بكل])?)إ((?:ست..|.ت.|ن..)ا\\p{L}*)$';

const RULES: HouseRule[] = [
  { id: 1, kind: 'preferred', preferred: 'ميرضيائيف', variants: ['ميرزيوييف', 'ميرزياييف', 'ميرزيوئيف'] },
  { id: 2, kind: 'preferred', preferred: 'شنغهاي', variants: ['شانغهاي', 'شنجهاي'] },
  { id: 3, kind: 'banned', preferred: 'ذلك', variants: ['ذالك'] },
  { id: 4, kind: 'banned', preferred: 'هذا', variants: ['هاذا'] },
  { id: 5, kind: 'preferred', preferred: 'الأمم المتحدة', variants: ['الامم المتحده', 'هيئة الأمم'] },
  { id: 6, kind: 'pattern', preferred: '$1ا$2', variants: [HAMZA_WASL], note: 'همزة الوصل' },
  { id: 7, kind: 'preferred', preferred: 'بكين', variants: ['بيجين', 'بيجينغ'] },
];

const matcher = buildMatcher(RULES, SETTINGS);
const style = (text: string) => matcher.check(text).map((p) => [p.text, p.suggestions[0]]);

describe('house style through the search folding', () => {
  test('a variant is caught bare and behind every prefix, and the prefix is kept in the suggestion', () => {
    assert.deepEqual(style('قال ميرزيوييف'), [['ميرزيوييف', 'ميرضيائيف']]);
    assert.deepEqual(style('وميرزيوييف'), [['وميرزيوييف', 'وميرضيائيف']]);
    assert.deepEqual(style('فميرزياييف'), [['فميرزياييف', 'فميرضيائيف']]);
    assert.deepEqual(style('بشانغهاي'), [['بشانغهاي', 'بشنغهاي']]);
    // ل + ال before a form written without the article: the alef is elided (للشانغهاي).
    assert.deepEqual(style('للشانغهاي'), [['للشانغهاي', 'للشنغهاي']]);
    assert.deepEqual(style('لشانغهاي وكشانغهاي'), [
      ['لشانغهاي', 'لشنغهاي'],
      ['وكشانغهاي', 'وكشنغهاي'],
    ]);
  });

  test('hamza, tashkeel and tatweel differences fold into the variant', () => {
    // ميرزيوئيف is a variant itself; ميرزيويِيف (kasra) and ميرزيـوييف (tatweel) fold to ميرزيوييف.
    assert.deepEqual(style('ميرزيويِيف'), [['ميرزيويِيف', 'ميرضيائيف']]);
    assert.deepEqual(style('ميرزيـوييف'), [['ميرزيـوييف', 'ميرضيائيف']]);
  });

  test('the preferred form itself, with or without prefixes, is not a point', () => {
    assert.deepEqual(style('أكد ميرضيائيف ووميرضيائيف في شنغهاي وبشنغهاي'), []);
  });

  test('a word that merely ends like a variant is not caught (no clitic before it)', () => {
    // تبيجين is not ت + بيجين: ت is no clitic.
    assert.deepEqual(style('تبيجين'), []);
    assert.equal(prefixBefore('تبيجين', 'بيجين'), null);
    assert.equal(prefixBefore('وبيجين', 'بيجين'), 'و');
  });

  test('banned forms with their correction', () => {
    assert.deepEqual(style('وبعد ذالك قال هاذا'), [
      ['ذالك', 'ذلك'],
      ['هاذا', 'هذا'],
    ]);
  });

  test('several-word forms, with ل + ال elided', () => {
    assert.deepEqual(style('في الامم المتحده اليوم'), [['الامم المتحده', 'الأمم المتحدة']]);
    assert.deepEqual(style('وقال للامم المتحده'), [['للامم المتحده', 'للأمم المتحدة']]);
    // Broken by punctuation: not the name.
    assert.deepEqual(style('الامم، المتحده'), []);
  });

  test('hamza after a prefix: a pattern rule on wasl alef (إحتفال, بإستخدام) and not on hamzat qat‘', () => {
    assert.deepEqual(style('إحتفال بإستخدام وإنتخابات'), [
      ['إحتفال', 'احتفال'],
      ['بإستخدام', 'باستخدام'],
      ['وإنتخابات', 'وانتخابات'],
    ]);
    // Form IV verbal nouns keep their hamza: إنتاج, إعلان, إنسان, إنهاء, إتمام.
    assert.deepEqual(style('الإقتصاد للإستثمار'), [
      ['الإقتصاد', 'الاقتصاد'],
      ['للإستثمار', 'للاستثمار'],
    ]);
    assert.deepEqual(style('إنتاج إعلان إنسان إنهاء إتمام إنجاز الإنسان الإعلام والإنتاج'), []);
  });

  test('Latin runs, numbers, URLs and quotations are left alone', () => {
    const text = 'زار ميرزيوييف https://example.com/ميرزيوييف و«ذالك ميرزيوييف» و"ذالك" ثم G20 وCOVID19';
    assert.deepEqual(style(text), [['ميرزيوييف', 'ميرضيائيف']]);
    assert.deepEqual(
      arabicWords('Mirziyoyev ميرضيائيف 2024 www.kun.uz').map((t) => t.text),
      ['ميرضيائيف'],
    );
    // A clitic glued to a Latin name is not an Arabic word to spell.
    assert.deepEqual(
      arabicWords('منظومة وSentinel والرَّئيس').map((t) => t.text),
      ['منظومة', 'والرَّئيس'],
    );
  });

  test('digits follow the newsroom setting, punctuation after Arabic words is Arabic', () => {
    assert.deepEqual(style('في عام ٢٠٢٤, هل'), [
      ['٢٠٢٤', '2024'],
      [',', '،'],
    ]);
    const arab = buildMatcher([], { digits: 'arab', arabicPunctuation: false });
    assert.deepEqual(
      arab.check('عام 2024, وG20').map((p) => p.suggestions[0]),
      ['٢٠٢٤'],
    );
    // A decimal comma between digits is no Arabic comma.
    assert.deepEqual(style('نمو 1,5 بالمئة؟'), []);
  });

  test('overlaps: the longer form wins over a one-word rule on the same word', () => {
    const m = buildMatcher(
      [
        { id: 1, kind: 'preferred', preferred: 'الأمم', variants: ['هيئة'] },
        { id: 2, kind: 'preferred', preferred: 'الأمم المتحدة', variants: ['هيئة الأمم'] },
      ],
      SETTINGS,
    );
    assert.deepEqual(
      m.check('هيئة الأمم').map((p) => [p.text, p.suggestions[0], p.ruleId]),
      [['هيئة الأمم', 'الأمم المتحدة', 2]],
    );
  });

  test('conflicting rules left in the table: the older rule wins, every time', () => {
    const m = buildMatcher(
      [
        { id: 9, kind: 'preferred', preferred: 'طشقند', variants: ['تاشكنت'] },
        { id: 4, kind: 'preferred', preferred: 'طاشقند', variants: ['تاشكنت'] },
      ],
      SETTINGS,
    );
    assert.deepEqual(
      m.check('تاشكنت').map((p) => p.ruleId),
      [4],
    );
  });
});

describe('spelling given the dictionary', () => {
  const unknown = new Map([
    ['الرءيس', ['الرئيس']],
    ['ميرضيائيف', ['كيميائي']],
    ['وميرضيائيف', []],
    ['ذالك', []],
    ['كرزاي', []],
  ]);

  test('unknown words are spelling points; preferred forms and the newsroom dictionary are not', () => {
    const dictionary = new Set([wordKey('كرزاي')]);
    const points = proofread('قال الرءيس ميرضيائيف ووكرزاي وميرضيائيف', matcher, unknown, dictionary);
    assert.deepEqual(
      points.map((p) => [p.kind, p.text, p.suggestions[0]]),
      [['spelling', 'الرءيس', 'الرئيس']],
    );
  });

  test('a style point wins over a spelling point on the same word, house form first', () => {
    const points = proofread('ذالك', matcher, unknown, new Set());
    assert.deepEqual(
      points.map((p) => [p.kind, p.suggestions]),
      [['style', ['ذلك']]],
    );
    assert.equal(spellingPoints('ذالك', unknown, new Set()).length, 1);
  });

  test('words to ask the dictionary about: distinct, without tashkeel, Arabic only', () => {
    assert.deepEqual(wordsToSpell('الرَّئيس the الرئيس 12 «نص»'), ['الرئيس']);
  });
});

describe('rule checks with Arabic messages', () => {
  const check = (kind: 'preferred' | 'banned' | 'pattern', preferred: string, variants: string) =>
    checkRule({ kind, preferred, variants, note: '' }, RULES);

  test('a variant folding to its own preferred form is refused', () => {
    assert.match(check('banned', 'احتفال', 'إحتفال').errors?.variants ?? '', /الكتابة المعتمدة نفسها/);
  });
  test('empty and over-long rules are refused', () => {
    assert.equal(check('preferred', '', 'س').errors?.preferred, 'اكتب الكتابة المعتمدة.');
    assert.match(check('preferred', 'ب'.repeat(200), 'س').errors?.preferred ?? '', /أطول من/);
    assert.equal(check('preferred', 'طشقند', ' ، ').errors?.variants, 'اكتب صيغة أخرى واحدة على الأقل.');
  });
  test('a duplicate rule and a variant that is another rule’s preferred form are refused', () => {
    assert.match(check('preferred', 'ميرزاييف', 'ميرزيوييف').errors?.variants ?? '', /في قاعدة أخرى/);
    assert.match(check('preferred', 'ميرضيائيف', 'ميرزايف').errors?.preferred ?? '', /توجد قاعدة/);
    assert.match(
      check('preferred', 'شانغ', 'شنغهاي').errors?.variants ?? '',
      /الكتابة المعتمدة في قاعدة أخرى/,
    );
  });
  test('a pattern matching everything, or not a pattern, is refused', () => {
    assert.match(check('pattern', 'x', '.*').errors?.variants ?? '', /يطابق كل الكلمات/);
    assert.match(check('pattern', 'x', '^ال').errors?.variants ?? '', /يطابق كل الكلمات/);
    assert.match(check('pattern', 'x', '(').errors?.variants ?? '', /ليس تعبيرًا/);
    assert.ok(check('pattern', '$1ا$2', HAMZA_WASL).rule);
  });
  test('a good rule comes back cleaned, variants split by line or Arabic comma', () => {
    assert.deepEqual(check('preferred', ' طشقند ', 'تاشكنت، طاشقند\nتاشقند').rule, {
      kind: 'preferred',
      preferred: 'طشقند',
      variants: ['تاشكنت', 'طاشقند', 'تاشقند'],
      note: '',
    });
  });
  test('dictionary words: one Arabic word', () => {
    assert.deepEqual(checkDictionaryWord('كرزايْ'), { word: 'كرزاي' });
    assert.ok('error' in checkDictionaryWord('two words'));
    assert.ok('error' in checkDictionaryWord(''));
  });
});
