-- The front page's top story (الخبر الرئيسي), chosen by an editor: the published article with the
-- latest choice time. Choosing one clears the others, so at most one row carries it.
ALTER TABLE `articles` ADD `top_story_at` integer;
--> statement-breakpoint
CREATE INDEX `articles_top_story_idx` ON `articles` (`top_story_at`) WHERE `top_story_at` IS NOT NULL;
