import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ARTICLE_STATUSES, ROLES, type ArticleStatus, type Role } from '@/db/schema';
import {
  ARTICLE_ACTIONS,
  assertCan,
  can,
  canInNewsroom,
  ForbiddenError,
  type ArticleAction,
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

describe('newsroom permissions', () => {
  test('only the desk sees the review queue and only admins manage people', () => {
    assert.deepEqual(
      ROLES.map((role) => [
        role,
        canInNewsroom({ id: 1, role }, 'viewReviewQueue'),
        canInNewsroom({ id: 1, role }, 'manageUsers'),
      ]),
      [
        ['reporter', false, false],
        ['editor', true, false],
        ['admin', true, true],
      ],
    );
  });
  test('only the desk chooses the top story', () => {
    assert.deepEqual(
      ROLES.map((role) => [role, canInNewsroom({ id: 1, role }, 'chooseTopStory')]),
      [
        ['reporter', false],
        ['editor', true],
        ['admin', true],
      ],
    );
  });
  test('everyone in the newsroom may start an article', () => {
    for (const role of ROLES) assert.equal(canInNewsroom({ id: 1, role }, 'createArticle'), true);
  });
});
