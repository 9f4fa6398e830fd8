import { feedResponse } from '@/lib/reader-feeds';

// Rendered per request (lib/reader-feeds.ts): nothing from the build; server.mjs keeps a copy.
export const dynamic = 'force-dynamic';

export function GET() {
  return feedResponse({ kind: 'site' }, 'atom');
}
