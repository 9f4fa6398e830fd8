CREATE TABLE `article_stats` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`shares` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `media` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`mime` text NOT NULL,
	`original_name` text DEFAULT '' NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`bytes` integer NOT NULL,
	`variants_json` text NOT NULL,
	`alt` text DEFAULT '' NOT NULL,
	`caption` text DEFAULT '' NOT NULL,
	`credit` text DEFAULT '' NOT NULL,
	`uploaded_by` integer NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `media_created_idx` ON `media` (`created_at`);--> statement-breakpoint
CREATE TABLE `recent_views` (
	`article_id` integer NOT NULL,
	`visitor` text NOT NULL,
	`seen_at` integer NOT NULL,
	PRIMARY KEY(`article_id`, `visitor`)
);
--> statement-breakpoint
CREATE INDEX `recent_views_seen_idx` ON `recent_views` (`seen_at`);--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `byline` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `lead_image_id` integer;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `lead_image_alt` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `lead_image_caption` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `article_revisions` ADD `lead_image_credit` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `slug_locked` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `byline` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `lead_image_id` integer REFERENCES media(id);--> statement-breakpoint
ALTER TABLE `articles` ADD `lead_image_alt` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `lead_image_caption` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `lead_image_credit` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `articles_section_idx` ON `articles` (`section_id`,`status`,`published_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `articles_slug_unique` ON `articles` (`slug`) WHERE slug <> '';