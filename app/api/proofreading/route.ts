import { z } from 'zod';
import { currentHouseStyle, houseStyleVersionOf } from '@/lib/newsroom/house-style';
import { newsroomRoute } from '@/lib/http/route';

// GET /api/proofreading?known=<version>: the house style every open editor checks with (rules,
// the newsroom dictionary, the digits and punctuation settings). Editors poll it every 30 s with
// the version they hold and get only the version back while nothing changed: a rule added on
// قواعد أسلوب التحرير reaches every open editor within a minute, with no rebuild.
export const GET = newsroomRoute(
  { input: z.object({ known: z.coerce.number().int().min(0).optional() }) },
  (_user, { input }) => {
    const version = houseStyleVersionOf();
    const body = input.known === version ? { version, unchanged: true } : currentHouseStyle();
    return Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  },
);
