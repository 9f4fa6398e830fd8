import { apiRoute } from '@/lib/http/api-route';
import { ingestWireItem, ninjsInput } from '@/lib/platform/wire';

// POST /api/v1/wire: one agency item in ninjs, with a wire-scoped key. 201 when it is new in the
// wire queue; 200 when an item with its guid was there already (updated, or unchanged).
export const POST = apiRoute(
  { operation: 'ingestWire', body: 'json', input: ninjsInput },
  (caller, { input }) => {
    const result = ingestWireItem(caller.owner, input);
    return Response.json(result, {
      status: result.outcome === 'created' ? 201 : 200,
      headers: { 'Cache-Control': 'private, no-store' },
    });
  },
);
