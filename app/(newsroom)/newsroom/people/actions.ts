'use server';

import { randomBytes } from 'node:crypto';
import {
  addMember,
  changeRole,
  resetMemberPassword,
  setMemberDisabled,
  unlockMemberSignIn,
} from '@/lib/newsroom/people';
import { issueSignInLink } from '@/lib/auth/sign-in-links';
import { newsroomAction } from '@/lib/http/action';
import {
  addMemberInput,
  changeRoleInput,
  memberInput,
  resetPasswordInput,
  setDisabledInput,
} from '@/lib/shared/validation/people';

// الفريق's writes, each through the one door; every query checks manageUsers inside its write
// transaction and records the change in سجل النشاط.

// 16 characters from a 56-letter alphabet without look-alikes (0/O, 1/l/I): about 92 bits.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
function firstPassword(): string {
  return [...randomBytes(16)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
}

export const addMemberAction = newsroomAction(addMemberInput, async (user, input) => {
  const password = input.password || firstPassword();
  const member = await addMember(user, { ...input, password });
  // A password the server chose is shown once, on the admin's screen, never stored in clear.
  return { id: member.id, name: member.name, generatedPassword: input.password ? null : password };
});

export const changeRoleAction = newsroomAction(changeRoleInput, (user, input) => {
  changeRole(user, input.userId, input.role);
  return { userId: input.userId };
});

export const setMemberDisabledAction = newsroomAction(setDisabledInput, (user, input) => {
  setMemberDisabled(user, input.userId, input.disabled);
  return { userId: input.userId };
});

export const resetPasswordAction = newsroomAction(resetPasswordInput, async (user, input) => {
  const password = input.password || firstPassword();
  await resetMemberPassword(user, input.userId, password);
  return { userId: input.userId, generatedPassword: input.password ? null : password };
});

export const unlockSignInAction = newsroomAction(memberInput, (user, input) => {
  unlockMemberSignIn(user, input.userId);
  return { userId: input.userId };
});

// A one-time sign-in link for a member a stranger keeps locked out (lib/auth/sign-in-links.ts):
// the token is shown once, on the admin's screen, and stored only as its hash.
export const issueSignInLinkAction = newsroomAction(memberInput, (user, input) => {
  const link = issueSignInLink(user, input.userId);
  return { userId: input.userId, token: link.token, expiresAt: link.expiresAt };
});
