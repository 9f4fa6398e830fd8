import { getSchema, type JSONContent } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { renderToHTMLString } from '@tiptap/static-renderer/pm/html-string';
import {
  ARTICLE_TEXT_DIRECTION,
  articleExtensions,
  articleSchemaExtensions,
} from '@/components/editor/extensions';
import { countWords } from '@/lib/arabic';
import { isSafeHref } from '@/lib/links';

// An article body is a TipTap JSON document; these helpers are the server's only way to accept,
// derive from and render one.

export const MAX_DOCUMENT_BYTES = 2_000_000;
const TEXT_DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);

let schema: Schema | undefined;
function articleSchema(): Schema {
  schema ??= getSchema(articleSchemaExtensions);
  return schema;
}

export const EMPTY_DOCUMENT: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }] };

export type DocumentCheck = { ok: true; node: PMNode; json: JSONContent } | { ok: false; reason: string };

// The editor sends its document as a JSON string: smaller to carry than a React-serialized tree,
// and ProseMirror's attribute objects (no prototype) do not survive that serialization anyway.
export function parseArticleDocument(serialized: string): DocumentCheck {
  if (serialized.length > MAX_DOCUMENT_BYTES) return { ok: false, reason: 'نص المقال أكبر من الحد المسموح' };
  let input: unknown;
  try {
    input = JSON.parse(serialized);
  } catch {
    return { ok: false, reason: 'الوثيقة ليست JSON صالحاً' };
  }
  return checkArticleDocument(input);
}

export function checkArticleDocument(input: unknown): DocumentCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: 'الوثيقة ليست كائناً' };
  }
  if ((input as { type?: unknown }).type !== 'doc') return { ok: false, reason: 'الوثيقة لا تبدأ بعقدة doc' };
  let node: PMNode;
  try {
    node = articleSchema().nodeFromJSON(input);
    // check() enforces the schema's content expressions and attribute rules.
    node.check();
  } catch {
    return { ok: false, reason: 'الوثيقة لا تطابق مخطط المحرر' };
  }
  let problem: string | null = null;
  const badDirection = (dir: unknown) => dir != null && !TEXT_DIRECTIONS.has(String(dir));
  if (badDirection(node.attrs.dir)) problem = 'اتجاه نص غير صالح: المسموح ltr وrtl وauto فقط';
  node.descendants((child) => {
    // The schema accepts any value for `dir`; readers' HTML must only ever carry these.
    if (badDirection(child.attrs.dir)) {
      problem = 'اتجاه نص غير صالح: المسموح ltr وrtl وauto فقط';
    }
    for (const mark of child.marks) {
      if (mark.type.name === 'link' && !isSafeHref(String(mark.attrs.href ?? ''))) {
        problem = 'رابط غير مسموح: الروابط المقبولة http وhttps وmailto فقط';
      }
    }
    return problem === null;
  });
  if (problem !== null) return { ok: false, reason: problem };
  // Round-trip through the schema so unknown attributes never reach the database.
  return { ok: true, node, json: node.toJSON() as JSONContent };
}

// Plain text with a blank line between blocks: feeds search, word count and previews.
export function documentToPlainText(node: PMNode): string {
  return node.textBetween(0, node.content.size, '\n\n', '\n').trim();
}

// Intl.Segmenter costs about 20 µs a word here, and an autosave changes one or two paragraphs,
// so counts are remembered per paragraph text: a 5,000-word save segments only what changed.
const BLOCK_COUNT_CACHE_LIMIT = 20_000;
const blockCounts = new Map<string, number>();

function blockWordCount(text: string): number {
  const known = blockCounts.get(text);
  if (known !== undefined) return known;
  const count = countWords(text);
  if (blockCounts.size >= BLOCK_COUNT_CACHE_LIMIT) blockCounts.delete(blockCounts.keys().next().value!);
  blockCounts.set(text, count);
  return count;
}

export function documentStats(node: PMNode): { text: string; wordCount: number } {
  let wordCount = 0;
  node.descendants((child) => {
    if (!child.isTextblock) return true;
    wordCount += blockWordCount(child.textContent);
    return false;
  });
  return { text: documentToPlainText(node), wordCount };
}

export function renderArticleHtml(json: JSONContent): string {
  return renderToHTMLString({
    content: json,
    extensions: articleExtensions,
    staticEditorOptions: { textDirection: ARTICLE_TEXT_DIRECTION },
  });
}

export function paragraphsToDocument(paragraphs: string[]): JSONContent {
  return {
    type: 'doc',
    content: paragraphs.map((text) => ({
      type: 'paragraph',
      attrs: { dir: ARTICLE_TEXT_DIRECTION },
      content: text ? [{ type: 'text', text }] : undefined,
    })),
  };
}
