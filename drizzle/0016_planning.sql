-- Hand-written (issue 19, the planning desk: خطة التغطية, مقترحات, تكليفات, التقويم التحريري).
-- A planned story (تكليف): what the desk means to publish on a newsroom day, by whom and by when.
-- Its state as the plan shows it (مقترح … منشور, متأخر) is not stored: it is worked out from
-- these columns and the linked article's status (lib/shared/planning.ts), so it follows the
-- article without anyone updating it.
CREATE TABLE `assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`plan_day` text NOT NULL,
	`headline_idea` text NOT NULL,
	`angle` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`section_id` integer REFERENCES `sections`(`id`),
	`priority` text DEFAULT 'normal' NOT NULL,
	`assignee_id` integer REFERENCES `users`(`id`),
	`deadline` integer,
	`word_target` integer,
	`response` text DEFAULT 'pending' NOT NULL,
	`decline_reason` text,
	`article_id` integer REFERENCES `articles`(`id`) ON DELETE SET NULL,
	`pitch_id` integer,
	`created_by` integer NOT NULL REFERENCES `users`(`id`),
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`reminded_at` integer,
	`missed_notified_at` integer
);
--> statement-breakpoint
CREATE INDEX `assignments_day_idx` ON `assignments` (`plan_day`,`deadline`);
--> statement-breakpoint
CREATE INDEX `assignments_assignee_idx` ON `assignments` (`assignee_id`,`deadline`);
--> statement-breakpoint
CREATE UNIQUE INDEX `assignments_article_unique` ON `assignments` (`article_id`) WHERE `article_id` IS NOT NULL;
--> statement-breakpoint
CREATE INDEX `assignments_deadline_idx` ON `assignments` (`deadline`) WHERE `deadline` IS NOT NULL;
--> statement-breakpoint
-- Every change to a planned story, so a reassignment keeps who had it before and why.
CREATE TABLE `assignment_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`assignment_id` integer NOT NULL REFERENCES `assignments`(`id`) ON DELETE CASCADE,
	`actor_id` integer REFERENCES `users`(`id`),
	`action` text NOT NULL,
	`from_user_id` integer REFERENCES `users`(`id`),
	`to_user_id` integer REFERENCES `users`(`id`),
	`detail` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assignment_history_idx` ON `assignment_history` (`assignment_id`,`id`);
--> statement-breakpoint
-- مقترح: a story someone proposes; the desk accepts it into the plan or declines it with a reason (kept).
CREATE TABLE `pitches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`headline_idea` text NOT NULL,
	`angle` text DEFAULT '' NOT NULL,
	`section_id` integer REFERENCES `sections`(`id`),
	`suggested_day` text NOT NULL,
	`proposed_by` integer NOT NULL REFERENCES `users`(`id`),
	`status` text DEFAULT 'pending' NOT NULL,
	`decline_reason` text,
	`decided_by` integer REFERENCES `users`(`id`),
	`decided_at` integer,
	`assignment_id` integer REFERENCES `assignments`(`id`) ON DELETE SET NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pitches_status_idx` ON `pitches` (`status`,`suggested_day`);
--> statement-breakpoint
-- The private iCalendar feed: one token per person, stored as its SHA-256 (the address is the
-- secret); replacing or deleting the row revokes the old address at once.
CREATE TABLE `calendar_tokens` (
	`user_id` integer PRIMARY KEY NOT NULL REFERENCES `users`(`id`) ON DELETE CASCADE,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `calendar_tokens_hash_unique` ON `calendar_tokens` (`token_hash`);
--> statement-breakpoint
-- A notification about a planned story (new assignment, a decline, a deadline) names it.
ALTER TABLE `notifications` ADD `assignment_id` integer REFERENCES `assignments`(`id`) ON DELETE CASCADE;
