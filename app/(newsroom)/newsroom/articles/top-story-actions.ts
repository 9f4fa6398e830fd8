'use server';

import { z } from 'zod';
import { chooseTopStory } from '@/lib/newsroom/front-page';
import { newsroomAction } from '@/lib/http/action';

// The desk chooses the front page's top story (الخبر الرئيسي), or withdraws the choice. The
// permission (chooseTopStory) is checked inside the query's write transaction; the front page's
// copies follow from that transaction too (db/reader-cache.ts).
export const chooseTopStoryAction = newsroomAction(
  z.object({ articleId: z.number().int().positive(), chosen: z.boolean() }),
  (user, input) => {
    chooseTopStory(user, input);
    return { chosen: input.chosen };
  },
);
