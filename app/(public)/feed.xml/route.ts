import { feedResponse } from '@/lib/reader-feeds';

// Cached like the pages; publishing or unpublishing refreshes it (lib/reader-cache.ts).
export const dynamic = 'force-static';
export const revalidate = 300;

export function GET() {
  return feedResponse({ kind: 'site' }, 'rss');
}
