import { feedResponse } from '@/lib/reader-feeds';

// Cached like the pages; publishing or unpublishing refreshes it (lib/reader-cache.ts).
export const dynamic = 'force-static';
export const revalidate = 300;
export const dynamicParams = true;
export function generateStaticParams(): { slug: string }[] {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse({ kind: 'section', slug: (await params).slug }, 'rss');
}
