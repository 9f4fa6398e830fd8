CREATE TABLE `reader_cache_expiries` (
	`tag` text PRIMARY KEY NOT NULL,
	`expired_at` integer NOT NULL
);
