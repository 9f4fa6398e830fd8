import { notFoundResponse } from '@/lib/reader-html';

// Any address no other route answers: the reader's Arabic 404, as plain HTML like every reader
// page, and never cached (a made-up address must not leave anything behind).
export const dynamic = 'force-dynamic';

export function GET() {
  return notFoundResponse();
}
