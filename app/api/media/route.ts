import { z } from 'zod';
import { listRecentMedia, RECENT_MEDIA_DEFAULT, RECENT_MEDIA_MAX } from '@/lib/newsroom/media-library';
import { newsroomRoute } from '@/lib/http/route';

// GET /api/media?limit=…: the newsroom's recent uploads, newest first, for reuse.
export const GET = newsroomRoute(
  { input: z.object({ limit: z.coerce.number().int().min(1).max(RECENT_MEDIA_MAX).optional() }) },
  (user, { input }) => ({ media: listRecentMedia(user, input.limit ?? RECENT_MEDIA_DEFAULT) }),
);
