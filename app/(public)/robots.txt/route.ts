import { renderRobots } from '@/lib/reader/feed-xml';
import { publicRoute } from '@/lib/http/route';

// Rendered per request: the site URL is the one the server was started with.
export const dynamic = 'force-dynamic';

function get() {
  return new Response(renderRobots(), {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=0, s-maxage=60, stale-while-revalidate=60',
    },
  });
}

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, () => get());
