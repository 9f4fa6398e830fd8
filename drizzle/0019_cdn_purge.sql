-- The caches in front that the app purges by Surrogate-Key (docs/deploying.md, Varnish): for each,
-- the last reader cache generation whose changed names it was sent. The names themselves are
-- reader_cache_expiries, written in the same transaction as each change, so a purge is resent
-- until the cache answers and never sent for a change that rolled back.
CREATE TABLE `cdn_purge_targets` (
	`url` text PRIMARY KEY NOT NULL,
	`purged_generation` integer NOT NULL,
	`lease_until` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`last_attempt_at` integer,
	`last_error` text
);
