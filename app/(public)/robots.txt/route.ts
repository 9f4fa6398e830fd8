import { renderRobots } from '@/lib/feeds';

// Rendered per request: the site URL is the one the server was started with.
export const dynamic = 'force-dynamic';

export function GET() {
  return new Response(renderRobots(), {
    headers: {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=0, s-maxage=60, stale-while-revalidate=60',
    },
  });
}
