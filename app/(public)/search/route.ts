import { searchPage } from '@/lib/reader-pages';

// Reads the query: rendered per request, never cached (server.mjs passes query strings to Next).
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return searchPage(new URL(request.url));
}
