-- Writing together (docs/collaboration.md). The shared Yjs document of an article's body, kept by
-- the collaboration server in the same transaction as the body it stored from it, so that a
-- restart starts from exactly what was last stored; `body_hash` is the SHA-256 of that stored body
-- (a body changed by another path since, such as a restore, replaces the shared one on load).
CREATE TABLE `article_collab_states` (
	`article_id` integer PRIMARY KEY NOT NULL REFERENCES `articles`(`id`) ON DELETE CASCADE,
	`state` blob NOT NULL,
	`body_hash` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
-- Everyone whose typing went into a revision: a body written by several people at once is saved
-- under one of them (the revision's created_by), and the others are named here.
CREATE TABLE `article_revision_contributors` (
	`revision_id` integer NOT NULL REFERENCES `article_revisions`(`id`) ON DELETE CASCADE,
	`user_id` integer NOT NULL REFERENCES `users`(`id`),
	PRIMARY KEY (`revision_id`, `user_id`)
);
