'use server';

import { changeOwnPassword } from '@/lib/newsroom/people';
import { newsroomAction } from '@/lib/http/action';
import { changeOwnPasswordInput } from '@/lib/shared/validation/people';

// A member replaces the first password an admin gave them (or their own), through the one door.
// The one write open to a member who must still change their password (lib/http/action.ts).
export const changeOwnPasswordAction = newsroomAction(
  changeOwnPasswordInput,
  async (user, input) => {
    await changeOwnPassword(user, input.current, input.password);
    return { changed: true };
  },
  { beforePasswordChange: true },
);
