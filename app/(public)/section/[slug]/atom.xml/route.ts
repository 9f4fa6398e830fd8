import { feedResponse } from '@/lib/reader-feeds';
import { publicRoute, slugParams } from '@/lib/route';

// Cached like the pages; publishing or unpublishing refreshes it (lib/reader-cache.ts).
export const dynamic = 'force-static';
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

// The public door, without reading the request: a cached feed is the same for every reader.
export const GET = publicRoute({ sameOrigin: false, params: slugParams }, ({ params }) =>
  feedResponse({ kind: 'section', slug: params.slug }, 'atom'),
);
