import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTICLE_STATUSES, ROLES, type ArticleStatus, type Role } from '@/db/schema';
import {
  ARTICLE_ACTIONS,
  assertCan,
  assertCanInNewsroom,
  can,
  canResolveThread,
  canInNewsroom,
  ForbiddenError,
  NEWSROOM_ACTIONS,
  NEWSROOM_PERMISSIONS,
  NEXT_STATUS,
  type ArticleActionAny as ArticleAction,
  type NewsroomAction,
} from '@/lib/shared/permissions';

// The expected table, written out independently of lib/shared/permissions.ts: for each role and action,
// the states in which it is allowed on one's own article and on someone else's.
const S = (...states: ArticleStatus[]) => states;
const ALL = S(...ARTICLE_STATUSES);
const DESK_EDIT = S(
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'unpublished',
);
const NONE = S();
const desk: Record<ArticleAction, ArticleStatus[]> = {
  view: ALL,
  edit: DESK_EDIT,
  submit: S('draft', 'changes_requested'),
  withdraw: S('in_review'),
  requestChanges: S('in_review', 'approved', 'scheduled'),
  approve: S('in_review'),
  schedule: S('approved', 'scheduled'),
  unschedule: S('scheduled'),
  publish: S('approved', 'scheduled', 'published', 'unpublished'),
  unpublish: S('published'),
  embargo: S('approved', 'scheduled', 'published'),
  archive: S('draft', 'changes_requested', 'approved', 'unpublished'),
  delete: S('draft'),
  addNote: ALL,
  comment: ALL,
  resolveComment: ALL,
};
// The desk withdraws only what it sent itself; someone else's piece gets "request changes".
const deskOther: Record<ArticleAction, ArticleStatus[]> = { ...desk, withdraw: NONE };
const nothing = Object.fromEntries(ARTICLE_ACTIONS.map((a) => [a, NONE])) as Record<
  ArticleAction,
  ArticleStatus[]
>;
const expected: Record<
  Role,
  { own: Record<ArticleAction, ArticleStatus[]>; other: Record<ArticleAction, ArticleStatus[]> }
> = {
  reporter: {
    own: {
      ...nothing,
      view: ALL,
      edit: S('draft', 'changes_requested'),
      submit: S('draft', 'changes_requested'),
      withdraw: S('in_review'),
      delete: S('draft'),
      addNote: ALL,
      comment: ALL,
    },
    other: nothing,
  },
  editor: { own: desk, other: deskOther },
  admin: { own: desk, other: deskOther },
};

describe('article permissions, every cell', () => {
  for (const role of ROLES) {
    for (const action of ARTICLE_ACTIONS) {
      for (const status of ARTICLE_STATUSES) {
        for (const whose of ['own', 'other'] as const) {
          const allowed = expected[role][whose][action].includes(status);
          test(`${role} ${allowed ? 'may' : 'may not'} ${action} ${whose} article when ${status}`, () => {
            const actor = { id: 7, role };
            const article = { authorId: whose === 'own' ? 7 : 8, status };
            assert.equal(can(actor, action, article), allowed);
            if (allowed) assert.doesNotThrow(() => assertCan(actor, action, article));
            else assert.throws(() => assertCan(actor, action, article), ForbiddenError);
          });
        }
      }
    }
  }
});

describe('the table has a rule for every action', () => {
  test('the expected table names exactly the actions of lib/shared/permissions.ts', () => {
    for (const role of ROLES)
      for (const whose of ['own', 'other'] as const)
        assert.deepEqual(Object.keys(expected[role][whose]).sort(), [...ARTICLE_ACTIONS].sort());
  });
  test('every workflow action but delete and notes leads somewhere', () => {
    for (const action of ARTICLE_ACTIONS) {
      const moves = !['view', 'edit', 'embargo', 'delete', 'addNote', 'comment', 'resolveComment'].includes(
        action,
      );
      assert.equal(NEXT_STATUS[action] !== undefined, moves, action);
    }
  });
});

// Every cell of the newsroom table, written out independently of lib/shared/permissions.ts.
const newsroomExpected: Record<Role, Record<NewsroomAction, boolean>> = {
  reporter: {
    createArticle: true,
    viewReviewQueue: false,
    viewEveryArticle: false,
    viewActivityLog: false,
    manageUsers: false,
    moderateComments: false,
    manageCommentSettings: false,
    chooseTopStory: false,
    manageHouseStyle: false,
    addToDictionary: true,
    manageIntegrations: false,
  },
  editor: {
    createArticle: true,
    viewReviewQueue: true,
    viewEveryArticle: true,
    viewActivityLog: false,
    manageUsers: false,
    moderateComments: true,
    manageCommentSettings: false,
    chooseTopStory: true,
    manageHouseStyle: true,
    addToDictionary: true,
    manageIntegrations: false,
  },
  admin: {
    createArticle: true,
    viewReviewQueue: true,
    viewEveryArticle: true,
    viewActivityLog: true,
    manageUsers: true,
    moderateComments: true,
    manageCommentSettings: true,
    chooseTopStory: true,
    manageHouseStyle: true,
    addToDictionary: true,
    manageIntegrations: true,
  },
};

describe('newsroom permissions, every cell', () => {
  for (const role of ROLES) {
    for (const action of NEWSROOM_ACTIONS) {
      const allowed = newsroomExpected[role][action];
      test(`${role} ${allowed ? 'may' : 'may not'} ${action}`, () => {
        const actor = { id: 1, role };
        assert.equal(canInNewsroom(actor, action), allowed);
        if (allowed) assert.doesNotThrow(() => assertCanInNewsroom(actor, action));
        else assert.throws(() => assertCanInNewsroom(actor, action), ForbiddenError);
      });
    }
  }
  test('the table has no cell the test does not list', () => {
    for (const role of ROLES)
      assert.deepEqual(Object.keys(NEWSROOM_PERMISSIONS[role]).sort(), [...NEWSROOM_ACTIONS].sort());
  });
});

// Resolving a comment thread on the text: every role × whose article × whose thread × state.
describe('resolving a comment thread, every cell', () => {
  for (const role of ROLES) {
    for (const article of ['own', 'other'] as const) {
      for (const thread of ['mine', 'theirs'] as const) {
        for (const status of ARTICLE_STATUSES) {
          // The desk resolves any thread; a reporter only their own, on their own article.
          const allowed = role !== 'reporter' || (article === 'own' && thread === 'mine');
          test(`${role} ${allowed ? 'may' : 'may not'} resolve ${thread} thread on ${article} article when ${status}`, () => {
            const actor = { id: 7, role };
            const ref = { authorId: article === 'own' ? 7 : 8, status };
            assert.equal(canResolveThread(actor, ref, { authorId: thread === 'mine' ? 7 : 9 }), allowed);
          });
        }
      }
    }
  }
});
