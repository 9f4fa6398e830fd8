// What a search address (/search?q=…&page=…) asks for, read in one place: by the search page
// (lib/reader/pages.ts searchPage), which writes its answer from these two values only, and by the
// route kinds table (lib/http/route-kinds.mjs), which keys the front copy's kept answers by them,
// so every address that gets the same page shares one copy. Plain JavaScript: server.mjs loads it
// untranspiled (types in search-query.d.mts).

// Long enough for any real query; the rest of a pasted essay is ignored, not an error.
export const MAX_QUERY = 200;

/**
 * The query (at most MAX_QUERY characters, trimmed) and the page (1 unless a plain page number).
 * @param {URLSearchParams} params
 * @returns {{ query: string; page: number }}
 */
export function searchQueryOf(params) {
  const pageParam = params.get('page') ?? '';
  return {
    query: (params.get('q') ?? '').slice(0, MAX_QUERY).trim(),
    page: /^[1-9][0-9]{0,5}$/.test(pageParam) ? Number(pageParam) : 1,
  };
}
