-- Who last changed each field of an article's working copy, at which version and when
-- ({"headline": {"version": 7, "by": 3, "at": 1796000000000}, …}): the server's three-way merge
-- of autosaves (db/queries/articles.ts, saveArticle) reads it to know which fields others
-- changed since the version a save was based on, without keeping every version.
ALTER TABLE `articles` ADD `field_changes` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
-- Articles written before this history was kept: every field counts as changed at their current
-- version by their author, so a save based on an older version is compared field by field
-- (a conflict shown, never an overwrite) while a save based on the current version merges.
UPDATE `articles` SET `field_changes` = json_object(
  'headline', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'deck', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'slug', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'sectionId', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'dateline', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'byline', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'tags', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'leadImage', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`),
  'body', json_object('version', `version`, 'by', `author_id`, 'at', `updated_at`)
);
