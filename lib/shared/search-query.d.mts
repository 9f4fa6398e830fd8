// Types of lib/shared/search-query.mjs (plain JavaScript, since server.mjs loads it untranspiled).
export declare const MAX_QUERY: 200;
export declare function searchQueryOf(params: URLSearchParams): { query: string; page: number };
