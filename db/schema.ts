import { relations, sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
  type AnySQLiteColumn,
} from 'drizzle-orm/sqlite-core';

// The single source of truth for the data model. Timestamps are stored as epoch milliseconds.

// The enumerations live in lib/shared/enums.ts, so the browser's code can name a status without
// importing the storage layer; re-exported here for the queries. Relative, for drizzle-kit.
import {
  ROLES,
  ARTICLE_STATUSES,
  REVISION_REASONS,
  COMMENT_STATUSES,
  NOTE_KINDS,
  NOTIFICATION_KINDS,
  type Role,
  type ArticleStatus,
  type RevisionReason,
  type CommentStatus,
  type NoteKind,
  type NotificationKind,
  PRIORITIES,
  ASSIGNMENT_RESPONSES,
  PITCH_STATUSES,
} from '../lib/shared/enums';

export { ROLES, ARTICLE_STATUSES, REVISION_REASONS, COMMENT_STATUSES, NOTE_KINDS, NOTIFICATION_KINDS };
export type { Role, ArticleStatus, RevisionReason, CommentStatus, NoteKind, NotificationKind };

const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`);

export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  // Stored lower-cased so that sign-in is case-insensitive and the unique index means one person.
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  role: text('role', { enum: ROLES }).notNull(),
  passwordHash: text('password_hash').notNull(),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  // Set when an admin chose the password (new member, reset): it is changed at the next sign-in.
  mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
  // Every session token carries the version it was issued with; bumping this (db/queries/
  // sessions.ts endSessionsOf) ends every open session of the user at its next request.
  sessionVersion: integer('session_version').notNull().default(0),
  createdAt: createdAt(),
});

export const sections = sqliteTable('sections', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  position: integer('position').notNull().default(0),
});

export const articles = sqliteTable(
  'articles',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: ARTICLE_STATUSES }).notNull().default('draft'),
    headline: text('headline').notNull().default(''),
    deck: text('deck').notNull().default(''),
    slug: text('slug').notNull().default(''),
    sectionId: integer('section_id').references(() => sections.id),
    dateline: text('dateline').notNull().default(''),
    // Set when a journalist edits the slug by hand; until then it follows the headline.
    slugLocked: integer('slug_locked', { mode: 'boolean' }).notNull().default(false),
    // Byline as printed; empty means the author's name.
    byline: text('byline').notNull().default(''),
    leadImageId: integer('lead_image_id').references(() => media.id),
    leadImageAlt: text('lead_image_alt').notNull().default(''),
    leadImageCaption: text('lead_image_caption').notNull().default(''),
    leadImageCredit: text('lead_image_credit').notNull().default(''),
    // The TipTap JSON document: the source of truth for the body. Everything else is derived.
    bodyJson: text('body_json').notNull(),
    bodyText: text('body_text').notNull().default(''),
    wordCount: integer('word_count').notNull().default(0),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    // Bumped on every write; a save names the version it was based on (optimistic concurrency).
    version: integer('version').notNull().default(1),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    submittedAt: integer('submitted_at', { mode: 'timestamp_ms' }),
    approvedAt: integer('approved_at', { mode: 'timestamp_ms' }),
    scheduledAt: integer('scheduled_at', { mode: 'timestamp_ms' }),
    publishedAt: integer('published_at', { mode: 'timestamp_ms' }),
    // When readers last saw a new published revision (shown as "updated on" after the first).
    republishedAt: integer('republished_at', { mode: 'timestamp_ms' }),
    publishedRevisionId: integer('published_revision_id'),
    // When an editor made this the front page's top story (الخبر الرئيسي); null when it is not.
    topStoryAt: integer('top_story_at', { mode: 'timestamp_ms' }),
    changesRequestedReason: text('changes_requested_reason'),
    // Readers see nothing of the article while this is set (lib/reader/queries.ts, readerVisible);
    // the scheduler clears it when its time comes, with the same cache refresh as a publish.
    embargoUntil: integer('embargo_until', { mode: 'timestamp_ms' }),
    // Who scheduled it: the scheduler publishes in their name.
    scheduledBy: integer('scheduled_by').references(() => users.id),
    // A never-published draft that was deleted: it leaves every list, its revisions stay.
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
    // Who last changed each field, at which version and when (FieldChanges, as JSON): what the
    // three-way merge of autosaves needs to know (drizzle/0006_field_changes.sql).
    fieldChanges: text('field_changes').notNull().default('{}'),
  },
  (t) => [
    index('articles_status_published_idx').on(t.status, t.publishedAt),
    index('articles_author_idx').on(t.authorId, t.updatedAt),
    index('articles_section_idx').on(t.sectionId, t.status, t.publishedAt),
    index('articles_scheduled_idx').on(t.status, t.scheduledAt),
    index('articles_embargo_idx')
      .on(t.embargoUntil)
      .where(sql`embargo_until IS NOT NULL`),
    index('articles_updated_idx').on(t.updatedAt),
    index('articles_version_idx').on(t.version),
    // A person's never-saved drafts, which مقال جديد discards when untouched (drizzle/0020).
    index('articles_untouched_idx')
      .on(t.authorId)
      .where(sql`version = 1`),
    index('articles_top_story_idx')
      .on(t.topStoryAt)
      .where(sql`top_story_at IS NOT NULL`),
    // Slugs are unique once set; a new draft has none yet.
    uniqueIndex('articles_slug_unique')
      .on(t.slug)
      .where(sql`slug <> ''`),
  ],
);

export const articleRevisions = sqliteTable(
  'article_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    articleVersion: integer('article_version').notNull(),
    reason: text('reason', { enum: REVISION_REASONS }).notNull(),
    headline: text('headline').notNull(),
    deck: text('deck').notNull(),
    slug: text('slug').notNull(),
    sectionId: integer('section_id'),
    dateline: text('dateline').notNull(),
    byline: text('byline').notNull().default(''),
    leadImageId: integer('lead_image_id'),
    leadImageAlt: text('lead_image_alt').notNull().default(''),
    leadImageCaption: text('lead_image_caption').notNull().default(''),
    leadImageCredit: text('lead_image_credit').notNull().default(''),
    bodyJson: text('body_json').notNull(),
    bodyText: text('body_text').notNull(),
    // Rendered once, at publish time, for readers; null for revisions that were never published.
    bodyHtml: text('body_html'),
    tagsJson: text('tags_json').notNull().default('[]'),
    authorId: integer('author_id').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('article_revisions_article_idx').on(t.articleId, t.id)],
);

export const media = sqliteTable(
  'media',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The format found in the file's bytes, never the name it was uploaded with.
    mime: text('mime').notNull(),
    originalName: text('original_name').notNull().default(''),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    bytes: integer('bytes').notNull(),
    // The stored web sizes: [{ width, height, file, bytes }], smallest first.
    variantsJson: text('variants_json').notNull(),
    alt: text('alt').notNull().default(''),
    caption: text('caption').notNull().default(''),
    credit: text('credit').notNull().default(''),
    uploadedBy: integer('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('media_created_idx').on(t.createdAt)],
);

// Reader counters, kept apart from articles so that a view never bumps an article's version.
export const articleStats = sqliteTable('article_stats', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  views: integer('views').notNull().default(0),
  shares: integer('shares').notNull().default(0),
});

// One count per visitor per article per half hour, for views and shares alike. A visitor is a
// hash of the client's address and user agent with the day's salt (lib/reader/visitors.ts), never the raw
// values; `address` is the hash of the address alone, which caps how many visitors one address can
// be. Rows older than the window are deleted as counts are made, so the table holds half an hour.
export const countedVisits = sqliteTable(
  'counted_visits',
  {
    kind: text('kind', { enum: ['view', 'share'] }).notNull(),
    articleId: integer('article_id').notNull(),
    visitor: text('visitor').notNull(),
    address: text('address').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.articleId, t.visitor] }),
    index('counted_visits_seen_idx').on(t.seenAt),
    index('counted_visits_address_idx').on(t.kind, t.articleId, t.address, t.seenAt),
  ],
);

// The salt of each day's visitor hashes, shared by every worker process; yesterday's is deleted
// when today's is made, so a visitor cannot be followed from one day to the next.
export const visitorSalts = sqliteTable('visitor_salts', {
  day: text('day').primaryKey(),
  salt: text('salt').notNull(),
});

// Counted views per article per hour (epoch hours), for الأكثر قراءة over the last day or week.
// Kept for eight days.
export const articleViewHours = sqliteTable(
  'article_view_hours',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    hour: integer('hour').notNull(),
    views: integer('views').notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.hour] }), index('article_view_hours_hour_idx').on(t.hour)],
);

// Readers' comments: held (pending) until an editor approves them. `client` is the hashed
// visitor (as for views) for the rate limit; `bodyKey` the folded text, to refuse the same text twice.
export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull().default('pending'),
    client: text('client').notNull(),
    bodyKey: text('body_key').notNull(),
    createdAt: createdAt(),
    moderatedAt: integer('moderated_at', { mode: 'timestamp_ms' }),
    moderatedBy: integer('moderated_by').references(() => users.id),
  },
  (t) => [
    index('comments_queue_idx').on(t.status, t.createdAt),
    index('comments_article_idx').on(t.articleId, t.status, t.createdAt),
    index('comments_client_idx').on(t.client, t.createdAt),
    index('comments_body_idx').on(t.articleId, t.bodyKey),
  ],
);

// Comments closed on one article by an admin (comments are open by default).
export const articleCommentSettings = sqliteTable('article_comment_settings', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  closed: integer('closed', { mode: 'boolean' }).notNull().default(false),
});

// Settings the newsroom changes while running (admins), shared by every worker: key → JSON value.
export const siteSettings = sqliteTable('site_settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

// Sign-in attempts per key — an untrusted client, an account's allowance for untrusted clients,
// a device cookie, the global argon2 budget — each counted before its password is checked, so
// parallel guesses cannot slip past a limit (lib/auth/sign-in-attempts.ts).
export const signInLimits = sqliteTable(
  'sign_in_limits',
  {
    key: text('key').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowStartedAt: integer('window_started_at').notNull(),
    lastAttemptAt: integer('last_attempt_at').notNull(),
  },
  (t) => [index('sign_in_limits_last_idx').on(t.lastAttemptAt)],
);

// Device cookies used for too many wrong passwords: that one browser waits, nobody else does.
export const lockedDevices = sqliteTable('locked_devices', {
  device: text('device').primaryKey(),
  lockedUntil: integer('locked_until').notNull(),
});

// One-time sign-in links (migration 0012, lib/auth/sign-in-links.ts): the SHA-256 of the token
// only, single use, short-lived.
export const signInLinks = sqliteTable(
  'sign_in_links',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    usedAt: integer('used_at'),
  },
  (t) => [
    uniqueIndex('sign_in_links_token_idx').on(t.tokenHash),
    index('sign_in_links_user_idx').on(t.userId, t.expiresAt),
  ],
);

// Who has an article open in the editor: one row per open tab, refreshed by its heartbeat, kept in
// the database so that every worker process sees every tab (made by migration 0010; 0011 adds the
// per-person index).
export const editorPresence = sqliteTable(
  'editor_presence',
  {
    articleId: integer('article_id').notNull(),
    tabId: text('tab_id').notNull(),
    userId: integer('user_id').notNull(),
    name: text('name').notNull(),
    seenAt: integer('seen_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.articleId, t.tabId] }),
    index('editor_presence_seen_idx').on(t.seenAt),
    index('editor_presence_user_idx').on(t.articleId, t.userId, t.seenAt),
  ],
);

// The purge list for a CDN in front: each Surrogate-Key name a change to what readers see touched
// (`tag`: article-<id>, section-<slug>, home…, as proxy.ts sends them), when, and at which
// reader_cache_generation. A purge job asks for the rows newer than the generation it last purged
// (db/reader-cache.ts listChangedReaderKeys). The columns keep their first names
// (they once held Next cache tags) so that no migration is needed.
export const readerCacheExpiries = sqliteTable(
  'reader_cache_expiries',
  {
    tag: text('tag').primaryKey(),
    expiredAt: integer('expired_at').notNull(),
    generation: integer('generation').notNull().default(0),
  },
  (t) => [index('reader_cache_expiries_generation_idx').on(t.generation)],
);

// One row (id 1): bumped in the same transaction as every change to what readers may see, so that
// every worker process notices the change on its next request by reading one integer.
export const readerCacheGeneration = sqliteTable('reader_cache_generation', {
  id: integer('id').primaryKey(),
  generation: integer('generation').notNull(),
});

// Each cache in front that the app purges by Surrogate-Key (NEWSROOM_PURGE_URLS: a Varnish, or
// several): the last reader cache generation it was sent, so the purge of every change after it is
// resent until it answers (lib/reader/cdn-purge.ts). `lease_until`: one process sends at a time.
export const cdnPurgeTargets = sqliteTable('cdn_purge_targets', {
  url: text('url').primaryKey(),
  purgedGeneration: integer('purged_generation').notNull(),
  leaseUntil: integer('lease_until').notNull().default(0),
  failures: integer('failures').notNull().default(0),
  lastAttemptAt: integer('last_attempt_at'),
  lastError: text('last_error'),
});

export const tags = sqliteTable('tags', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  // Two spellings of one Arabic word (hamza forms, taa marbuta, diacritics…) share this key.
  normalized: text('normalized').notNull().unique(),
  slug: text('slug').notNull(),
});

export const articleTags = sqliteTable(
  'article_tags',
  {
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    tagId: integer('tag_id')
      .notNull()
      .references(() => tags.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.tagId] }), index('article_tags_tag_idx').on(t.tagId)],
);

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
    actorId: integer('actor_id').references(() => users.id),
    // For changes to people: the member the change was about.
    userId: integer('user_id').references(() => users.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_article_idx').on(t.articleId, t.id),
    index('events_actor_idx').on(t.actorId, t.id),
    index('events_action_idx').on(t.action, t.id),
  ],
);

// Addresses a published article had before its slug was edited: they keep redirecting to it, and
// no other article may take them.
export const articleOldSlugs = sqliteTable('article_old_slugs', {
  slug: text('slug').primaryKey(),
  articleId: integer('article_id')
    .notNull()
    .references(() => articles.id, { onDelete: 'cascade' }),
  retiredAt: integer('retired_at', { mode: 'timestamp_ms' }).notNull(),
});

// ملاحظات التحرير: the newsroom's thread on an article. Never read by a reader query.
export const notes = sqliteTable(
  'notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: NOTE_KINDS }).notNull().default('note'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('notes_article_idx').on(t.articleId, t.id)],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    createdAt: createdAt(),
    readAt: integer('read_at', { mode: 'timestamp_ms' }),
    // A notification about a planned story (drizzle/0016_planning.sql).
    assignmentId: integer('assignment_id').references((): AnySQLiteColumn => assignments.id, {
      onDelete: 'cascade',
    }),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.id)],
);

// Which article version each newsroom_search row (a hand-written FTS5 table, drizzle/0008) was
// folded from; a newsroom search re-folds the rows whose article moved on.
export const newsroomSearchState = sqliteTable('newsroom_search_state', {
  articleId: integer('article_id')
    .primaryKey()
    .references(() => articles.id, { onDelete: 'cascade' }),
  version: integer('version').notNull(),
});

export const usersRelations = relations(users, ({ many }) => ({ articles: many(articles) }));
export const articlesRelations = relations(articles, ({ one, many }) => ({
  author: one(users, { fields: [articles.authorId], references: [users.id] }),
  section: one(sections, { fields: [articles.sectionId], references: [sections.id] }),
  tags: many(articleTags),
  revisions: many(articleRevisions),
}));
export const articleTagsRelations = relations(articleTags, ({ one }) => ({
  article: one(articles, { fields: [articleTags.articleId], references: [articles.id] }),
  tag: one(tags, { fields: [articleTags.tagId], references: [tags.id] }),
}));

export type User = typeof users.$inferSelect;
export type Article = typeof articles.$inferSelect;
export type ArticleRevision = typeof articleRevisions.$inferSelect;
export type Section = typeof sections.$inferSelect;
export type Tag = typeof tags.$inferSelect;
export type Media = typeof media.$inferSelect;
export type Note = typeof notes.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

// تعليق على النص (drizzle/0014): a newsroom thread anchored on words of an article's body by the
// `comment` mark (lib/document/comment-mark.ts), which carries only the thread's id. `quote` is
// the words as they were when the thread began (shown when the anchor has been deleted since).
// Newsroom only: no reader query reads either table.
export const textCommentThreads = sqliteTable(
  'text_comment_threads',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    quote: text('quote').notNull(),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: integer('resolved_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('text_comment_threads_article_idx').on(t.articleId, t.id)],
);

// The thread's comments, its first one included, oldest first.
export const textComments = sqliteTable(
  'text_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => textCommentThreads.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('text_comments_thread_idx').on(t.threadId, t.id)],
);
export type TextCommentThread = typeof textCommentThreads.$inferSelect;
// أسلوب التحرير (drizzle/0017): the desk's house-style rules, the newsroom's dictionary and the
// one version number open editors poll (lib/newsroom/house-style.ts).
export const houseStyleRules = sqliteTable('house_style_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind', { enum: ['preferred', 'banned', 'pattern'] }).notNull(),
  preferred: text('preferred').notNull(),
  // JSON array of strings: the other spellings, the banned forms, or a pattern's expression.
  variants: text('variants', { mode: 'json' }).$type<string[]>().notNull(),
  note: text('note').notNull().default(''),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' })
    .notNull()
    .default(sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`),
});

export const newsroomDictionary = sqliteTable(
  'newsroom_dictionary',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    word: text('word').notNull(),
    addedBy: integer('added_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('newsroom_dictionary_word_idx').on(t.word)],
);

export const houseStyleVersion = sqliteTable('house_style_version', {
  id: integer('id').primaryKey(),
  version: integer('version').notNull(),
});
// The newsroom as a platform (drizzle/0018_platform.sql, docs/api.md).
// مفاتيح الواجهة البرمجية: stored as the SHA-256 of the key; the key itself is shown once.
export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    scopes: text('scopes').notNull(),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    lastUsedAt: integer('last_used_at', { mode: 'timestamp_ms' }),
    revokedAt: integer('revoked_at', { mode: 'timestamp_ms' }),
    ratePerMinute: integer('rate_per_minute').notNull().default(600),
  },
  (t) => [uniqueIndex('api_keys_hash_unique').on(t.keyHash)],
);

export const apiRateWindows = sqliteTable(
  'api_rate_windows',
  {
    keyId: integer('key_id')
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    windowStart: integer('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.keyId, t.windowStart] })],
);

// The outbox: a durable queue written in the transaction of the change it announces (db/outbox.ts).
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    topic: text('topic').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    doneAt: integer('done_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('outbox_pending_idx')
      .on(t.topic, t.id)
      .where(sql`done_at IS NULL`),
  ],
);

// الخطافات
export const webhooks = sqliteTable('webhooks', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  url: text('url').notNull(),
  description: text('description').notNull().default(''),
  events: text('events').notNull(),
  secret: text('secret').notNull(),
  createdBy: integer('created_by').references(() => users.id),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  disabledAt: integer('disabled_at', { mode: 'timestamp_ms' }),
  disabledReason: text('disabled_reason'),
});

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    webhookId: integer('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    outboxId: integer('outbox_id')
      .notNull()
      .references(() => outbox.id),
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    payload: text('payload').notNull(),
    status: text('status', { enum: WEBHOOK_DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at', { mode: 'timestamp_ms' }).notNull(),
    claimedUntil: integer('claimed_until', { mode: 'timestamp_ms' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_once').on(t.webhookId, t.outboxId),
    index('webhook_deliveries_due_idx').on(t.status, t.nextAttemptAt),
    index('webhook_deliveries_hook_idx').on(t.webhookId, t.id),
  ],
);

// سجل الإرسال: every attempt of a delivery, with its answer's status and how long it took.
export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    deliveryId: integer('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    durationMs: integer('duration_ms').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
  },
  (t) => [index('webhook_attempts_delivery_idx').on(t.deliveryId, t.id)],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// الوارد من الوكالات (lib/platform/wire.ts): agency items waiting as drafts in the wire queue.
export const wireItems = sqliteTable(
  'wire_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    guid: text('guid').notNull(),
    version: integer('version').notNull().default(1),
    articleId: integer('article_id')
      .notNull()
      .references(() => articles.id, { onDelete: 'cascade' }),
    source: text('source').notNull().default(''),
    credit: text('credit').notNull().default(''),
    urgency: integer('urgency'),
    originalAt: integer('original_at', { mode: 'timestamp_ms' }),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    takenAt: integer('taken_at', { mode: 'timestamp_ms' }),
    takenBy: integer('taken_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('wire_items_guid_unique').on(t.guid),
    index('wire_items_queue_idx').on(t.takenAt, t.receivedAt),
    index('wire_items_article_idx').on(t.articleId),
  ],
);
// The planning desk (drizzle/0016_planning.sql). A planned story's state on the plan is derived
// (lib/shared/planning.ts planState), never stored.
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // The newsroom day (its time zone) the story is planned for, YYYY-MM-DD.
    planDay: text('plan_day').notNull(),
    headlineIdea: text('headline_idea').notNull(),
    angle: text('angle').notNull().default(''),
    notes: text('notes').notNull().default(''),
    sectionId: integer('section_id').references(() => sections.id),
    priority: text('priority', { enum: PRIORITIES }).notNull().default('normal'),
    assigneeId: integer('assignee_id').references(() => users.id),
    deadline: integer('deadline', { mode: 'timestamp_ms' }),
    wordTarget: integer('word_target'),
    response: text('response', { enum: ASSIGNMENT_RESPONSES }).notNull().default('pending'),
    declineReason: text('decline_reason'),
    articleId: integer('article_id').references(() => articles.id, { onDelete: 'set null' }),
    pitchId: integer('pitch_id'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    version: integer('version').notNull().default(1),
    // Set by the one sweep that told the assignee the deadline is an hour away / has passed.
    remindedAt: integer('reminded_at', { mode: 'timestamp_ms' }),
    missedNotifiedAt: integer('missed_notified_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('assignments_day_idx').on(t.planDay, t.deadline),
    index('assignments_assignee_idx').on(t.assigneeId, t.deadline),
    uniqueIndex('assignments_article_unique')
      .on(t.articleId)
      .where(sql`article_id IS NOT NULL`),
    index('assignments_deadline_idx')
      .on(t.deadline)
      .where(sql`deadline IS NOT NULL`),
  ],
);

export const assignmentHistory = sqliteTable(
  'assignment_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    assignmentId: integer('assignment_id')
      .notNull()
      .references(() => assignments.id, { onDelete: 'cascade' }),
    actorId: integer('actor_id').references(() => users.id),
    action: text('action').notNull(),
    fromUserId: integer('from_user_id').references(() => users.id),
    toUserId: integer('to_user_id').references(() => users.id),
    detail: text('detail'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('assignment_history_idx').on(t.assignmentId, t.id)],
);

export const pitches = sqliteTable(
  'pitches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    headlineIdea: text('headline_idea').notNull(),
    angle: text('angle').notNull().default(''),
    sectionId: integer('section_id').references(() => sections.id),
    suggestedDay: text('suggested_day').notNull(),
    proposedBy: integer('proposed_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: PITCH_STATUSES }).notNull().default('pending'),
    declineReason: text('decline_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: integer('decided_at', { mode: 'timestamp_ms' }),
    assignmentId: integer('assignment_id').references(() => assignments.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('pitches_status_idx').on(t.status, t.suggestedDay)],
);

export const calendarTokens = sqliteTable(
  'calendar_tokens',
  {
    userId: integer('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [uniqueIndex('calendar_tokens_hash_unique').on(t.tokenHash)],
);

export type Assignment = typeof assignments.$inferSelect;
export type Pitch = typeof pitches.$inferSelect;
