import { relations, sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

// The single source of truth for the data model. Timestamps are stored as epoch milliseconds.

export const ROLES = ['reporter', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ARTICLE_STATUSES = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'unpublished',
  'archived',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const REVISION_REASONS = [
  'create',
  'save',
  'submit',
  'request_changes',
  'approve',
  'publish',
  'unpublish',
  'restore',
  'correction',
  'withdraw',
  'schedule',
  'archive',
] as const;
export type RevisionReason = (typeof REVISION_REASONS)[number];

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
    changesRequestedReason: text('changes_requested_reason'),
    // Readers see nothing of the article while this is set (db/queries/public.ts, readerVisible);
    // the scheduler clears it when its time comes, with the same cache refresh as a publish.
    embargoUntil: integer('embargo_until', { mode: 'timestamp_ms' }),
    // Who scheduled it: the scheduler publishes in their name.
    scheduledBy: integer('scheduled_by').references(() => users.id),
    // A never-published draft that was deleted: it leaves every list, its revisions stay.
    deletedAt: integer('deleted_at', { mode: 'timestamp_ms' }),
  },
  (t) => [
    index('articles_status_published_idx').on(t.status, t.publishedAt),
    index('articles_author_idx').on(t.authorId, t.updatedAt),
    index('articles_section_idx').on(t.sectionId, t.status, t.publishedAt),
    index('articles_scheduled_idx').on(t.status, t.scheduledAt),
    index('articles_embargo_idx')
      .on(t.embargoUntil)
      .where(sql`embargo_until IS NOT NULL`),
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

// One view per browser per article per half hour: the last time each visitor was counted.
export const recentViews = sqliteTable(
  'recent_views',
  {
    articleId: integer('article_id').notNull(),
    visitor: text('visitor').notNull(),
    seenAt: integer('seen_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.visitor] }), index('recent_views_seen_idx').on(t.seenAt)],
);

// Sign-in attempts per email address (known or not) not yet followed by a success, in the current
// window: each attempt is counted before its password is checked, so parallel guesses cannot
// slip past the limit (db/queries/sign-in.ts).
export const signInAttempts = sqliteTable(
  'sign_in_attempts',
  {
    email: text('email').primaryKey(),
    attempts: integer('attempts').notNull(),
    windowStartedAt: integer('window_started_at').notNull(),
  },
  (t) => [index('sign_in_attempts_window_idx').on(t.windowStartedAt)],
);

// When each reader cache tag (lib/reader-cache.ts) was last expired. Next keeps tag expiry in
// memory only, while the cached pages stay on disk: this outlives a restart and is handed back to
// Next when the server starts (instrumentation.ts), so an unpublished article cannot come back.
export const readerCacheExpiries = sqliteTable('reader_cache_expiries', {
  tag: text('tag').primaryKey(),
  expiredAt: integer('expired_at').notNull(),
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
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    detail: text('detail'),
    createdAt: createdAt(),
  },
  (t) => [index('events_article_idx').on(t.articleId, t.id)],
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

export const NOTE_KINDS = ['note', 'request_changes'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

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

export const NOTIFICATION_KINDS = [
  'submitted',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'mentioned',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

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
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.id)],
);

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
