import 'server-only';
import { currentReaderGeneration } from '@/db/reader-cache';
import { searchPublished, toMatchExpression, type SearchResults } from '@/lib/reader/search';

// Search results, kept for a few seconds per normalised query in this process. Under load the
// same few queries arrive many times a second, and each one is an FTS5 count and a ranked page
// read by a reader request that holds one of server.mjs's reader slots; with 200 readers beside 15
// autosaving journalists on one process, that reader work stretched autosaves to a p95 of 2.4 s.
//
// - The key is the FTS5 expression (lib/arabic's folded terms) and the page, so "الأمم" and
//   "الامم" share one entry; the page's HTML (with what the reader typed in it) is written per
//   spelling. In server.mjs the front copy keeps that page per spelling (q and page as the page
//   reads them, lib/shared/search-query.mjs) in front of this, so this cache serves the spellings
//   it has not seen yet and servers without the copy.
// - Small and bounded (LRU of SEARCH_CACHE.entries), and short-lived (SEARCH_CACHE.ttlMs).
// - Publishing or unpublishing anything bumps the reader cache generation (db/reader-cache.ts,
//   in the same transaction); a generation other than the one an entry was read at empties the
//   cache, so a published article is found on the very next search, in every worker.
export const SEARCH_CACHE = { entries: 256, ttlMs: 5_000 } as const;

type Entry = { results: SearchResults; expires: number };

const entries = new Map<string, Entry>(); // in order of last use: the first is evicted first
let generation = -1;

export function cachedSearch(query: string, page: number, now = Date.now()): SearchResults {
  const expression = toMatchExpression(query);
  // Nothing searchable: no query to run (searchPublished answers at once).
  if (!expression) return searchPublished(query, page);
  const current = currentReaderGeneration();
  if (current !== generation) {
    entries.clear();
    generation = current;
  }
  const key = `${page}\u0000${expression}`;
  const hit = entries.get(key);
  if (hit && hit.expires > now) {
    entries.delete(key);
    entries.set(key, hit);
    return hit.results;
  }
  const results = searchPublished(query, page);
  entries.delete(key);
  entries.set(key, { results, expires: now + SEARCH_CACHE.ttlMs });
  while (entries.size > SEARCH_CACHE.entries) entries.delete(entries.keys().next().value!);
  return results;
}

// For tests: how many entries are held.
export function searchCacheSize(): number {
  return entries.size;
}
