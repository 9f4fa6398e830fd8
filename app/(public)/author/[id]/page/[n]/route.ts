import { listPage } from '@/lib/reader-pages';

// Rendered per request as plain HTML (lib/reader-pages.ts): nothing from the build, nothing in
// Next's cache; server.mjs keeps a copy of the addresses the site links to.
export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string; n: string }> }) {
  const { id, n } = await params;
  return listPage('author', id, n);
}
