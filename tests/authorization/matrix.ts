import type {
  ApiOperation,
  ArticleActionAny,
  NewsroomAction,
  PlanningAction,
} from '@/lib/shared/permissions';

// The authorization matrix: one row per door — every server action exported from a 'use server'
// file and every method of every route.ts under app/ — saying who may pass it.
// tests/unit/doors.test.ts fails when a door has no row here (and prints the row to add);
// tests/integration/authorization.test.ts calls every row's door as each person below, on an
// article in every state where the row depends on one, and checks each refusal is a refusal and
// each allowance works; e2e/door.spec.ts probes the rows marked `probe: 'e2e'` over HTTP.
//
// Keys: `action <file>#<export>` and `route <file> <METHOD>`, paths from the repository root.

export type Who =
  // Anyone, signed in or not: readers' pages, feeds, beacons, sign-in itself.
  | 'anyone'
  // Any active member of the newsroom, whatever their role.
  | 'newsroom'
  // lib/permissions NEWSROOM_PERMISSIONS for this action.
  | { newsroom: NewsroomAction }
  // lib/permissions can() for this action, on an article in each state.
  | { article: ArticleActionAny }
  // The person who uploaded the image, or the desk (editors and admins).
  | 'uploader-or-desk'
  // An API key (lib/http/api-route.ts) whose scope opens this operation and whose owner's role
  // allows it (lib/shared/permissions.ts keyMay); proved by tests/integration/api.test.ts.
  | { apiKey: ApiOperation }
  // lib/permissions canPlan() for this action, on a story assigned to (or a pitch by) the owner.
  | { planning: PlanningAction };

export type MatrixRow = {
  who: Who;
  // Where the cells are proved: by calling the door in tests/integration/authorization.test.ts
  // (the default), or over HTTP against the production server (doors that need Next's runtime).
  probe?: 'integration' | 'e2e' | 'api';
  // For 'e2e' rows: an address to ask.
  path?: string;
};

const ARTICLE_ACTIONS_FILE = 'app/(newsroom)/newsroom/articles/actions.ts';
const DESK_ACTIONS_FILE = 'app/(newsroom)/newsroom/articles/desk-actions.ts';

export const AUTHORIZATION_MATRIX: Record<string, MatrixRow> = {
  [`action ${ARTICLE_ACTIONS_FILE}#createDraftAction`]: { who: { newsroom: 'createArticle' } },
  [`action ${ARTICLE_ACTIONS_FILE}#saveArticleAction`]: { who: { article: 'edit' } },
  'action app/(newsroom)/newsroom/articles/top-story-actions.ts#chooseTopStoryAction': {
    who: { newsroom: 'chooseTopStory' },
  },
  // Reads the session from the cookie (Next's runtime): e2e/preview.spec.ts proves its cells
  // (anonymous → sign-in, another reporter's draft → 404, the desk → the document).
  'route app/(newsroom)/newsroom/articles/[id]/preview/document/route.ts GET': {
    who: { article: 'view' },
    probe: 'e2e',
  },
  [`action ${ARTICLE_ACTIONS_FILE}#suggestTagsAction`]: { who: 'newsroom' },
  [`action ${ARTICLE_ACTIONS_FILE}#articlePresenceAction`]: { who: { article: 'view' } },
  [`action ${ARTICLE_ACTIONS_FILE}#submitForReviewAction`]: { who: { article: 'submit' } },
  [`action ${ARTICLE_ACTIONS_FILE}#requestChangesAction`]: { who: { article: 'requestChanges' } },
  [`action ${ARTICLE_ACTIONS_FILE}#approveArticleAction`]: { who: { article: 'approve' } },
  [`action ${ARTICLE_ACTIONS_FILE}#publishArticleAction`]: { who: { article: 'publish' } },
  [`action ${ARTICLE_ACTIONS_FILE}#unpublishArticleAction`]: { who: { article: 'unpublish' } },
  [`action ${DESK_ACTIONS_FILE}#withdrawFromReviewAction`]: { who: { article: 'withdraw' } },
  [`action ${DESK_ACTIONS_FILE}#scheduleArticleAction`]: { who: { article: 'schedule' } },
  [`action ${DESK_ACTIONS_FILE}#unscheduleArticleAction`]: { who: { article: 'unschedule' } },
  [`action ${DESK_ACTIONS_FILE}#setEmbargoAction`]: { who: { article: 'embargo' } },
  [`action ${DESK_ACTIONS_FILE}#archiveArticleAction`]: { who: { article: 'archive' } },
  [`action ${DESK_ACTIONS_FILE}#deleteDraftAction`]: { who: { article: 'delete' } },
  [`action ${DESK_ACTIONS_FILE}#addNoteAction`]: { who: { article: 'addNote' } },
  'action app/(newsroom)/newsroom/notifications/actions.ts#markNotificationsReadAction': { who: 'newsroom' },

  'action app/(newsroom)/newsroom/articles/[id]/history/actions.ts#restoreRevisionAction': {
    who: { article: 'edit' },
  },
  'action app/(newsroom)/newsroom/comments/actions.ts#moderateCommentAction': {
    who: { newsroom: 'moderateComments' },
  },
  'action app/(newsroom)/newsroom/comments/actions.ts#setSiteCommentsAction': {
    who: { newsroom: 'manageCommentSettings' },
  },
  'action app/(newsroom)/newsroom/comments/actions.ts#setArticleCommentsAction': {
    who: { newsroom: 'manageCommentSettings' },
  },
  'action app/(newsroom)/newsroom/people/actions.ts#addMemberAction': { who: { newsroom: 'manageUsers' } },
  'action app/(newsroom)/newsroom/people/actions.ts#changeRoleAction': { who: { newsroom: 'manageUsers' } },
  'action app/(newsroom)/newsroom/people/actions.ts#setMemberDisabledAction': {
    who: { newsroom: 'manageUsers' },
  },
  'action app/(newsroom)/newsroom/people/actions.ts#resetPasswordAction': {
    who: { newsroom: 'manageUsers' },
  },
  'action app/(newsroom)/newsroom/people/actions.ts#unlockSignInAction': { who: { newsroom: 'manageUsers' } },
  'action app/(newsroom)/newsroom/people/actions.ts#issueSignInLinkAction': {
    who: { newsroom: 'manageUsers' },
  },
  'action app/(auth)/change-password/actions.ts#changeOwnPasswordAction': { who: 'newsroom' },

  'route app/api/media/route.ts GET': { who: 'newsroom' },
  'route app/api/media/[id]/route.ts PATCH': { who: 'uploader-or-desk' },
  'route app/api/uploads/route.ts POST': { who: 'newsroom' },
  'route app/api/stats/[id]/route.ts GET': { who: 'anyone' },
  // التدقيق: the house style and Hunspell for everyone who writes; the shared dictionary grows by
  // anyone's أضف إلى القاموس (addToDictionary), the rules page is the desk's (manageHouseStyle).
  'route app/api/proofreading/route.ts GET': { who: 'newsroom' },
  'route app/api/proofreading/spell/route.ts POST': { who: 'newsroom' },
  'route app/api/proofreading/suggest/route.ts GET': { who: 'newsroom' },
  'route app/api/proofreading/dictionary/route.ts POST': { who: { newsroom: 'addToDictionary' } },
  'action app/(newsroom)/newsroom/house-style/actions.ts#addRuleAction': {
    who: { newsroom: 'manageHouseStyle' },
  },
  'action app/(newsroom)/newsroom/house-style/actions.ts#changeRuleAction': {
    who: { newsroom: 'manageHouseStyle' },
  },
  'action app/(newsroom)/newsroom/house-style/actions.ts#deleteRuleAction': {
    who: { newsroom: 'manageHouseStyle' },
  },
  'action app/(newsroom)/newsroom/house-style/actions.ts#addWordAction': {
    who: { newsroom: 'addToDictionary' },
  },
  'action app/(newsroom)/newsroom/house-style/actions.ts#removeWordAction': {
    who: { newsroom: 'manageHouseStyle' },
  },
  'route app/api/health/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/api/health' },
  'route app/api/shares/[id]/route.ts POST': { who: 'anyone' },
  'route app/api/views/[id]/route.ts POST': { who: 'anyone', probe: 'e2e', path: '/api/views/1' },
  'route app/api/auth/[...nextauth]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/api/auth/csrf' },
  'route app/api/auth/[...nextauth]/route.ts POST': {
    who: 'anyone',
    probe: 'e2e',
    path: '/api/auth/callback/credentials',
  },
  'route app/media/[file]/route.ts GET': { who: 'anyone' },
  'route app/api/articles/[id]/comments/route.ts POST': {
    who: 'anyone',
    probe: 'e2e',
    path: '/api/articles/1/comments',
  },
  'route app/api/articles/[id]/engagement/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/api/articles/1/engagement',
  },
  'route app/(public)/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/' },
  'route app/(public)/[...missing]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/no-such-page' },
  'route app/(public)/author/[id]/page/[n]/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/author/1/page/2',
  },
  'route app/(public)/author/[id]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/author/1' },
  'route app/(public)/news/[id]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/news/1' },
  'route app/(public)/page/[n]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/page/2' },
  'route app/(public)/robots.txt/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/robots.txt' },
  'route app/(public)/search/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/search?q=x' },
  'route app/(public)/section/[slug]/page/[n]/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/section/politics/page/2',
  },
  'route app/(public)/section/[slug]/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/section/politics',
  },
  'route app/(public)/sitemap.xml/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/sitemap.xml' },
  'route app/(public)/tag/[slug]/page/[n]/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/tag/x/page/2',
  },
  'route app/(public)/tag/[slug]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/tag/x' },
  'route app/(public)/news/[id]/[slug]/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/news/1' },
  'route app/(public)/feed.xml/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/feed.xml' },
  'route app/(public)/atom.xml/route.ts GET': { who: 'anyone', probe: 'e2e', path: '/atom.xml' },
  'route app/(public)/news-sitemap.xml/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/news-sitemap.xml',
  },
  'route app/(public)/section/[slug]/feed.xml/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/section/politics/feed.xml',
  },
  'route app/(public)/section/[slug]/atom.xml/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/section/politics/atom.xml',
  },
  'route app/(public)/tag/[slug]/feed.xml/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/tag/%D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/feed.xml',
  },
  'route app/(public)/tag/[slug]/atom.xml/route.ts GET': {
    who: 'anyone',
    probe: 'e2e',
    path: '/tag/%D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF/atom.xml',
  },
  // تعليق على النص (lib/newsroom/text-comments.ts). Resolving is also open to a thread's own
  // author (canResolveThread); the probe's thread is the desk's, so the row is resolveComment.
  'action app/(newsroom)/newsroom/articles/text-comment-actions.ts#textCommentsAction': {
    who: { article: 'view' },
  },
  'action app/(newsroom)/newsroom/articles/text-comment-actions.ts#startThreadAction': {
    who: { article: 'comment' },
  },
  'action app/(newsroom)/newsroom/articles/text-comment-actions.ts#replyToThreadAction': {
    who: { article: 'comment' },
  },
  'action app/(newsroom)/newsroom/articles/text-comment-actions.ts#setThreadResolvedAction': {
    who: { article: 'resolveComment' },
  },
  // The API (/api/v1, docs/api.md): every row proved by tests/integration/api.test.ts (no key →
  // 401, a key without the scope → 403, the right key passes the door).
  'route app/api/v1/articles/route.ts GET': { who: { apiKey: 'readContent' }, probe: 'api' },
  'route app/api/v1/articles/route.ts POST': { who: { apiKey: 'createDraft' }, probe: 'api' },
  'route app/api/v1/articles/[ref]/route.ts GET': { who: { apiKey: 'readContent' }, probe: 'api' },
  'route app/api/v1/articles/[ref]/route.ts PATCH': { who: { apiKey: 'updateDraft' }, probe: 'api' },
  'route app/api/v1/articles/[ref]/submit/route.ts POST': { who: { apiKey: 'submit' }, probe: 'api' },
  'route app/api/v1/articles/[ref]/transitions/route.ts POST': {
    who: { apiKey: 'transition' },
    probe: 'api',
  },
  'route app/api/v1/sections/route.ts GET': { who: { apiKey: 'readContent' }, probe: 'api' },
  'route app/api/v1/tags/route.ts GET': { who: { apiKey: 'readContent' }, probe: 'api' },
  'route app/api/v1/authors/route.ts GET': { who: { apiKey: 'readContent' }, probe: 'api' },
  'route app/api/v1/search/route.ts GET': { who: { apiKey: 'readContent' }, probe: 'api' },
  'route app/api/v1/images/route.ts POST': { who: { apiKey: 'uploadImage' }, probe: 'api' },
  'route app/api/v1/webhooks/route.ts GET': { who: { apiKey: 'manageWebhooks' }, probe: 'api' },
  'route app/api/v1/webhooks/route.ts POST': { who: { apiKey: 'manageWebhooks' }, probe: 'api' },
  'route app/api/v1/wire/route.ts POST': { who: { apiKey: 'ingestWire' }, probe: 'api' },
  // The API's description holds no content.
  'route app/api/v1/openapi.json/route.ts GET': { who: 'anyone', probe: 'api' },
  // التكاملات (lib/platform): admins alone.
  'action app/(newsroom)/newsroom/integrations/actions.ts#createApiKeyAction': {
    who: { newsroom: 'manageIntegrations' },
  },
  'action app/(newsroom)/newsroom/integrations/actions.ts#revokeApiKeyAction': {
    who: { newsroom: 'manageIntegrations' },
  },
  'action app/(newsroom)/newsroom/integrations/actions.ts#createWebhookAction': {
    who: { newsroom: 'manageIntegrations' },
  },
  'action app/(newsroom)/newsroom/integrations/actions.ts#setWebhookEnabledAction': {
    who: { newsroom: 'manageIntegrations' },
  },
  'action app/(newsroom)/newsroom/integrations/actions.ts#deleteWebhookAction': {
    who: { newsroom: 'manageIntegrations' },
  },
  'action app/(newsroom)/newsroom/integrations/actions.ts#retryDeliveryAction': {
    who: { newsroom: 'manageIntegrations' },
  },
  // الوارد من الوكالات: the desk, as the review queue.
  'action app/(newsroom)/newsroom/wire/actions.ts#takeWireItemAction': {
    who: { newsroom: 'viewReviewQueue' },
  },
  // The planning desk (issue 19).
  'action app/(newsroom)/newsroom/plan/actions.ts#planStoryAction': { who: { planning: 'planStory' } },
  'action app/(newsroom)/newsroom/plan/actions.ts#updateStoryAction': { who: { planning: 'planStory' } },
  'action app/(newsroom)/newsroom/plan/actions.ts#respondAction': {
    who: { planning: 'respondToAssignment' },
  },
  'action app/(newsroom)/newsroom/plan/actions.ts#startWritingAction': { who: { planning: 'startWriting' } },
  'action app/(newsroom)/newsroom/plan/actions.ts#proposePitchAction': { who: { planning: 'proposePitch' } },
  'action app/(newsroom)/newsroom/plan/actions.ts#decidePitchAction': { who: { planning: 'decidePitch' } },
  'action app/(newsroom)/newsroom/plan/actions.ts#rescheduleAction': { who: { article: 'schedule' } },
  'action app/(newsroom)/newsroom/plan/actions.ts#calendarFeedAction': { who: 'newsroom' },
  // The token in the address is the secret (a calendar client sends no cookie).
  'route app/api/calendar/[token]/route.ts GET': { who: 'anyone' },
};
