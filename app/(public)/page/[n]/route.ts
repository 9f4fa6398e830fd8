import { listPage } from '@/lib/reader/pages';
import { publicRoute } from '@/lib/http/route';

// Rendered per request as plain HTML (lib/reader/pages.ts): nothing from the build, nothing in
// Next's cache; server.mjs keeps a copy of the addresses the site links to.
export const dynamic = 'force-dynamic';

async function get(_request: Request, { params }: { params: Promise<{ n: string }> }) {
  return listPage('latest', '', (await params).n);
}

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, ({ request, params }) =>
  get(request, { params: Promise.resolve(params) } as never),
);
