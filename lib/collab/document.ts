import { getSchema, type JSONContent } from '@tiptap/core';
import type { Schema } from '@tiptap/pm/model';
import {
  prosemirrorJSONToYDoc,
  prosemirrorToYXmlFragment,
  yXmlFragmentToProseMirrorRootNode,
} from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { articleSchemaExtensions } from '@/lib/document/extensions';

// The article body as a Yjs document, converted with the editor's own schema (lib/article-document)
// and the same ProseMirror ↔ Yjs binding the editor runs (@tiptap/y-tiptap, which
// @tiptap/extension-collaboration uses): a body seeded here is exactly what the editor would have
// built from the same JSON, so nothing is duplicated or reshaped when a browser joins.

// The XmlFragment @tiptap/extension-collaboration binds by default.
export const BODY_FRAGMENT = 'default';

let schema: Schema | undefined;
export function articleSchema(): Schema {
  schema ??= getSchema(articleSchemaExtensions);
  return schema;
}

// Only ever called by the collaboration server (never in a browser: two browsers seeding the same
// empty document each insert the body once, hocuspocus #509/#592/#725).
export function seededState(body: JSONContent): Uint8Array {
  return Y.encodeStateAsUpdate(prosemirrorJSONToYDoc(articleSchema(), body, BODY_FRAGMENT));
}

// The body the shared document holds now, as TipTap JSON (to be checked like any save).
export function bodyOf(doc: Y.Doc): JSONContent {
  const node = yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(BODY_FRAGMENT), articleSchema());
  return node.toJSON() as JSONContent;
}

// Puts a body stored by another path (a restore from the history, a save from an editor without
// a live connection) in place of the shared one, as ordinary Yjs edits: every browser in the
// document sees it replaced and keeps its history, so nothing is duplicated afterwards.
export function replaceBody(doc: Y.Doc, body: JSONContent, origin: unknown): void {
  const fragment = doc.getXmlFragment(BODY_FRAGMENT);
  const node = articleSchema().nodeFromJSON(body);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    prosemirrorToYXmlFragment(node, fragment);
  }, origin);
}
