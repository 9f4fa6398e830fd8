import { ARTICLE_STATUSES, type ArticleStatus, type Role } from '@/lib/shared/enums';

// Who may do what to which article, as one table. Pure: no I/O, so every cell is unit-tested.

// The actions the editor's own buttons offer (components/editor), and those of the desk's panels
// beside it (app/(newsroom)/newsroom/articles/[id]/DeskActions.tsx…). One table holds both.
export const EDITOR_ACTIONS = [
  'view',
  'edit',
  'submit',
  'requestChanges',
  'approve',
  'publish',
  'unpublish',
] as const;
export const DESK_ACTIONS = [
  'withdraw',
  'schedule',
  'unschedule',
  'embargo',
  'archive',
  'delete',
  'addNote',
] as const;
export const ARTICLE_ACTIONS = [...EDITOR_ACTIONS, ...DESK_ACTIONS] as const;
// ArticleAction keeps its first meaning (what the editor's buttons know); ArticleActionAny is the
// whole table.
export type ArticleAction = (typeof EDITOR_ACTIONS)[number];
export type DeskAction = (typeof DESK_ACTIONS)[number];
export type ArticleActionAny = ArticleAction | DeskAction;

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
  'scheduled',
  'published',
  'unpublished',
];
// Nothing here has reached readers: it can be put away without unpublishing anything.
const ARCHIVABLE: readonly ArticleStatus[] = ['draft', 'changes_requested', 'approved', 'unpublished'];

const DESK: Record<ArticleActionAny, Rule> = {
  view: { scope: 'any', from: EVERY_STATUS },
  edit: { scope: 'any', from: EDITABLE_BY_DESK },
  submit: { scope: 'any', from: WORKING },
  // An editor who sent their own piece asks for it back; someone else's gets requestChanges.
  withdraw: { scope: 'own', from: ['in_review'] },
  requestChanges: { scope: 'any', from: ['in_review', 'approved', 'scheduled'] },
  approve: { scope: 'any', from: ['in_review'] },
  // Scheduling again moves the time.
  schedule: { scope: 'any', from: ['approved', 'scheduled'] },
  unschedule: { scope: 'any', from: ['scheduled'] },
  // Re-publishing a published article is how a correction or update reaches readers.
  publish: { scope: 'any', from: ['approved', 'scheduled', 'published', 'unpublished'] },
  unpublish: { scope: 'any', from: ['published'] },
  embargo: { scope: 'any', from: ['approved', 'scheduled', 'published'] },
  archive: { scope: 'any', from: ARCHIVABLE },
  // Only a draft, and the query also refuses one that was ever published.
  delete: { scope: 'any', from: ['draft'] },
  addNote: { scope: 'any', from: EVERY_STATUS },
};

export const ARTICLE_PERMISSIONS: Record<Role, Record<ArticleActionAny, Rule>> = {
  // Like Ghost's contributors: reporters write and submit their own drafts and never change
  // status beyond that.
  reporter: {
    view: { scope: 'own', from: EVERY_STATUS },
    edit: { scope: 'own', from: WORKING },
    submit: { scope: 'own', from: WORKING },
    withdraw: { scope: 'own', from: ['in_review'] },
    requestChanges: null,
    approve: null,
    schedule: null,
    unschedule: null,
    publish: null,
    unpublish: null,
    embargo: null,
    archive: null,
    delete: { scope: 'own', from: ['draft'] },
    addNote: { scope: 'own', from: EVERY_STATUS },
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

export function can(actor: Actor, action: ArticleActionAny, article: ArticleRef): boolean {
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

export function assertCan(actor: Actor, action: ArticleActionAny, article: ArticleRef): void {
  if (!can(actor, action, article)) throw new ForbiddenError(action);
}

// Where each workflow action leaves the article.
export const NEXT_STATUS: Partial<Record<ArticleActionAny, ArticleStatus>> = {
  submit: 'in_review',
  withdraw: 'draft',
  requestChanges: 'changes_requested',
  approve: 'approved',
  schedule: 'scheduled',
  unschedule: 'approved',
  publish: 'published',
  unpublish: 'unpublished',
  archive: 'archived',
};

// The planning desk (issue 19): who may do what to a pitch (مقترح) or a planned story (تكليف).
// 'own' is the story's assignee (for respond and startWriting) or the pitch's proposer; 'any' anyone's.
export const PLANNING_ACTIONS = [
  // See خطة التغطية and التقويم التحريري.
  'viewPlan',
  // Propose a story (مقترح).
  'proposePitch',
  // Accept a pitch into the plan, or decline it with a reason.
  'decidePitch',
  // Put a story on the plan and assign it (deadline, word target, notes), reassign it, edit it.
  'planStory',
  // قبول التكليف / الاعتذار.
  'respondToAssignment',
  // بدء الكتابة: a draft linked to the assignment.
  'startWriting',
  // Move a scheduled article on the calendar (the workflow's schedule permission is checked too).
  'reschedule',
  // One's own private calendar feed (create, replace, revoke its token).
  'manageCalendarFeed',
] as const;
export type PlanningAction = (typeof PLANNING_ACTIONS)[number];

export const PLANNING_PERMISSIONS: Record<Role, Record<PlanningAction, Scope | null>> = {
  reporter: {
    viewPlan: 'any',
    proposePitch: 'any',
    decidePitch: null,
    planStory: null,
    respondToAssignment: 'own',
    startWriting: 'own',
    reschedule: null,
    manageCalendarFeed: 'own',
  },
  editor: {
    viewPlan: 'any',
    proposePitch: 'any',
    decidePitch: 'any',
    planStory: 'any',
    respondToAssignment: 'own',
    startWriting: 'own',
    reschedule: 'any',
    manageCalendarFeed: 'own',
  },
  admin: {
    viewPlan: 'any',
    proposePitch: 'any',
    decidePitch: 'any',
    planStory: 'any',
    respondToAssignment: 'any',
    startWriting: 'any',
    reschedule: 'any',
    manageCalendarFeed: 'own',
  },
};

// `ownerId`: the assignee (or proposer, or feed owner) of what the action is on; omitted for actions
// on nothing in particular (viewPlan, proposePitch), where only whether the role may at all counts.
export function canPlan(actor: Actor, action: PlanningAction, ownerId?: number | null): boolean {
  const scope = PLANNING_PERMISSIONS[actor.role][action];
  if (!scope) return false;
  if (scope === 'own' && ownerId !== undefined) return ownerId === actor.id;
  return true;
}

export function assertCanPlan(actor: Actor, action: PlanningAction, ownerId?: number | null): void {
  if (!canPlan(actor, action, ownerId)) throw new ForbiddenError(action);
}
