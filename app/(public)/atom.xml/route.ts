import { feedResponse } from '@/lib/reader-feeds';
import { publicRoute } from '@/lib/route';

// Cached like the pages; publishing or unpublishing refreshes it (lib/reader-cache.ts).
export const dynamic = 'force-static';
export const revalidate = 300;

// The public door, without reading the request: a cached feed is the same for every reader.
export const GET = publicRoute({ sameOrigin: false }, () => feedResponse({ kind: 'site' }, 'atom'));
