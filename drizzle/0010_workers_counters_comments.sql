CREATE TABLE `reader_cache_generation` (
	`id` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `reader_cache_generation` (`id`, `generation`) VALUES (1, 0);
--> statement-breakpoint
ALTER TABLE `reader_cache_expiries` ADD `generation` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
CREATE INDEX `reader_cache_expiries_generation_idx` ON `reader_cache_expiries` (`generation`);
--> statement-breakpoint
CREATE TABLE `visitor_salts` (
	`day` text PRIMARY KEY NOT NULL,
	`salt` text NOT NULL
);
--> statement-breakpoint
DROP TABLE `recent_views`;
--> statement-breakpoint
CREATE TABLE `counted_visits` (
	`kind` text NOT NULL,
	`article_id` integer NOT NULL,
	`visitor` text NOT NULL,
	`address` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `article_id`, `visitor`)
);
--> statement-breakpoint
CREATE INDEX `counted_visits_seen_idx` ON `counted_visits` (`seen_at`);
--> statement-breakpoint
CREATE INDEX `counted_visits_address_idx` ON `counted_visits` (`kind`, `article_id`, `address`, `seen_at`);
--> statement-breakpoint
CREATE TABLE `article_view_hours` (
	`article_id` integer NOT NULL,
	`hour` integer NOT NULL,
	`views` integer NOT NULL,
	PRIMARY KEY(`article_id`, `hour`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `article_view_hours_hour_idx` ON `article_view_hours` (`hour`);
--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`author_name` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`client` text NOT NULL,
	`body_key` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`moderated_at` integer,
	`moderated_by` integer,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`moderated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `comments_queue_idx` ON `comments` (`status`, `created_at`);
--> statement-breakpoint
CREATE INDEX `comments_article_idx` ON `comments` (`article_id`, `status`, `created_at`);
--> statement-breakpoint
CREATE INDEX `comments_client_idx` ON `comments` (`client`, `created_at`);
--> statement-breakpoint
CREATE INDEX `comments_body_idx` ON `comments` (`article_id`, `body_key`);
--> statement-breakpoint
CREATE TABLE `article_comment_settings` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`closed` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `site_settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `editor_presence` (
	`article_id` integer NOT NULL,
	`tab_id` text NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `tab_id`)
);
--> statement-breakpoint
CREATE INDEX `editor_presence_seen_idx` ON `editor_presence` (`seen_at`);
