import type { JSONContent } from '@tiptap/core';
import { stripDiacritics } from '@/lib/shared/arabic';
import { proofTexts } from '@/lib/document/proof-texts';
import {
  buildMatcher,
  proofread,
  wordKey,
  wordsToSpell,
  type ProofPoint,
} from '@/lib/shared/proofreading/matcher';
import { currentHouseStyle, type HouseStyle } from '@/lib/newsroom/house-style';
import { unknownWords } from '@/lib/newsroom/spelling';

// Proofreading on the server, with the editor's own matcher and the same Hunspell: the archive
// script (npm run proofread), the corpus test and the benchmark.

export type ArticleTexts = { headline: string; deck: string; leadCaption?: string; body: JSONContent };
export type PartPoint = ProofPoint & { part: string };

export type ServerChecker = {
  style: HouseStyle;
  check(article: ArticleTexts): Promise<PartPoint[]>;
  checkText(text: string): Promise<ProofPoint[]>;
};

export function serverChecker(style: HouseStyle = currentHouseStyle()): ServerChecker {
  const matcher = buildMatcher(style.rules, style.settings);
  const dictionary = new Set(style.words.map(wordKey));
  const known = new Map<string, boolean>();

  async function learn(texts: string[]): Promise<void> {
    const words = [...new Set(texts.flatMap(wordsToSpell))].filter((w) => !known.has(w));
    for (let i = 0; i < words.length; i += 2000) {
      const batch = words.slice(i, i + 2000);
      const bad = new Set(await unknownWords(batch));
      for (const w of batch) known.set(w, !bad.has(w));
    }
  }
  const unknown = { get: (w: string) => (known.get(stripDiacritics(w)) === false ? [] : undefined) };

  return {
    style,
    async checkText(text) {
      await learn([text]);
      return proofread(text, matcher, unknown, dictionary);
    },
    async check(article) {
      const parts: { part: string; text: string }[] = [
        { part: 'العنوان', text: article.headline },
        { part: 'العنوان الفرعي', text: article.deck },
        { part: 'تعليق الصورة الرئيسية', text: article.leadCaption ?? '' },
        ...proofTexts(article.body).map((t) => ({
          part: t.part === 'body' ? 'النص' : 'تعليق صورة',
          text: t.text,
        })),
      ].filter((p) => p.text);
      await learn(parts.map((p) => p.text));
      return parts.flatMap((p) =>
        proofread(p.text, matcher, unknown, dictionary).map((point) => ({ ...point, part: p.part })),
      );
    },
  };
}
