import type { JSONContent } from '@tiptap/core';

// The texts of an article document that proofreading checks, as the editor's plugin sees them
// (components/editor/proofreading/plugin.ts): each text block (paragraph, heading, list item's
// paragraph) on its own, quotations (blockquote) left out, and each image's caption.

export type ProofText = { part: 'body' | 'caption'; text: string };

export function proofTexts(doc: JSONContent): ProofText[] {
  const out: ProofText[] = [];
  const walk = (node: JSONContent) => {
    if (node.type === 'blockquote') return;
    if (node.type === 'image') {
      const caption = typeof node.attrs?.caption === 'string' ? node.attrs.caption : '';
      if (caption) out.push({ part: 'caption', text: caption });
      return;
    }
    if (node.type === 'paragraph' || node.type === 'heading') {
      out.push({
        part: 'body',
        text: (node.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : '\uFFFC')).join(''),
      });
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return out;
}
