import type { Node as PMNode } from '@tiptap/pm/model';
import { countWords } from '@/lib/shared/arabic';

// What is derived from a body: its plain text (search, previews) and its word count. The editor's
// live count and the count stored at every save (the article lists show it) are this one
// function on the same text, so the two always agree.

// The text of one block as a reader reads it. A hard line break (Shift+Enter) separates the words
// on either side of it: ProseMirror's textContent would run them together ("سطرسطر").
export function blockText(block: PMNode): string {
  return block.textBetween(0, block.content.size, undefined, '\n');
}

// Plain text with a blank line between blocks: feeds search, previews and the revision history.
export function documentToPlainText(node: PMNode): string {
  return node.textBetween(0, node.content.size, '\n\n', '\n').trim();
}

// Intl.Segmenter costs about 20 µs a word, so a 20,000-word article would take a long task on
// every count; remembering each block's count by its text segments only what changed (an
// autosave or a keystroke changes one or two paragraphs).
const CACHE_LIMIT = 20_000;

export type WordCounter = (doc: PMNode) => number;

export function createWordCounter(): WordCounter {
  const counts = new Map<string, number>();
  return (doc) => {
    let total = 0;
    doc.descendants((node) => {
      if (!node.isTextblock) return true;
      const text = blockText(node);
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

// The server's counter: one per process, its cache shared by every save.
const serverWordCount = createWordCounter();

export function documentStats(node: PMNode): { text: string; wordCount: number } {
  return { text: documentToPlainText(node), wordCount: serverWordCount(node) };
}
