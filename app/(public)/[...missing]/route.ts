import { notFoundResponse } from '@/lib/reader/templates';
import { publicRoute } from '@/lib/http/route';

// Any address no other route answers: the reader's Arabic 404, as plain HTML like every reader
// page, and never cached (a made-up address must not leave anything behind).
export const dynamic = 'force-dynamic';

function get() {
  return notFoundResponse();
}

// Through the readers' door (lib/http/route.ts), which here reads nothing of the request itself.
export const GET = publicRoute({ sameOrigin: false }, () => get());
