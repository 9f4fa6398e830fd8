// What a shared cache in front (a CDN, Varnish) may do with a reader page: keep it a minute, and
// serve the old copy for a minute more while it fetches the new one, so an unpublished article
// leaves such a cache within two minutes, never a day, even without a purge. With a purge, by the
// Surrogate-Key names proxy.ts puts on every reader answer (lib/http/route-kinds.mjs), it leaves at
// once. Inside the server, the front copy (lib/server/front-copy.mjs) and the search cache are
// emptied by the reader cache generation (db/reader-cache.ts), bumped once in the
// transaction of every change to what readers may see.
export const ARTICLE_CACHE_CONTROL = 'public, max-age=0, s-maxage=60, stale-while-revalidate=60';
