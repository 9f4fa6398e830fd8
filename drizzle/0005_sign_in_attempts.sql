CREATE TABLE `sign_in_attempts` (
	`email` text PRIMARY KEY NOT NULL,
	`attempts` integer NOT NULL,
	`window_started_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sign_in_attempts_window_idx` ON `sign_in_attempts` (`window_started_at`);