import { getSchema, type JSONContent } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { isSafeHref } from '@/lib/links';
import { ARTICLE_TEXT_DIRECTION, articleSchemaExtensions } from './extensions';

// An article body is a TipTap JSON document; these helpers are the server's only way to accept
// one (stats.ts derives from it, render.ts renders it).

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
