// The three-way merge of an article body by top-level block (issue 17): what a save made on an
// older body (collaboration off, the autosave fallback, offline work sent later) does to the body
// stored since. Each side's changes against the base are found by aligning block sequences with
// `diff` (diffArrays, the library the revision history already uses); changes to different blocks
// are both kept, and only a block (or run of blocks) changed differently on both sides is a
// conflict, reported as that run: their blocks and mine. Pure, so the server's save
// (lib/newsroom/save.ts) and the editor (components/editor/save-machine.ts) run the same merge.
//
// A block is a top-level node of the document (a paragraph, a heading, a whole list, a quote, an
// image): two people editing different items of one list edit the same block.
import { diffArrays } from 'diff';

// A short, fast key of a block's JSON (cyrb53: 53 bits, as 14 hex digits). Keys are compared, never
// trusted: a save may only name the body it was edited from, and what it writes is still its own.
export function blockKey(json: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < json.length; i++) {
    const ch = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

export function blockKeysOf(blocks: readonly unknown[]): string[] {
  return blocks.map((block) => blockKey(JSON.stringify(block)));
}

export type BlockConflict<T> = { theirs: T[]; mine: T[] };
export type MergePart<T> = { ok: T[] } | { conflict: BlockConflict<T> };
export type BlockMerge<T> = { parts: MergePart<T>[]; conflicts: BlockConflict<T>[] };
export type MergeChoice = 'theirs' | 'mine' | 'both';

// One side's change: base blocks [start, end) replaced by `insert`.
type Hunk<T> = { side: 'mine' | 'theirs'; start: number; end: number; insert: T[]; keys: string[] };
type Side<T> = { hunks: Hunk<T>[]; kept: number[]; blocks: T[]; keys: string[] };

function changesOf<T>(side: Hunk<T>['side'], base: readonly string[], blocks: T[], keys: string[]): Side<T> {
  const kept = new Array<number>(base.length).fill(-1);
  const hunks: Hunk<T>[] = [];
  let b = 0;
  let s = 0;
  let open: Hunk<T> | null = null;
  for (const change of diffArrays([...base], keys)) {
    const count = change.count ?? change.value.length;
    if (!change.added && !change.removed) {
      open = null;
      for (let k = 0; k < count; k++) kept[b + k] = s + k;
      b += count;
      s += count;
      continue;
    }
    if (!open) {
      open = { side, start: b, end: b, insert: [], keys: [] };
      hunks.push(open);
    }
    if (change.removed) {
      b += count;
      open.end = b;
    } else {
      open.insert.push(...blocks.slice(s, s + count));
      open.keys.push(...keys.slice(s, s + count));
      s += count;
    }
  }
  // A run of k blocks replaced by k blocks is k edits, one block each: editing two neighbouring
  // paragraphs must not make a conflict of both when the other side changed only one of them.
  const split = hunks.flatMap((hunk) =>
    hunk.end - hunk.start === hunk.insert.length && hunk.insert.length > 1
      ? hunk.insert.map((block, i) => ({
          side,
          start: hunk.start + i,
          end: hunk.start + i + 1,
          insert: [block],
          keys: [hunk.keys[i]!],
        }))
      : [hunk],
  );
  return { hunks: split, kept, blocks, keys };
}

// The side's version of base blocks [start, end), given its hunks inside that range.
function versionOf<T>(side: Side<T>, hunks: Hunk<T>[], start: number, end: number): T[] {
  const out: T[] = [];
  let i = start;
  for (const hunk of hunks) {
    for (; i < hunk.start; i++) out.push(side.blocks[side.kept[i]!]!);
    out.push(...hunk.insert);
    i = hunk.end;
  }
  for (; i < end; i++) out.push(side.blocks[side.kept[i]!]!);
  return out;
}

// Base keys a side deleted and put back elsewhere: a move.
function movedKeys<T>(side: Side<T>, base: readonly string[]): Set<string> {
  const inserted = new Set(side.hunks.flatMap((h) => h.keys));
  const moved = new Set<string>();
  for (const hunk of side.hunks) {
    for (let i = hunk.start; i < hunk.end; i++) if (inserted.has(base[i]!)) moved.add(base[i]!);
  }
  return moved;
}

// `base` is the keys of the blocks both sides started from; `mine` and `theirs` are the blocks now.
// Changes to different blocks are both applied; a block changed the same way on both sides is
// applied once; two insertions at the same place are both kept (theirs first: it was stored first);
// a block moved by one side and edited by the other is moved with the edit. Anything else that
// touches the same base blocks on both sides is a conflict of exactly those blocks.
export function mergeBlocks<T>(base: readonly string[], mine: T[], theirs: T[]): BlockMerge<T> {
  const m = changesOf('mine', base, mine, blockKeysOf(mine));
  const t = changesOf('theirs', base, theirs, blockKeysOf(theirs));
  const movedByMine = movedKeys(m, base);
  const movedByTheirs = movedKeys(t, base);

  // Hunks that touch the same base blocks, or insert at the same place, form one group.
  const all = [...m.hunks, ...t.hunks].sort((a, b) => a.start - b.start || a.end - b.end);
  const groups: { start: number; end: number; hunks: Hunk<T>[] }[] = [];
  for (const hunk of all) {
    const last = groups.at(-1);
    const samePoint = last && last.start === last.end && hunk.start === hunk.end && hunk.start === last.start;
    if (last && (hunk.start < last.end || samePoint)) {
      last.end = Math.max(last.end, hunk.end);
      last.hunks.push(hunk);
    } else {
      groups.push({ start: hunk.start, end: hunk.end, hunks: [hunk] });
    }
  }

  const parts: MergePart<T>[] = [];
  const conflicts: BlockConflict<T>[] = [];
  // A moved block that the other side edited in place: the edited block goes where it was moved.
  const replaced = new Map<string, T>();
  // A block both sides moved, to different places: theirs (stored first) decides where.
  const skipMine = new Set([...movedByMine].filter((key) => movedByTheirs.has(key)));
  const ok = (blocks: T[]) => {
    const last = parts.at(-1);
    if (last && 'ok' in last) last.ok.push(...blocks);
    else parts.push({ ok: [...blocks] });
  };
  let cursor = 0;
  for (const group of groups) {
    ok(versionOf(t, [], cursor, group.start));
    cursor = group.end;
    const mineHunks = group.hunks.filter((h) => h.side === 'mine');
    const theirHunks = group.hunks.filter((h) => h.side === 'theirs');
    if (!theirHunks.length) {
      const version = versionOf(m, mineHunks, group.start, group.end);
      ok(version.filter((_, i) => !skipMine.has(blockKeysOf([version[i]])[0]!)));
      continue;
    }
    const theirVersion = versionOf(t, theirHunks, group.start, group.end);
    if (!mineHunks.length) {
      ok(theirVersion);
      continue;
    }
    const myVersion = versionOf(m, mineHunks, group.start, group.end);
    const theirKeys = blockKeysOf(theirVersion);
    const myKeys = blockKeysOf(myVersion);
    if (theirKeys.join() === myKeys.join()) {
      ok(theirVersion);
    } else if (group.start === group.end) {
      // Both added blocks here: both kept, a block both added only once.
      const theirSet = new Set(theirKeys);
      ok([...theirVersion, ...myVersion.filter((_, i) => !theirSet.has(myKeys[i]!))]);
    } else if (group.end - group.start === 1 && moveAndEdit(base[group.start]!, myVersion, theirVersion)) {
      const key = base[group.start]!;
      if (myVersion.length === 0 && movedByMine.has(key)) replaced.set(key, theirVersion[0]!);
      else replaced.set(key, myVersion[0]!);
    } else {
      const conflict = { theirs: theirVersion, mine: myVersion };
      conflicts.push(conflict);
      parts.push({ conflict });
    }
  }
  ok(versionOf(t, [], cursor, base.length));

  if (replaced.size) {
    for (const part of parts) {
      if ('ok' in part) part.ok = part.ok.map((block) => replaced.get(blockKeysOf([block])[0]!) ?? block);
    }
  }
  return { parts: parts.filter((p) => !('ok' in p) || p.ok.length > 0), conflicts };

  // One side took the block away from here and put it back elsewhere; the other edited it in place.
  function moveAndEdit(key: string, myVersion: T[], theirVersion: T[]): boolean {
    if (myVersion.length === 0 && theirVersion.length === 1) return movedByMine.has(key);
    if (theirVersion.length === 0 && myVersion.length === 1) return movedByTheirs.has(key);
    return false;
  }
}

// The blocks once every conflict is settled one way: theirs, mine, or mine followed by theirs
// (their text kept after mine, to be combined by hand).
export function resolveMerge<T>(merge: BlockMerge<T>, choice: MergeChoice): T[] {
  return merge.parts.flatMap((part) => {
    if ('ok' in part) return part.ok;
    if (choice === 'theirs') return part.conflict.theirs;
    if (choice === 'mine') return part.conflict.mine;
    return [...part.conflict.mine, ...part.conflict.theirs];
  });
}

// The run of top-level blocks that differs between two bodies (each block as its JSON): the first
// `start` and the last `end` blocks are the same in both; null when the bodies are equal. A body
// from elsewhere then replaces only that run, so carets and undo elsewhere stay (the editor's
// adoptBody, the collaboration server's mergeStoredBody).
export function differingRun(
  now: readonly string[],
  next: readonly string[],
): { start: number; end: number } | null {
  let start = 0;
  while (start < now.length && start < next.length && now[start] === next[start]) start++;
  if (start === now.length && start === next.length) return null;
  let end = 0;
  while (
    end < now.length - start &&
    end < next.length - start &&
    now[now.length - 1 - end] === next[next.length - 1 - end]
  )
    end++;
  return { start, end };
}
