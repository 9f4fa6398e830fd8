-- Hand-written (issue 9, the desk's memory and its people).
-- A first password given by an admin (new member or reset) must be changed at the next sign-in.
ALTER TABLE `users` ADD `must_change_password` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Changes to people are events too: the member they were about.
ALTER TABLE `events` ADD `user_id` integer REFERENCES `users`(`id`);
--> statement-breakpoint
CREATE INDEX `events_actor_idx` ON `events` (`actor_id`,`id`);
--> statement-breakpoint
CREATE INDEX `events_action_idx` ON `events` (`action`,`id`);
--> statement-breakpoint
-- The newsroom's index (كل المقالات) lists by last change.
CREATE INDEX `articles_updated_idx` ON `articles` (`updated_at`);
--> statement-breakpoint
-- Lets the newsroom search find the articles changed since they were folded from an index alone:
-- `version` sits after the body in the row, so reading it from the table walks every body.
CREATE INDEX `articles_version_idx` ON `articles` (`version`);
--> statement-breakpoint
-- Search over working copies (drafts included), for the newsroom only. The reader index
-- (article_search) holds published text only. Columns hold lib/arabic.ts searchTerms() output,
-- as in article_search. Kept in step lazily: newsroom_search_state records the article version
-- each row was folded from, and a newsroom search first re-folds the articles whose version moved
-- (db/queries/newsroom-index.ts), so no write path has to remember it.
CREATE VIRTUAL TABLE `newsroom_search` USING fts5(
  `headline`,
  `body`,
  tokenize = 'unicode61 remove_diacritics 0'
);
--> statement-breakpoint
CREATE TABLE `newsroom_search_state` (
	`article_id` integer PRIMARY KEY NOT NULL REFERENCES `articles`(`id`) ON DELETE CASCADE,
	`version` integer NOT NULL
);
