import { calendarFeedFor } from '@/lib/newsroom/calendar-feed';
import { publicRoute } from '@/lib/http/route';
import { ActionError } from '@/lib/shared/errors';
import { z } from '@/lib/shared/validation/zod';

// A person's private iCalendar feed (lib/newsroom/calendar-feed.ts). The address is the secret
// (calendar clients send no cookie), so the door is public; an unknown or revoked token is "not
// found", and the answer is never kept by a shared cache.
export const GET = publicRoute(
  { params: z.object({ token: z.string().max(80) }), sameOrigin: false },
  ({ params }) => {
    const text = calendarFeedFor(params.token.replace(/\.ics$/, ''));
    if (text === null) throw new ActionError('not_found');
    return new Response(text, {
      headers: {
        'Content-Type': 'text/calendar; charset=utf-8',
        'Cache-Control': 'private, no-store',
        'X-Robots-Tag': 'noindex',
      },
    });
  },
);
