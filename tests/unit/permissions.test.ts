import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTICLE_STATUSES, ROLES, type ArticleStatus, type Role } from '@/db/schema';
import {
  ARTICLE_ACTIONS,
  assertCan,
  assertCanInNewsroom,
  can,
  canInNewsroom,
  ForbiddenError,
  NEWSROOM_ACTIONS,
  NEWSROOM_PERMISSIONS,
  type ArticleAction,
  type NewsroomAction,
} from '@/lib/permissions';

// The expected table, written out independently of lib/permissions.ts: for each role and action,
// the states in which it is allowed on one's own article and on someone else's.
const S = (...states: ArticleStatus[]) => states;
const ALL = S(...ARTICLE_STATUSES);
const DESK_EDIT = S('draft', 'in_review', 'changes_requested', 'approved', 'published', 'unpublished');
const desk: Record<ArticleAction, ArticleStatus[]> = {
  view: ALL,
  edit: DESK_EDIT,
  submit: S('draft', 'changes_requested'),
  requestChanges: S('in_review', 'approved'),
  approve: S('in_review'),
  publish: S('approved', 'published', 'unpublished'),
  unpublish: S('published'),
};
const expected: Record<
  Role,
  { own: Record<ArticleAction, ArticleStatus[]>; other: Record<ArticleAction, ArticleStatus[]> }
> = {
  reporter: {
    own: {
      view: ALL,
      edit: S('draft', 'changes_requested'),
      submit: S('draft', 'changes_requested'),
      requestChanges: [],
      approve: [],
      publish: [],
      unpublish: [],
    },
    other: { view: [], edit: [], submit: [], requestChanges: [], approve: [], publish: [], unpublish: [] },
  },
  editor: { own: desk, other: desk },
  admin: { own: desk, other: desk },
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

// Every cell of the newsroom table, written out independently of lib/permissions.ts.
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
