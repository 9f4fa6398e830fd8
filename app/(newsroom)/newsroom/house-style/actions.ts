'use server';

import { z } from 'zod';
import {
  addDictionaryWord,
  addHouseRule,
  changeHouseRule,
  deleteHouseRule,
  removeDictionaryWord,
} from '@/lib/newsroom/house-style';
import { newsroomAction } from '@/lib/http/action';
import { ruleInput } from '@/lib/shared/proofreading/rules';

// قواعد أسلوب التحرير's writes, each through the one door; the queries check manageHouseStyle
// inside their transaction, bump the version open editors poll and write سجل النشاط.

const id = z.object({ id: z.number().int().positive() });

export const addRuleAction = newsroomAction(ruleInput, (user, input) => addHouseRule(user, input));

export const changeRuleAction = newsroomAction(ruleInput.extend(id.shape), (user, { id: ruleId, ...input }) =>
  changeHouseRule(user, ruleId, input),
);

export const deleteRuleAction = newsroomAction(id, (user, input) => {
  deleteHouseRule(user, input.id);
  return { id: input.id };
});

export const addWordAction = newsroomAction(z.object({ word: z.string().max(200) }), (user, input) =>
  addDictionaryWord(user, input.word),
);

export const removeWordAction = newsroomAction(id, (user, input) => {
  removeDictionaryWord(user, input.id);
  return { id: input.id };
});
