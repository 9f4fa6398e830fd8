import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import {
  ARTICLES,
  countOf,
  countWords,
  defaultDateSettings,
  formatArabicDate,
  formatArabicDateTime,
  formatArabicTime,
  formatReadingTime,
  hasLoneSurrogate,
  normalizeForSearch,
  normalizeTagName,
  openingWords,
  readingTimeMinutes,
  WORDS,
  restoreParagraphBreaks,
  searchTerms,
  slugify,
  stripArabicPrefixes,
  stripBidiOverrides,
  stripDiacritics,
  toArabicIndicDigits,
  toWesternDigits,
  type DateSettings,
} from '@/lib/shared/arabic';

// Seed article sentence used throughout.
const SAMPLE =
  'في كلمة ألقاها أمام المشاركين في مؤتمر دولي شاركت فيه هياكل منظمة شنغهاي للتعاون ورابطة الدول المستقلة، أكد رئيس أوزبكستان شوكت ميرضيائيف أن أوزبكستان تنفذ بشكل متواصل استراتيجيتها الوطنية لمكافحة الإرهاب والتطرف.';

describe('digits', () => {
  test('Arabic-Indic digits become Western', () => {
    assert.equal(toWesternDigits('٤ و٥ سبتمبر ٢٠٢٤'), '4 و5 سبتمبر 2024');
    assert.equal(toWesternDigits('٠١٢٣٤٥٦٧٨٩'), '0123456789');
  });

  test('Persian (extended) digits become Western', () => {
    assert.equal(toWesternDigits('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
    assert.equal(toWesternDigits('عام ۲۰۲۴'), 'عام 2024');
  });

  test('Western digits become Arabic-Indic, other text untouched', () => {
    assert.equal(toArabicIndicDigits('4 و5 سبتمبر 2024'), '٤ و٥ سبتمبر ٢٠٢٤');
    assert.equal(toArabicIndicDigits('0123456789'), '٠١٢٣٤٥٦٧٨٩');
    assert.equal(toArabicIndicDigits('طشقند'), 'طشقند');
  });

  test('round trip', () => {
    assert.equal(toWesternDigits(toArabicIndicDigits('منظمة 2001 و2024')), 'منظمة 2001 و2024');
  });
});

describe('stripDiacritics', () => {
  test('removes tashkeel (fatha, damma, kasra, sukun, shadda, tanween)', () => {
    assert.equal(stripDiacritics('مُكافَحة الإرْهاب'), 'مكافحة الإرهاب');
    assert.equal(stripDiacritics('الاستراتيجيَّةُ'), 'الاستراتيجية');
    assert.equal(stripDiacritics('مؤتمرًا دوليًّا'), 'مؤتمرا دوليا');
  });

  test('removes superscript alef and Quranic marks', () => {
    assert.equal(stripDiacritics('هٰذا'), 'هذا');
    assert.equal(stripDiacritics('الرَّحْمٰنِ\u06D6'), 'الرحمن');
  });

  test('removes tatweel', () => {
    assert.equal(stripDiacritics('مكافـــحة'), 'مكافحة');
  });

  test('leaves letters, hamza forms and digits alone', () => {
    assert.equal(stripDiacritics('ميرضيائيف أكد 2024'), 'ميرضيائيف أكد 2024');
  });
});

describe('normalizeForSearch folding rules', () => {
  test('NFKC: presentation-form lam-alef ligatures', () => {
    assert.equal(normalizeForSearch('\uFEFB'), 'لا'); // ﻻ
    assert.equal(normalizeForSearch('\uFEF7'), 'لا'); // ﻷ → لأ → لا
  });

  test('strips diacritics and tatweel', () => {
    assert.equal(normalizeForSearch('مُكافَحة'), 'مكافحه');
    assert.equal(normalizeForSearch('طشـــقند'), 'طشقند');
  });

  test('أ إ آ ٱ fold to ا', () => {
    assert.equal(normalizeForSearch('أكد'), 'اكد');
    assert.equal(normalizeForSearch('الإرهاب'), 'الارهاب');
    assert.equal(normalizeForSearch('آسيا'), 'اسيا');
    assert.equal(normalizeForSearch('ٱلتعاون'), 'التعاون');
  });

  test('ة folds to ه', () => {
    assert.equal(normalizeForSearch('منظمة'), 'منظمه');
  });

  test('ى folds to ي', () => {
    assert.equal(normalizeForSearch('إلى'), 'الي');
    assert.equal(normalizeForSearch('مستوى'), 'مستوي');
  });

  test('ؤ folds to و', () => {
    assert.equal(normalizeForSearch('مؤتمر'), 'موتمر');
  });

  test('ئ folds to ي', () => {
    assert.equal(normalizeForSearch('ميرضيائيف'), 'ميرضياييف');
    assert.equal(normalizeForSearch('رئيس'), 'رييس');
  });

  test('lone hamza ء is dropped', () => {
    assert.equal(normalizeForSearch('أعضاء'), 'اعضا');
    assert.equal(normalizeForSearch('شيء'), 'شي');
  });

  test('Arabic-Indic and Persian digits become Western', () => {
    assert.equal(normalizeForSearch('٤ و٥ سبتمبر'), '4 و5 سبتمبر');
    assert.equal(normalizeForSearch('۲۰۲۴'), '2024');
  });

  test('Latin is lowercased', () => {
    assert.equal(normalizeForSearch('SCO Tashkent'), 'sco tashkent');
  });

  test('Arabic and typographic punctuation become spaces', () => {
    assert.equal(normalizeForSearch('الدول المستقلة، أكد'), 'الدول المستقله اكد');
    assert.equal(normalizeForSearch('لماذا؟نعم؛لا'), 'لماذا نعم لا');
    assert.equal(normalizeForSearch('«طشقند»'), 'طشقند');
    assert.equal(normalizeForSearch('“الشرق-مكافحة-الإرهاب-2024″'), 'الشرق مكافحه الارهاب 2024');
  });

  test('whitespace collapsed and trimmed, invisible marks removed', () => {
    assert.equal(normalizeForSearch('  منظمة \t\n  شنغهاي  '), 'منظمه شنغهاي');
    assert.equal(normalizeForSearch('شنغ\u200Cهاي\u200F'), 'شنغهاي');
  });

  test('letters of other scripts are kept', () => {
    assert.equal(normalizeForSearch('Ташкент Café'), 'ташкент café');
  });

  test('full sample sentence', () => {
    assert.equal(
      normalizeForSearch(SAMPLE),
      'في كلمه القاها امام المشاركين في موتمر دولي شاركت فيه هياكل منظمه شنغهاي للتعاون ورابطه الدول المستقله اكد رييس اوزبكستان شوكت ميرضياييف ان اوزبكستان تنفذ بشكل متواصل استراتيجيتها الوطنيه لمكافحه الارهاب والتطرف',
    );
  });

  test('empty and punctuation-only input', () => {
    assert.equal(normalizeForSearch(''), '');
    assert.equal(normalizeForSearch(' ، ؛ ؟ … '), '');
  });
});

describe('stripArabicPrefixes', () => {
  test('conjunction / preposition / article clusters all reduce to the stem', () => {
    for (const word of ['وبالمدينة', 'فالمدينة', 'بالمدينة', 'للمدينة', 'كالمدينة', 'والمدينة', 'المدينة']) {
      assert.equal(stripArabicPrefixes(normalizeForSearch(word)), 'مدينه', word);
    }
  });

  test('words from the sample', () => {
    assert.equal(stripArabicPrefixes('للتعاون'), 'تعاون');
    assert.equal(stripArabicPrefixes('لمكافحه'), 'مكافحه');
    assert.equal(stripArabicPrefixes('الاستراتيجيه'), 'استراتيجيه');
    assert.equal(stripArabicPrefixes('والتطرف'), 'تطرف');
    assert.equal(stripArabicPrefixes('بشكل'), 'شكل');
  });

  test('short words are protected (at least 3 letters must remain)', () => {
    assert.equal(stripArabicPrefixes('ولد'), 'ولد');
    assert.equal(stripArabicPrefixes('بيت'), 'بيت');
    assert.equal(stripArabicPrefixes('وطن'), 'وطن');
    assert.equal(stripArabicPrefixes('الله'), 'الله');
    assert.equal(stripArabicPrefixes('ال'), 'ال');
    assert.equal(stripArabicPrefixes('في'), 'في');
  });

  test('prefixed forms match the bare word even when it starts with a clitic letter', () => {
    for (const word of ['فلسطين', 'وزير', 'طشقند', 'مكافحة', 'بوتين']) {
      const bare = stripArabicPrefixes(normalizeForSearch(word));
      for (const prefix of ['و', 'ف', 'ب', 'ل', 'ك', 'ال', 'وال', 'بال', 'وب', 'ول']) {
        assert.equal(stripArabicPrefixes(normalizeForSearch(prefix + word)), bare, prefix + word);
      }
    }
  });

  test('Latin and digit tokens are untouched', () => {
    assert.equal(stripArabicPrefixes('ball'), 'ball');
    assert.equal(stripArabicPrefixes('wall'), 'wall');
    assert.equal(stripArabicPrefixes('2024'), '2024');
  });

  test('empty token', () => {
    assert.equal(stripArabicPrefixes(''), '');
  });
});

describe('searchTerms', () => {
  test('terms of a tag-like phrase', () => {
    assert.deepEqual(searchTerms('منظمة شنغهاي للتعاون'), ['منظمه', 'شنغهاي', 'تعاون']);
    assert.deepEqual(searchTerms('مكافحة الإرهاب'), ['مكافحه', 'ارهاب']);
  });

  test('query typed without hamza matches original text', () => {
    assert.deepEqual(searchTerms('ميرضيائيف'), searchTerms('ميرضياييف'));
    assert.deepEqual(searchTerms('الإرهاب'), searchTerms('الارهاب'));
    assert.deepEqual(searchTerms('مؤتمر'), searchTerms('موتمر'));
  });

  test('query typed with ه for ة matches original text', () => {
    assert.deepEqual(searchTerms('الاستراتيجية الوطنية'), searchTerms('الاستراتيجيه الوطنيه'));
  });

  test('query with or without prefixes matches original text', () => {
    assert.deepEqual(searchTerms('لمكافحة الإرهاب'), searchTerms('مكافحة ارهاب'));
    assert.deepEqual(searchTerms('وطشقند'), searchTerms('طشقند'));
    assert.deepEqual(searchTerms('بالاستراتيجية'), searchTerms('استراتيجيه'));
  });

  test('every query term is found in the indexed sample', () => {
    const indexed = new Set(searchTerms(SAMPLE));
    for (const query of [
      'ميرضياييف',
      'مكافحه الارهاب',
      'منظمة شنغهاي للتعاون',
      'المؤتمر',
      'اوزبكستان',
      'التعاون',
    ]) {
      for (const term of searchTerms(query)) assert.ok(indexed.has(term), `${query} → ${term}`);
    }
    assert.ok(!indexed.has(searchTerms('طشقند')[0] ?? ''), 'طشقند is not in the sentence');
  });

  test('digits and Latin', () => {
    assert.deepEqual(searchTerms('٤ و٥ سبتمبر SCO'), ['4', 'و5', 'سبتمبر', 'sco']);
  });

  test('punctuation-only input gives no terms', () => {
    assert.deepEqual(searchTerms('، ؛ ؟ « »'), []);
  });
});

describe('normalizeTagName', () => {
  test('spelling variants share one key', () => {
    const key = normalizeTagName('مكافحة الإرهاب');
    assert.equal(key, 'مكافحه الارهاب');
    assert.equal(normalizeTagName('مكافحه الارهاب'), key);
    assert.equal(normalizeTagName('مُكافَحة الإرْهاب'), key);
    assert.equal(normalizeTagName('مكافـــحة الإرهاب'), key);
    assert.equal(normalizeTagName('  مكافحة   الإرهاب '), key);
  });

  test('does not strip prefixes (the article is part of the tag)', () => {
    assert.equal(normalizeTagName('منظمة شنغهاي للتعاون'), 'منظمه شنغهاي للتعاون');
    assert.notEqual(normalizeTagName('طشقند'), normalizeTagName('وطشقند'));
  });
});

describe('countWords', () => {
  test('sample sentence', () => {
    assert.equal(countWords(SAMPLE), 32);
  });

  test('mixed Arabic / Latin / numbers', () => {
    // التقى, Putin, مع, Xi, في, 2024, لبحث, 3.5, مليار, دولار
    assert.equal(countWords('التقى Putin مع Xi في 2024 لبحث 3.5 مليار دولار.'), 10);
  });

  test('punctuation is not a word; empty text is 0', () => {
    assert.equal(countWords('، ؛ ؟ « » — ...'), 0);
    assert.equal(countWords(''), 0);
  });
});

describe('reading time', () => {
  test('minutes', () => {
    assert.equal(readingTimeMinutes(0), 0);
    assert.equal(readingTimeMinutes(1), 1);
    assert.equal(readingTimeMinutes(180), 1);
    assert.equal(readingTimeMinutes(181), 2);
    assert.equal(readingTimeMinutes(900), 5);
    assert.equal(readingTimeMinutes(200, 100), 2);
    assert.equal(readingTimeMinutes(-5), 0);
  });

  test('invalid words-per-minute throws', () => {
    assert.throws(() => readingTimeMinutes(100, 0), RangeError);
  });

  test('Arabic wording', () => {
    assert.equal(formatReadingTime(1), 'دقيقة واحدة');
    assert.equal(formatReadingTime(2), 'دقيقتان');
    assert.equal(formatReadingTime(3), '3 دقائق');
    assert.equal(formatReadingTime(10), '10 دقائق');
    assert.equal(formatReadingTime(11), '11 دقيقة');
    assert.equal(formatReadingTime(25), '25 دقيقة');
    assert.equal(formatReadingTime(100), '100 دقيقة');
    assert.equal(formatReadingTime(103), '103 دقائق');
    assert.equal(formatReadingTime(0), 'أقل من دقيقة');
  });

  test('Arabic-Indic digits on request', () => {
    assert.equal(formatReadingTime(5, 'arab'), '٥ دقائق');
    assert.equal(formatReadingTime(12, 'arab'), '١٢ دقيقة');
  });

  test('sample article end to end', () => {
    assert.equal(formatReadingTime(readingTimeMinutes(countWords(SAMPLE))), 'دقيقة واحدة');
  });
});

describe('slugify', () => {
  test('keeps Arabic words and hamza forms', () => {
    assert.equal(slugify('ميرضيائيف يدعو إلى تعزيز التعاون'), 'ميرضيائيف-يدعو-إلى-تعزيز-التعاون');
  });

  test('mixed Latin, digits lowercased / Westernised', () => {
    assert.equal(slugify('Putin يلتقي Xi في 2024'), 'putin-يلتقي-xi-في-2024');
    assert.equal(slugify('طشقند تستضيف مؤتمرا يومي ٤ و٥ سبتمبر'), 'طشقند-تستضيف-مؤتمرا-يومي-4-و5-سبتمبر');
  });

  test('quotes, punctuation, diacritics and tatweel', () => {
    assert.equal(slugify('“الشرق-مكافحة-الإرهاب-2024″'), 'الشرق-مكافحة-الإرهاب-2024');
    assert.equal(
      slugify('مُكافَحة الإرهـــاب: «الاستراتيجية» الوطنية!'),
      'مكافحة-الإرهاب-الاستراتيجية-الوطنية',
    );
  });

  test('punctuation-only or empty gives ""', () => {
    assert.equal(slugify('، ؛ ؟ « » !!!'), '');
    assert.equal(slugify(''), '');
  });

  test('max length cuts at a dash', () => {
    const headline = 'ميرضيائيف يدعو إلى تعزيز التعاون';
    assert.equal(slugify(headline, 20), 'ميرضيائيف-يدعو-إلى');
    assert.equal(slugify(headline, 18), 'ميرضيائيف-يدعو-إلى');
    assert.equal(slugify(headline, 19), 'ميرضيائيف-يدعو-إلى');
    assert.equal(slugify(headline, 17), 'ميرضيائيف-يدعو');
  });

  test('single over-long word is hard cut', () => {
    assert.equal(slugify('الاستراتيجية', 5), 'الاست');
  });

  test('never ends (or starts) with a dash, never exceeds maxLength', () => {
    const slugFull = slugify(SAMPLE, 10_000);
    for (let max = 1; max <= 100; max += 1) {
      const s = slugify(SAMPLE, max);
      assert.ok(!s.endsWith('-') && !s.startsWith('-'), `max=${max}: ${s}`);
      assert.ok(Array.from(s).length <= max, `max=${max}: ${s}`);
      assert.ok(slugFull.startsWith(s), `max=${max}: ${s}`);
    }
    assert.equal(Array.from(slugify(SAMPLE)).length <= 80, true);
  });
});

describe('dates', () => {
  const date = new Date('2024-09-05T00:00:00+03:00');

  test('default settings: Gregorian, Western digits, Riyadh time', () => {
    const formatted = formatArabicDate(date);
    assert.match(formatted, /سبتمبر/);
    assert.match(formatted, /2024/);
    assert.match(formatted, /\b5\b/);
    assert.equal(formatArabicTime(date), '00:00');
    const both = formatArabicDateTime(date);
    assert.ok(both.includes(formatted) && both.endsWith('00:00'), both);
  });

  test('explicit default settings equal the implicit ones', () => {
    assert.equal(formatArabicDate(date, defaultDateSettings), formatArabicDate(date));
    assert.deepEqual(defaultDateSettings, { calendar: 'gregory', digits: 'latn', timeZone: 'Asia/Riyadh' });
  });

  test('Arabic-Indic digits', () => {
    const settings: DateSettings = { ...defaultDateSettings, digits: 'arab' };
    const formatted = formatArabicDate(date, settings);
    assert.match(formatted, /٢٠٢٤/);
    assert.match(formatted, /سبتمبر/);
    assert.doesNotMatch(formatted, /[0-9]/);
    assert.equal(formatArabicTime(date, settings), '٠٠:٠٠');
  });

  test('Umm al-Qura calendar', () => {
    const latn: DateSettings = { ...defaultDateSettings, calendar: 'islamic-umalqura' };
    assert.match(formatArabicDate(date, latn), /1446/);
    assert.match(formatArabicDate(date, latn), /ربيع الأول/);
    assert.match(formatArabicDate(date, { ...latn, digits: 'arab' }), /١٤٤٦/);
  });

  test('time zone is applied', () => {
    const utc: DateSettings = { ...defaultDateSettings, timeZone: 'UTC' };
    assert.equal(formatArabicTime(date, utc), '21:00');
    assert.match(formatArabicDate(date, utc), /\b4\b/);
  });

  test('24-hour clock in the afternoon', () => {
    assert.equal(formatArabicTime(new Date('2024-09-05T13:07:00+03:00')), '13:07');
  });

  test('invalid date throws', () => {
    assert.throws(() => formatArabicDate(new Date('nope')), RangeError);
  });
});

describe('restoreParagraphBreaks', () => {
  test('sample: glued sentences become two paragraphs', () => {
    assert.deepEqual(
      restoreParagraphBreaks(
        'أولوية لضمان السلام والاستقرار في المنطقة.وتستضيف طشقند يومي 4 و5 سبتمبر مؤتمرا دوليا.',
      ),
      ['أولوية لضمان السلام والاستقرار في المنطقة.', 'وتستضيف طشقند يومي 4 و5 سبتمبر مؤتمرا دوليا.'],
    );
  });

  test('closing quote before the full stop', () => {
    assert.deepEqual(restoreParagraphBreaks('وفق الاتفاقيات الخاصة”.وأكد الخطاب أهمية التعاون.'), [
      'وفق الاتفاقيات الخاصة”.',
      'وأكد الخطاب أهمية التعاون.',
    ]);
  });

  test('closing quotes after the full stop stay with the first paragraph', () => {
    assert.deepEqual(restoreParagraphBreaks('وفق الاتفاقيات الخاصة.”وأكد الخطاب'), [
      'وفق الاتفاقيات الخاصة.”',
      'وأكد الخطاب',
    ]);
    assert.deepEqual(restoreParagraphBreaks('“الشرق-مكافحة-الإرهاب-2024.″وتستضيف طشقند'), [
      '“الشرق-مكافحة-الإرهاب-2024.″',
      'وتستضيف طشقند',
    ]);
    assert.deepEqual(restoreParagraphBreaks('قال «نعم.»ثم غادر'), ['قال «نعم.»', 'ثم غادر']);
  });

  test('question and exclamation marks', () => {
    assert.deepEqual(restoreParagraphBreaks('هل ينجح المؤتمر؟وتستضيف طشقند'), [
      'هل ينجح المؤتمر؟',
      'وتستضيف طشقند',
    ]);
    assert.deepEqual(restoreParagraphBreaks('إنجاز كبير!وأكد'), ['إنجاز كبير!', 'وأكد']);
  });

  test('existing newlines split, paragraphs trimmed, empties dropped', () => {
    assert.deepEqual(restoreParagraphBreaks('  الفقرة الأولى  \n\n\r\n   \nالفقرة الثانية.وثالثة\n'), [
      'الفقرة الأولى',
      'الفقرة الثانية.',
      'وثالثة',
    ]);
    assert.deepEqual(restoreParagraphBreaks(' \n \n'), []);
  });

  test('numbers, domains and Latin abbreviations are not broken', () => {
    assert.deepEqual(restoreParagraphBreaks('3.5 مليون'), ['3.5 مليون']);
    assert.deepEqual(restoreParagraphBreaks('موقع example.com اليوم'), ['موقع example.com اليوم']);
    assert.deepEqual(restoreParagraphBreaks('U.S. و'), ['U.S. و']);
    assert.deepEqual(restoreParagraphBreaks('U.S.والصين'), ['U.S.والصين']);
    assert.deepEqual(restoreParagraphBreaks('راجع www.example.com/أخبار.اليوم'), [
      'راجع www.example.com/أخبار.اليوم',
    ]);
  });

  test('an ellipsis glued to the next word is a pause, not a paragraph end', () => {
    assert.deepEqual(restoreParagraphBreaks('وقال...ثم أضاف'), ['وقال...ثم أضاف']);
  });

  test('a space after the full stop is a normal sentence, not a new paragraph', () => {
    assert.deepEqual(restoreParagraphBreaks('في المنطقة. وتستضيف طشقند'), ['في المنطقة. وتستضيف طشقند']);
  });

  test('the full seed sentence stays one paragraph', () => {
    assert.deepEqual(restoreParagraphBreaks(SAMPLE), [SAMPLE]);
  });
});

describe('countWords agrees with the browser', () => {
  test('a full stop or colon between letters is a word break, as in Chromium; in a number it is not', () => {
    // قال د محمد إن U S A ليست x org
    assert.equal(countWords('قال د.محمد إن U.S.A. ليست x.org'), 10);
    assert.equal(countWords('النسبة 3.5 في المئة وليس ٣٫٥'), 6);
    assert.equal(countWords('الساعة:الثانية'), 2);
    assert.equal(countWords('Putin’s'), 1);
  });
});

describe('countWords on long text', () => {
  test('counts a long article in pieces exactly as in one piece, without a word cut in two', () => {
    const paragraph =
      'في كلمة ألقاها أمام المشاركين في مؤتمر دولي شاركت فيه هياكل منظمة شنغهاي للتعاون، أكد رئيس أوزبكستان أن 3.5 مليون شخص في Tashkent. ';
    const long = paragraph.repeat(400);
    assert.equal(countWords(long), countWords(paragraph) * 400);
    // A single "word" longer than a piece is still one word.
    assert.equal(countWords(`${'ب'.repeat(5000)} ${'ت'.repeat(3000)}`), 2);
  });
});

describe('openingWords', () => {
  test('cuts the seed sentence at a whole word within the limit, with an ellipsis', () => {
    const opening = openingWords(SAMPLE, 80);
    assert.ok(opening.length <= 80, opening);
    assert.ok(opening.endsWith('…'));
    const words = opening.slice(0, -1).split(' ');
    // Every word is whole: each is a word of the sentence, in order from its start.
    assert.deepEqual(words, SAMPLE.split(' ').slice(0, words.length));
  });

  test('a short text is kept whole, its whitespace collapsed; the comma before a cut goes', () => {
    assert.equal(openingWords('  خبر\n\nقصير  '), 'خبر قصير');
    assert.equal(openingWords('في طشقند اليوم، أكد الرئيس أن التعاون مستمر', 18), 'في طشقند اليوم…');
  });

  test('one endless word is cut at the limit rather than dropped', () => {
    const long = 'ا'.repeat(500);
    assert.equal(openingWords(long, 20), `${'ا'.repeat(19)}…`);
  });
});

describe('stripBidiOverrides', () => {
  test('removes embeddings and overrides, so "evil" cannot be shown as "live" in a headline', () => {
    assert.equal(stripBidiOverrides('تحذير: \u202Elive\u202C في العنوان'), 'تحذير: live في العنوان');
    assert.equal(stripBidiOverrides('\u202Aأ\u202Bب\u202Cج\u202Dد\u202Eه'), 'أبجده');
  });
  test('keeps the isolates, marks, ZWJ and ZWNJ that Arabic typing needs', () => {
    const kept =
      'قال \u2067Putin\u2069 و\u2066Xi\u2069 \u2068٢٠٢٤\u2069 \u200Fنعم\u200E \u061C- لا\u200Cبل \u0644\u200D';
    assert.equal(stripBidiOverrides(kept), kept);
  });
  test('leaves ordinary Arabic untouched, diacritics and tatweel included', () => {
    const text = 'وَتَسْتَضِيفُ طشقـــند القمة يومي 4 و5 سبتمبر 2024م.';
    assert.equal(stripBidiOverrides(text), text);
  });
});

describe('hasLoneSurrogate', () => {
  test('finds half a pair anywhere, at the start, the end or between Arabic letters', () => {
    assert.equal(hasLoneSurrogate('عنوان \uD83D'), true);
    assert.equal(hasLoneSurrogate('\uDE00 عنوان'), true);
    assert.equal(hasLoneSurrogate('مر\uD800حبا'), true);
    assert.equal(hasLoneSurrogate('\uDE00\uD83D'), true);
  });
  test('whole pairs (emoji, rare CJK) and plain Arabic are well formed', () => {
    assert.equal(hasLoneSurrogate('مبروك 🎉 للفريق'), false);
    assert.equal(hasLoneSurrogate('𠀀 عربي'), false);
    assert.equal(hasLoneSurrogate(''), false);
  });
});

describe('counts of articles and words agree with the number (Intl.PluralRules("ar"))', () => {
  const numbers = [0, 1, 2, 3, 10, 11, 27, 100, 103, 111];
  test('كل المقالات: «5 مقالات», «27 مقالاً», «100 مقال»', () => {
    assert.deepEqual(
      numbers.map((n) => countOf(n, ARTICLES)),
      [
        'لا مقالات',
        'مقال واحد',
        'مقالان',
        '3 مقالات',
        '10 مقالات',
        '11 مقالاً',
        '27 مقالاً',
        '100 مقال',
        '103 مقالات',
        '111 مقالاً',
      ],
    );
  });
  test('an article written from a story: «5 كلمات», «250 كلمة»', () => {
    assert.deepEqual(
      numbers.map((n) => countOf(n, WORDS)),
      [
        'لا كلمات',
        'كلمة واحدة',
        'كلمتان',
        '3 كلمات',
        '10 كلمات',
        '11 كلمة',
        '27 كلمة',
        '100 كلمة',
        '103 كلمات',
        '111 كلمة',
      ],
    );
  });
});
