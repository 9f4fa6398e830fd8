import { feedResponse } from '@/lib/reader/feeds';
import { publicRoute, slugParams } from '@/lib/http/route';

// Rendered per request (lib/reader/feeds.ts): nothing from the build; server.mjs keeps a copy.
export const dynamic = 'force-dynamic';

// The public door, without reading the request: a cached feed is the same for every reader.
export const GET = publicRoute({ sameOrigin: false, params: slugParams }, ({ params }) =>
  feedResponse({ kind: 'section', slug: params.slug }, 'atom'),
);
