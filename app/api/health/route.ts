import { currentReaderGeneration } from '@/db/reader-cache';
import { publicRoute } from '@/lib/http/route';

// For a load balancer's or Varnish's probe (deploy/varnish/newsroom.vcl): 200 when this instance
// answers and reads its database, 503 otherwise, never cached. In the newsroom's line
// (lib/http/route-kinds.mjs), so a queue of readers does not make a healthy instance look sick.
export const dynamic = 'force-dynamic';

export const GET = publicRoute({}, () => {
  const headers = { 'Cache-Control': 'no-store' };
  try {
    return Response.json({ status: 'ok', generation: currentReaderGeneration() }, { headers });
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503, headers });
  }
});
