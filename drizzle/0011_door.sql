-- Sessions carry the version stored with their user: bumping it (sign-out, role change, password
-- reset, disabling) ends every open session of that user at its next request.
ALTER TABLE `users` ADD `session_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Sign-in limits per key (an untrusted client, an account's untrusted allowance, a device cookie,
-- the global argon2 budget), replacing the per-address lock that anyone could renew.
DROP TABLE IF EXISTS `sign_in_attempts`;
--> statement-breakpoint
CREATE TABLE `sign_in_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`window_started_at` integer NOT NULL,
	`last_attempt_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_limits_last_idx` ON `sign_in_limits` (`last_attempt_at`);
--> statement-breakpoint
-- Device cookies that were used for wrong passwords too often: refused until `locked_until`.
CREATE TABLE `locked_devices` (
	`device` text PRIMARY KEY NOT NULL,
	`locked_until` integer NOT NULL
);
--> statement-breakpoint
-- Presence (table `editor_presence`, migration 0010): one person's tabs on one article, newest
-- first, for the per-person bound of lib/presence.ts.
CREATE INDEX IF NOT EXISTS `editor_presence_user_idx` ON `editor_presence` (`article_id`, `user_id`, `seen_at`);
