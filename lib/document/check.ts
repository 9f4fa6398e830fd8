import { getSchema, type JSONContent } from '@tiptap/core';
import type { Node as PMNode, Schema } from '@tiptap/pm/model';
import { hasLoneSurrogate, stripBidiOverrides } from '@/lib/shared/arabic';
import { isSafeHref } from '@/lib/shared/links';
import { COMMENT_MARK, isThreadId } from './comment-mark';
import { ARTICLE_TEXT_DIRECTION, articleSchemaExtensions } from './extensions';

// An article body is a TipTap JSON document; these helpers are the server's only way to accept
// one (stats.ts derives from it, render.ts renders it). Every refusal is an Arabic sentence the
// editor shows next to the body.

// The serialized document, in characters (a 5,000-word article is about 200,000).
export const MAX_DOCUMENT_CHARS = 2_000_000;
// How deep nodes may sit: the doc is depth 0, its blocks 1, their text 2, and each list inside a
// list item adds two. ProseMirror, the static renderer and the editor all recurse over the tree;
// bench/nesting-depth.ts measures what each survives: the schema check and the renderer about
// 1,000 nested lists (less inside the server's deeper call stack: the issue saw 700 fail), the
// editor in Chromium 28 (0.4 s to open and type at 28, over 20 s at 29 or more). 12 leaves more
// than twice that margin, and is more nesting than any article needs.
export const MAX_BODY_DEPTH = 26;
export const MAX_NESTED_LISTS = (MAX_BODY_DEPTH - 2) / 2;
export const MAX_BODY_IMAGES = 100;

export const DOCUMENT_MESSAGES = {
  tooLong: `نص المقال أطول من الحد المسموح (${MAX_DOCUMENT_CHARS.toLocaleString('ar')} حرف في صيغته المحفوظة)؛ قسّمه إلى أكثر من مقال.`,
  notJson: 'نص المقال وصل تالفاً (ليس JSON صالحاً) ولم يُحفظ.',
  notObject: 'نص المقال وصل تالفاً (ليس وثيقة) ولم يُحفظ.',
  notDoc: 'نص المقال وصل تالفاً (لا يبدأ بعقدة doc) ولم يُحفظ.',
  tooDeep: `نص المقال متداخل أعمق من المسموح: القوائم والاقتباسات داخل بعضها حتى ${MAX_NESTED_LISTS} مستوى.`,
  tooManyImages: `في نص المقال أكثر من ${MAX_BODY_IMAGES} صورة؛ الحد ${MAX_BODY_IMAGES} صورة في المقال الواحد.`,
  loneSurrogate: 'في نص المقال رمز تالف (نصف محرف لا يُعرض)؛ احذف آخر ما لصقته وأعد لصقه من مصدره.',
  schema: 'نص المقال فيه ما لا يعرفه المحرر ولم يُحفظ.',
  direction: 'اتجاه نص غير صالح: المسموح ltr وrtl وauto فقط',
  link: 'رابط غير مسموح: الروابط المقبولة http وhttps وmailto فقط',
} as const;

const TEXT_DIRECTIONS = new Set(['ltr', 'rtl', 'auto']);

let schema: Schema | undefined;
function articleSchema(): Schema {
  schema ??= getSchema(articleSchemaExtensions);
  return schema;
}

export const EMPTY_DOCUMENT: JSONContent = { type: 'doc', content: [{ type: 'paragraph' }] };

export type DocumentCheck = { ok: true; node: PMNode; json: JSONContent } | { ok: false; reason: string };
export type DocumentLimits = { maxDepth?: number };

// The editor sends its document as a JSON string: smaller to carry than a React-serialized tree,
// and ProseMirror's attribute objects (no prototype) do not survive that serialization anyway.
export function parseArticleDocument(serialized: string, limits?: DocumentLimits): DocumentCheck {
  if (serialized.length > MAX_DOCUMENT_CHARS) return { ok: false, reason: DOCUMENT_MESSAGES.tooLong };
  let input: unknown;
  try {
    input = JSON.parse(serialized);
  } catch {
    return { ok: false, reason: DOCUMENT_MESSAGES.notJson };
  }
  return checkArticleDocument(input, limits);
}

// Checks a parsed document and cleans its text in place (bidi overrides removed from every
// string: text, captions, alternative text, credits); returns the schema's own copy of it.
export function checkArticleDocument(input: unknown, limits: DocumentLimits = {}): DocumentCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, reason: DOCUMENT_MESSAGES.notObject };
  }
  if ((input as { type?: unknown }).type !== 'doc') return { ok: false, reason: DOCUMENT_MESSAGES.notDoc };
  // Before ProseMirror sees it: its recursive nodeFromJSON would overflow the stack on a
  // document thousands of levels deep, and that must be a message, not a crash.
  const walked = inspectAndClean(input, limits.maxDepth ?? MAX_BODY_DEPTH);
  if (walked) return { ok: false, reason: walked };
  let node: PMNode;
  try {
    node = articleSchema().nodeFromJSON(input);
    // check() enforces the schema's content expressions and attribute rules.
    node.check();
  } catch {
    return { ok: false, reason: DOCUMENT_MESSAGES.schema };
  }
  let problem: string | null = null;
  const badDirection = (dir: unknown) => dir != null && !TEXT_DIRECTIONS.has(String(dir));
  if (badDirection(node.attrs.dir)) problem = DOCUMENT_MESSAGES.direction;
  node.descendants((child) => {
    // The schema accepts any value for `dir`; readers' HTML must only ever carry these.
    if (badDirection(child.attrs.dir)) problem = DOCUMENT_MESSAGES.direction;
    for (const mark of child.marks) {
      if (mark.type.name === 'link' && !isSafeHref(String(mark.attrs.href ?? ''))) {
        problem = DOCUMENT_MESSAGES.link;
      }
      // A comment anchor names a thread by its row id and nothing else.
      if (mark.type.name === COMMENT_MARK && !isThreadId(mark.attrs.id)) problem = DOCUMENT_MESSAGES.schema;
    }
    return problem === null;
  });
  if (problem !== null) return { ok: false, reason: problem };
  // Round-trip through the schema so unknown attributes never reach the database.
  return { ok: true, node, json: node.toJSON() as JSONContent };
}

// One pass over the raw JSON, with its own stack instead of recursion: node depth (through
// `content`), any JSON nesting (attributes and marks are objects too), images counted, every
// string cleaned of bidi overrides, half surrogate pairs refused.
function inspectAndClean(root: object, maxDepth: number): string | null {
  // A node's children sit two JSON levels below it (node → content array → child); marks and
  // attributes add a few more. Anything deeper than that is not a document the editor wrote.
  const maxJsonDepth = 2 * maxDepth + 8;
  let images = 0;
  const stack: Array<{ value: object; depth: number; jsonDepth: number }> = [
    { value: root, depth: 0, jsonDepth: 0 },
  ];
  while (stack.length > 0) {
    const { value, depth, jsonDepth } = stack.pop()!;
    if (depth > maxDepth || jsonDepth > maxJsonDepth) return DOCUMENT_MESSAGES.tooDeep;
    const isNode = !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
    if (isNode && (value as { type: string }).type === 'image' && ++images > MAX_BODY_IMAGES) {
      return DOCUMENT_MESSAGES.tooManyImages;
    }
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof child === 'string') {
        if (hasLoneSurrogate(child)) return DOCUMENT_MESSAGES.loneSurrogate;
        const clean = stripBidiOverrides(child);
        if (clean !== child) (value as Record<string | number, unknown>)[key] = clean;
      } else if (typeof child === 'object' && child !== null) {
        // Children in a node's `content` are one node level down.
        const down = isNode && key === 'content' ? 1 : 0;
        stack.push({ value: child, depth: depth + down, jsonDepth: jsonDepth + 1 });
      }
    }
  }
  return null;
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
