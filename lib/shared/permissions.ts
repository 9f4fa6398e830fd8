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
// تعليق على النص (lib/newsroom/text-comments.ts): starting a thread on words of the body or
// replying to one (`comment`), and resolving or reopening someone else's thread
// (`resolveComment`; a thread's own author may always resolve it: canResolveThread below).
export const COMMENT_ACTIONS = ['comment', 'resolveComment'] as const;
export const ARTICLE_ACTIONS = [...EDITOR_ACTIONS, ...DESK_ACTIONS, ...COMMENT_ACTIONS] as const;
// ArticleAction keeps its first meaning (what the editor's buttons know); ArticleActionAny is the
// whole table.
export type ArticleAction = (typeof EDITOR_ACTIONS)[number];
export type DeskAction = (typeof DESK_ACTIONS)[number];
export type CommentAction = (typeof COMMENT_ACTIONS)[number];
export type ArticleActionAny = ArticleAction | DeskAction | CommentAction;

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
  // قواعد أسلوب التحرير: the desk owns the house style.
  'manageHouseStyle',
  // أضف إلى القاموس from the editor's menu: the newsroom's shared dictionary, open to everyone.
  'addToDictionary',
  // التكاملات: API keys and webhooks (docs/api.md).
  'manageIntegrations',
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
  // Whoever may see the article in the newsroom may comment on its text; the desk resolves.
  comment: { scope: 'any', from: EVERY_STATUS },
  resolveComment: { scope: 'any', from: EVERY_STATUS },
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
    comment: { scope: 'own', from: EVERY_STATUS },
    // A reporter resolves only the threads they began themselves (canResolveThread).
    resolveComment: null,
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

// Resolving or reopening a comment thread: its author (while they may still comment on the
// article), or whoever may resolveComment on it (the desk).
export function canResolveThread(actor: Actor, article: ArticleRef, thread: { authorId: number }): boolean {
  if (can(actor, 'resolveComment', article)) return true;
  return thread.authorId === actor.id && can(actor, 'comment', article);
}

// The API's keys (مفاتيح الواجهة البرمجية, docs/api.md): a key may do what one of its scopes allows
// AND what its owner's role allows (the owner is the actor of every write it makes, so the article
// table above is asked inside the write transaction as for the UI). Two tables, every cell tested.
export const API_SCOPES = ['content:read', 'drafts:write', 'publish', 'webhooks', 'wire'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

export const API_OPERATIONS = [
  'readContent',
  'createDraft',
  'updateDraft',
  'uploadImage',
  'submit',
  'transition',
  'manageWebhooks',
  'ingestWire',
] as const;
export type ApiOperation = (typeof API_OPERATIONS)[number];

// Which operations each scope opens. `transition` (publish, unpublish, approve, schedule…) is
// still asked of the article table with the owner as actor.
export const API_SCOPE_PERMISSIONS: Record<ApiScope, Record<ApiOperation, boolean>> = {
  'content:read': {
    readContent: true,
    createDraft: false,
    updateDraft: false,
    uploadImage: false,
    submit: false,
    transition: false,
    manageWebhooks: false,
    ingestWire: false,
  },
  'drafts:write': {
    readContent: false,
    createDraft: true,
    updateDraft: true,
    uploadImage: true,
    submit: true,
    transition: false,
    manageWebhooks: false,
    ingestWire: false,
  },
  publish: {
    readContent: false,
    createDraft: false,
    updateDraft: false,
    uploadImage: false,
    submit: false,
    transition: true,
    manageWebhooks: false,
    ingestWire: false,
  },
  webhooks: {
    readContent: false,
    createDraft: false,
    updateDraft: false,
    uploadImage: false,
    submit: false,
    transition: false,
    manageWebhooks: true,
    ingestWire: false,
  },
  wire: {
    readContent: false,
    createDraft: false,
    updateDraft: false,
    uploadImage: false,
    submit: false,
    transition: false,
    manageWebhooks: false,
    ingestWire: true,
  },
};

// The scopes a key may be given at all, by its owner's role: a key never holds more than its
// owner could do in the newsroom (a reporter's key cannot publish; only admins' keys manage
// webhooks). Checked when the key is created, and the article table bounds every use.
export const API_SCOPES_BY_ROLE: Record<Role, Record<ApiScope, boolean>> = {
  reporter: { 'content:read': true, 'drafts:write': true, publish: false, webhooks: false, wire: false },
  editor: { 'content:read': true, 'drafts:write': true, publish: true, webhooks: false, wire: true },
  admin: { 'content:read': true, 'drafts:write': true, publish: true, webhooks: true, wire: true },
};

export type KeyHolder = { scopes: readonly ApiScope[]; owner: Actor };

// Whether a key may call an operation: one of its scopes opens it and its owner's role still
// may hold that scope (a role changed since the key was made bounds it at once).
export function keyMay(key: KeyHolder, operation: ApiOperation): boolean {
  return key.scopes.some(
    (scope) => API_SCOPE_PERMISSIONS[scope][operation] && API_SCOPES_BY_ROLE[key.owner.role][scope],
  );
}

export function scopesAllowedFor(role: Role, scopes: readonly ApiScope[]): boolean {
  return scopes.every((scope) => API_SCOPES_BY_ROLE[role][scope]);
}

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
