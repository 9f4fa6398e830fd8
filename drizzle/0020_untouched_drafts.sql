-- مقال جديد discards the person's untouched drafts first (lib/newsroom/articles.ts
-- discardUntouchedDrafts). Without these, SQLite took articles_version_idx and read every
-- never-saved article of the newsroom, and scanned wire_items once for each of them (its
-- article_id had no index, which every article deletion's foreign-key check paid too).
CREATE INDEX `articles_untouched_idx` ON `articles` (`author_id`) WHERE version = 1;
--> statement-breakpoint
CREATE INDEX `wire_items_article_idx` ON `wire_items` (`article_id`);
