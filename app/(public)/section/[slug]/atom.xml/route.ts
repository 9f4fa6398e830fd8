import { feedResponse } from '@/lib/reader-feeds';

// Rendered per request (lib/reader-feeds.ts): nothing from the build; server.mjs keeps a copy.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  return feedResponse({ kind: 'section', slug: (await params).slug }, 'atom');
}
