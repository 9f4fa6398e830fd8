import { ARTICLE_STATUSES, type ArticleStatus, type Role } from '@/db/schema';

// Who may do what to which article, as one table. Pure: no I/O, so every cell is unit-tested.

export const ARTICLE_ACTIONS = [
  'view',
  'edit',
  'submit',
  'requestChanges',
  'approve',
  'publish',
  'unpublish',
] as const;
export type ArticleAction = (typeof ARTICLE_ACTIONS)[number];

// viewEveryArticle: كل المقالات lists everyone's work (otherwise one's own); viewActivityLog: the
// whole سجل النشاط (each article's own log goes with viewing the article).
export const NEWSROOM_ACTIONS = [
  'createArticle',
  'viewReviewQueue',
  'viewEveryArticle',
  'viewActivityLog',
  'manageUsers',
  // إدارة التعليقات: approve or reject readers' comments.
  'moderateComments',
  // Turn comments off site-wide or on one article.
  'manageCommentSettings',
  // Choosing the front page's top story (الخبر الرئيسي): the desk's call, like publishing.
  'chooseTopStory',
] as const;
export type NewsroomAction = (typeof NEWSROOM_ACTIONS)[number];

type Scope = 'own' | 'any';
type Rule = { scope: Scope; from: readonly ArticleStatus[] } | null;

const WORKING: readonly ArticleStatus[] = ['draft', 'changes_requested'];
const EVERY_STATUS: readonly ArticleStatus[] = ARTICLE_STATUSES;
const EDITABLE_BY_DESK: readonly ArticleStatus[] = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'published',
  'unpublished',
];

const DESK: Record<ArticleAction, Rule> = {
  view: { scope: 'any', from: EVERY_STATUS },
  edit: { scope: 'any', from: EDITABLE_BY_DESK },
  submit: { scope: 'any', from: WORKING },
  requestChanges: { scope: 'any', from: ['in_review', 'approved'] },
  approve: { scope: 'any', from: ['in_review'] },
  // Re-publishing a published article is how a correction or update reaches readers.
  publish: { scope: 'any', from: ['approved', 'published', 'unpublished'] },
  unpublish: { scope: 'any', from: ['published'] },
};

export const ARTICLE_PERMISSIONS: Record<Role, Record<ArticleAction, Rule>> = {
  // Like Ghost's contributors: reporters write and submit their own drafts and never change
  // status beyond that.
  reporter: {
    view: { scope: 'own', from: EVERY_STATUS },
    edit: { scope: 'own', from: WORKING },
    submit: { scope: 'own', from: WORKING },
    requestChanges: null,
    approve: null,
    publish: null,
    unpublish: null,
  },
  editor: DESK,
  admin: DESK,
};

export const NEWSROOM_PERMISSIONS: Record<Role, Record<NewsroomAction, boolean>> = {
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

export type Actor = { id: number; role: Role };
export type ArticleRef = { authorId: number; status: ArticleStatus };

export function can(actor: Actor, action: ArticleAction, article: ArticleRef): boolean {
  const rule = ARTICLE_PERMISSIONS[actor.role][action];
  if (!rule) return false;
  if (rule.scope === 'own' && article.authorId !== actor.id) return false;
  return rule.from.includes(article.status);
}

export function canInNewsroom(actor: Actor, action: NewsroomAction): boolean {
  return NEWSROOM_PERMISSIONS[actor.role][action];
}

export function assertCanInNewsroom(actor: Actor, action: NewsroomAction): void {
  if (!canInNewsroom(actor, action)) throw new ForbiddenError(action);
}

export class ForbiddenError extends Error {
  constructor(readonly action: string) {
    super(`forbidden: ${action}`);
    this.name = 'ForbiddenError';
  }
}

export function assertCan(actor: Actor, action: ArticleAction, article: ArticleRef): void {
  if (!can(actor, action, article)) throw new ForbiddenError(action);
}

// Where each workflow action leaves the article.
export const NEXT_STATUS: Partial<Record<ArticleAction, ArticleStatus>> = {
  submit: 'in_review',
  requestChanges: 'changes_requested',
  approve: 'approved',
  publish: 'published',
  unpublish: 'unpublished',
};
