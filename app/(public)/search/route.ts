import { searchPage } from '@/lib/reader/pages';
import { publicRoute } from '@/lib/http/route';

// Reads the query: rendered per request, never cached (server.mjs passes query strings to Next).
export const dynamic = 'force-dynamic';

function get(request: Request) {
  return searchPage(new URL(request.url));
}

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, ({ request }) => get(request));
