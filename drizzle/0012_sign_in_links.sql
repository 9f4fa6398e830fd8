-- One-time sign-in links an admin issues from الفريق (db/queries/sign-in-links.ts): a way in for
-- an account's owner that a stranger's wrong passwords cannot block. Only the token's SHA-256 is
-- stored; a link works once, until `expires_at`, and never for a disabled account.
CREATE TABLE `sign_in_links` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL REFERENCES `users`(`id`) ON DELETE CASCADE,
	`token_hash` text NOT NULL,
	`created_by` integer NOT NULL REFERENCES `users`(`id`),
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sign_in_links_token_idx` ON `sign_in_links` (`token_hash`);
--> statement-breakpoint
CREATE INDEX `sign_in_links_user_idx` ON `sign_in_links` (`user_id`, `expires_at`);
