import { z } from 'zod';
import { addDictionaryWord } from '@/lib/newsroom/house-style';
import { newsroomRoute } from '@/lib/http/route';

// POST /api/proofreading/dictionary {word}: أضف إلى القاموس, for the whole newsroom (the query
// checks addToDictionary in its transaction and writes سجل النشاط).
export const POST = newsroomRoute(
  { body: 'json', input: z.object({ word: z.string().max(200) }) },
  (user, { input }) => addDictionaryWord(user, input.word),
);
