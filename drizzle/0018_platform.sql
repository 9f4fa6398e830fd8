-- The newsroom as a platform (docs/api.md): keys for the API, a per-key rate window, the outbox
-- (a durable queue written in the same transaction as the change it announces), webhooks and
-- their deliveries with every attempt.
CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	-- The first characters of the key, shown in the list so a person can tell keys apart.
	`prefix` text NOT NULL,
	-- SHA-256 (hex) of the whole key: the key has 256 random bits, so a fast hash is enough.
	`key_hash` text NOT NULL,
	-- JSON array of scopes (lib/shared/permissions.ts API_SCOPES).
	`scopes` text NOT NULL,
	`owner_id` integer NOT NULL REFERENCES `users`(`id`),
	`created_by` integer REFERENCES `users`(`id`),
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer,
	`rate_per_minute` integer DEFAULT 600 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_hash_unique` ON `api_keys` (`key_hash`);
--> statement-breakpoint
-- One row per key per minute: every worker and instance on the file counts in the same row.
CREATE TABLE `api_rate_windows` (
	`key_id` integer NOT NULL REFERENCES `api_keys`(`id`) ON DELETE CASCADE,
	`window_start` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY (`key_id`, `window_start`)
);
--> statement-breakpoint
-- The outbox: what happened, written in the transaction of the change itself. Each consumer
-- (`topic`) claims a row once with a conditional update (a lease), and marks it done.
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` integer NOT NULL,
	`claimed_until` integer,
	`done_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_pending_idx` ON `outbox` (`topic`, `id`) WHERE `done_at` IS NULL;
--> statement-breakpoint
CREATE TABLE `webhooks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	-- JSON array of event types (lib/shared/webhook-events.ts).
	`events` text NOT NULL,
	-- whsec_… (Standard Webhooks): kept whole, since signing needs it.
	`secret` text NOT NULL,
	`created_by` integer REFERENCES `users`(`id`),
	`created_at` integer NOT NULL,
	`disabled_at` integer,
	`disabled_reason` text
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`webhook_id` integer NOT NULL REFERENCES `webhooks`(`id`) ON DELETE CASCADE,
	`outbox_id` integer NOT NULL REFERENCES `outbox`(`id`),
	`message_id` text NOT NULL,
	`event_type` text NOT NULL,
	`payload` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`claimed_until` integer,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `webhook_deliveries_once` ON `webhook_deliveries` (`webhook_id`, `outbox_id`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_idx` ON `webhook_deliveries` (`status`, `next_attempt_at`);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_hook_idx` ON `webhook_deliveries` (`webhook_id`, `id`);
--> statement-breakpoint
CREATE TABLE `webhook_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`delivery_id` integer NOT NULL REFERENCES `webhook_deliveries`(`id`) ON DELETE CASCADE,
	`at` integer NOT NULL,
	`duration_ms` integer NOT NULL,
	`status_code` integer,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `webhook_attempts_delivery_idx` ON `webhook_attempts` (`delivery_id`, `id`);
--> statement-breakpoint
-- الوارد من الوكالات: agency items (ninjs) waiting as drafts in the wire queue, with what the agency
-- said of them. One row per item (guid): a later version updates the queued draft.
CREATE TABLE `wire_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`guid` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`article_id` integer NOT NULL REFERENCES `articles`(`id`) ON DELETE CASCADE,
	`source` text DEFAULT '' NOT NULL,
	`credit` text DEFAULT '' NOT NULL,
	`urgency` integer,
	`original_at` integer,
	`received_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`taken_at` integer,
	`taken_by` integer REFERENCES `users`(`id`)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `wire_items_guid_unique` ON `wire_items` (`guid`);
--> statement-breakpoint
CREATE INDEX `wire_items_queue_idx` ON `wire_items` (`taken_at`, `received_at`);
