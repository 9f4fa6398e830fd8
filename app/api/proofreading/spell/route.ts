import { z } from 'zod';
import { arabicWord, SPELL_WORDS_MAX, unknownWords } from '@/lib/newsroom/spelling';
import { newsroomRoute } from '@/lib/http/route';

// POST /api/proofreading/spell {words}: which of these words Hunspell does not know. The editor
// sends only words it has not asked about before, a few hundred at most at a time.
export const POST = newsroomRoute(
  {
    body: 'json',
    input: z.object({ words: z.array(arabicWord).max(SPELL_WORDS_MAX) }),
  },
  async (_user, { input }) => ({ unknown: await unknownWords(input.words) }),
);
