// The body part of an autosave (lib/shared/validation/article-save.ts): instead of the whole document,
// the run of top-level blocks that changed since the body the server last acknowledged. Pure, so
// the save machine and its tests use it without an editor or a DOM.
import type { BodyPatch } from '@/lib/shared/validation/article-save';

type Doc = { content?: unknown[]; [key: string]: unknown };

// The acknowledged body, kept as one string per top-level block (compared, never re-parsed), and
// everything of the document but its blocks (attributes of the doc node, if any).
export type BodyBase = { hash: string; blocks: string[]; rest: string };

function split(doc: Doc): { blocks: string[]; rest: string } {
  const { content, ...rest } = doc;
  return { blocks: (content ?? []).map((block) => JSON.stringify(block)), rest: JSON.stringify(rest) };
}

export function bodyBase(body: string, hash: string): BodyBase {
  let doc: Doc;
  try {
    doc = JSON.parse(body) as Doc;
  } catch {
    doc = { type: 'doc', content: [] };
  }
  return { hash, ...split(doc) };
}

export type BodyChange = { body: string; patch?: BodyPatch; blocks: string[]; rest: string };

// What to send for `doc`: a patch when one applies and is smaller than the whole body (which is
// always computed too: it is what the journal keeps and what a refused patch falls back to).
export function bodyChange(base: BodyBase | null, doc: Doc, allowPatch: boolean): BodyChange {
  const body = JSON.stringify(doc);
  const { blocks, rest } = split(doc);
  if (!allowPatch || !base || !base.hash || base.rest !== rest) return { body, blocks, rest };
  const old = base.blocks;
  let start = 0;
  while (start < old.length && start < blocks.length && old[start] === blocks[start]) start++;
  let endOld = old.length;
  let endNew = blocks.length;
  while (endOld > start && endNew > start && old[endOld - 1] === blocks[endNew - 1]) {
    endOld--;
    endNew--;
  }
  const patch: BodyPatch = {
    baseBodyHash: base.hash,
    from: start,
    deleteCount: endOld - start,
    insert: blocks.slice(start, endNew).map((block) => JSON.parse(block) as unknown),
  };
  if (JSON.stringify(patch).length >= body.length) return { body, blocks, rest };
  return { body, patch, blocks, rest };
}

// The body the server will hold after `patch` is applied to `base` (for tests and checks).
export function applyBodyPatch(baseBody: string, patch: BodyPatch): string {
  const doc = JSON.parse(baseBody) as Doc;
  const content = [...(doc.content ?? [])];
  content.splice(patch.from, patch.deleteCount, ...patch.insert);
  return JSON.stringify({ ...doc, content });
}
