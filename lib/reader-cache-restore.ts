import { createRequire } from 'node:module';
import path from 'node:path';
import { listExpiredReaderTags } from '@/db/queries/reader-cache';

type TagState = { expired?: number; stale?: number };

// Next 16 keeps the expiry of cache tags in one in-memory map (tags-manifest.external.js), and
// its file-system cache keeps the pages themselves across restarts: a page whose tags were expired
// but that nobody requested before a restart would come back as fresh. At start-up we put the
// expiries remembered in SQLite back into that map. The module is loaded by its path at run time,
// not bundled, so that this is the very map Next's cache consults (a ".external" module is one
// instance per server process by Next's own design). Tested by e2e/reader-restart.spec.ts.
const TAGS_MANIFEST = 'next/dist/server/lib/incremental-cache/tags-manifest.external.js';

export function restoreReaderTagExpiry(): number {
  const load = createRequire(path.join(process.cwd(), 'package.json'));
  const { tagsManifest } = load(TAGS_MANIFEST) as { tagsManifest?: Map<string, TagState> };
  if (!(tagsManifest instanceof Map)) throw new Error(`${TAGS_MANIFEST} no longer exports tagsManifest`);
  let restored = 0;
  for (const { tag, expiredAt } of listExpiredReaderTags()) {
    const state = tagsManifest.get(tag) ?? {};
    if ((state.expired ?? 0) >= expiredAt) continue;
    tagsManifest.set(tag, { ...state, expired: expiredAt });
    restored++;
  }
  return restored;
}
