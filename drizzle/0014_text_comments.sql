-- تعليق على النص: newsroom comment threads anchored on words of an article's body. The anchor is
-- a `comment` mark inside the body (lib/document/comment-mark.ts) carrying only the thread's id;
-- the thread's words, people and state are here. Never read by a reader query.
CREATE TABLE `text_comment_threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL REFERENCES `articles`(`id`) ON DELETE CASCADE,
	`author_id` integer NOT NULL REFERENCES `users`(`id`),
	`quote` text NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer REFERENCES `users`(`id`),
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `text_comment_threads_article_idx` ON `text_comment_threads` (`article_id`,`id`);
--> statement-breakpoint
CREATE TABLE `text_comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL REFERENCES `text_comment_threads`(`id`) ON DELETE CASCADE,
	`author_id` integer NOT NULL REFERENCES `users`(`id`),
	`body` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `text_comments_thread_idx` ON `text_comments` (`thread_id`,`id`);
