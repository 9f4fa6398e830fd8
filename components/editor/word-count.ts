import type { Node as PMNode } from '@tiptap/pm/model';
import { countWords } from '@/lib/arabic';

// Intl.Segmenter costs about 20 µs a word, so a 20,000-word article would take a long task on
// every count; remembering each paragraph's count by its text segments only what changed.
const CACHE_LIMIT = 20_000;

export function createWordCounter(): (doc: PMNode) => number {
  const counts = new Map<string, number>();
  return (doc) => {
    let total = 0;
    doc.descendants((node) => {
      if (!node.isTextblock) return true;
      const text = node.textContent;
      let count = counts.get(text);
      if (count === undefined) {
        count = countWords(text);
        if (counts.size >= CACHE_LIMIT) counts.delete(counts.keys().next().value!);
        counts.set(text, count);
      }
      total += count;
      return false;
    });
    return total;
  };
}
