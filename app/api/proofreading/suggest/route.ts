import { z } from 'zod';
import { arabicWord, suggestionsFor } from '@/lib/newsroom/spelling';
import { newsroomRoute } from '@/lib/http/route';

// GET /api/proofreading/suggest?word=…: Hunspell's suggestions, asked when the menu opens (an
// Arabic suggestion can take 300 ms: never for every word while typing).
export const GET = newsroomRoute({ input: z.object({ word: arabicWord }) }, async (_user, { input }) =>
  Response.json(
    { suggestions: await suggestionsFor(input.word) },
    { headers: { 'Cache-Control': 'private, max-age=3600' } },
  ),
);
