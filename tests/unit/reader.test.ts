import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { searchTerms } from '@/lib/shared/arabic';
import { escapeXml } from '@/lib/reader/feed-xml';
import { isKnownBot } from '@/lib/reader/visitors';

// Pure reader helpers: how a reader's spelling meets the indexed text, XML escaping, visitors.

const sameTerms = (a: string, b: string) => assert.deepEqual(searchTerms(a), searchTerms(b), `${a} ≠ ${b}`);

describe('search spellings readers type', () => {
  test('hamza forms of alef fold: الإرهاب، الارهاب، أمن، امن، آسيا، اسيا، ٱلسلام', () => {
    sameTerms('الإرهاب', 'الارهاب');
    sameTerms('أمن', 'امن');
    sameTerms('آسيا', 'اسيا');
    sameTerms('ٱلسلام', 'السلام');
    sameTerms('إقليمي', 'اقليمي');
  });

  test('taa marbuta and haa: مكافحة / مكافحه, منظمة / منظمه', () => {
    sameTerms('مكافحة', 'مكافحه');
    sameTerms('منظمة شنغهاي', 'منظمه شنغهاي');
  });

  test('alef maqsura and yaa: مصطفى / مصطفي, إلى / الي', () => {
    sameTerms('مصطفى', 'مصطفي');
    sameTerms('إلى', 'الي');
  });

  test('diacritics and tatweel do not matter: مُكَافَحَةُ، مكـــافحة', () => {
    sameTerms('مُكَافَحَةُ الإِرْهَابِ', 'مكافحة الارهاب');
    sameTerms('مكـــافحة', 'مكافحة');
  });

  test('Arabic-Indic digits equal Western ones: ٢٠٢٤ / 2024, ۱۴۴۶ / 1446', () => {
    sameTerms('٢٠٢٤', '2024');
    sameTerms('۱۴۴۶', '1446');
  });

  test('attached و ف ب ل ك and ال do not stop a match', () => {
    for (const form of ['والمدينة', 'فالمدينة', 'بالمدينة', 'للمدينة', 'كالمدينة', 'المدينة', 'مدينة']) {
      sameTerms(form, 'مدينة');
    }
    sameTerms('لمكافحة', 'مكافحة');
    sameTerms('وطشقند', 'طشقند');
    sameTerms('والأمن', 'أمن');
  });

  test('distinct words stay distinct', () => {
    assert.notDeepEqual(searchTerms('سلام'), searchTerms('اسلام'));
    assert.notDeepEqual(searchTerms('طشقند'), searchTerms('سمرقند'));
  });
});

describe('escapeXml', () => {
  test('escapes markup and quotes, keeps Arabic', () => {
    assert.equal(
      escapeXml(`<b>"سلام" & 'أمن'</b>`),
      '&lt;b&gt;&quot;سلام&quot; &amp; &apos;أمن&apos;&lt;/b&gt;',
    );
  });
  test('drops control characters XML cannot carry', () => {
    assert.equal(escapeXml('طشقند\u0000\u0008\u000B-\t\n'), 'طشقند-\t\n');
  });
});

describe('visitors', () => {
  test('known bots and scripts are not readers; browsers are', () => {
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
      'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
      'facebookexternalhit/1.1',
      'TelegramBot (like TwitterBot)',
      'WhatsApp/2.23.20.0',
      'curl/8.5.0',
      '',
      null,
    ]) {
      assert.equal(isKnownBot(ua), true, String(ua));
    }
    for (const ua of [
      'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    ]) {
      assert.equal(isKnownBot(ua), false, ua);
    }
  });
});
