-- أسلوب التحرير (issue 20): the desk's house-style rules, the newsroom's own dictionary words
-- (أضف إلى القاموس) and one version number every open editor polls, bumped by every change in the
-- same transaction, so a rule added on قواعد أسلوب التحرير reaches every editor without a rebuild.
-- `variants` is a JSON array of strings (for a pattern rule: the one regular expression).
CREATE TABLE `house_style_rules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL CHECK (`kind` IN ('preferred', 'banned', 'pattern')),
	`preferred` text NOT NULL,
	`variants` text NOT NULL,
	`note` text NOT NULL DEFAULT '',
	`created_by` integer REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)),
	`updated_at` integer NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
);
--> statement-breakpoint
CREATE TABLE `newsroom_dictionary` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`word` text NOT NULL,
	`added_by` integer REFERENCES `users`(`id`),
	`created_at` integer NOT NULL DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `newsroom_dictionary_word_idx` ON `newsroom_dictionary` (`word`);
--> statement-breakpoint
CREATE TABLE `house_style_version` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`version` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `house_style_version` (`id`, `version`) VALUES (1, 1);
--> statement-breakpoint
-- The starter list: the names of the seed article as this newsroom writes them, and common
-- misspellings. The desk edits it on the page; it is data, not code.
INSERT INTO `house_style_rules` (`kind`, `preferred`, `variants`, `note`) VALUES
	('preferred', 'ميرضيائيف', '["ميرزيوييف","ميرزياييف","ميرزيائيف","ميرضياييف"]', 'رئيس أوزبكستان شوكت ميرضيائيف'),
	('preferred', 'شنغهاي', '["شانغهاي","شنجهاي","شانجهاي"]', 'منظمة شنغهاي للتعاون'),
	('preferred', 'طشقند', '["طاشقند","تاشكنت","طشكند"]', 'عاصمة أوزبكستان'),
	('preferred', 'أوزبكستان', '["أوزبكيستان","أوزباكستان"]', ''),
	('preferred', 'شوكت', '["شوكات"]', ''),
	('preferred', 'مسؤول', '["مسئول"]', 'الهمزة على الواو'),
	('preferred', 'مسؤولة', '["مسئولة"]', 'الهمزة على الواو'),
	('preferred', 'مسؤولون', '["مسئولون"]', 'الهمزة على الواو'),
	('preferred', 'مسؤولين', '["مسئولين"]', 'الهمزة على الواو'),
	('preferred', 'مسؤولية', '["مسئولية"]', 'الهمزة على الواو'),
	('preferred', 'شؤون', '["شئون"]', 'الهمزة على الواو'),
	('banned', 'ذلك', '["ذالك"]', 'خطأ شائع'),
	('banned', 'هذا', '["هاذا"]', 'خطأ شائع'),
	('banned', 'هذه', '["هاذه"]', 'خطأ شائع'),
	('banned', 'لكن', '["لاكن"]', 'خطأ شائع'),
	('banned', 'هؤلاء', '["هاؤلاء","هاولاء"]', 'خطأ شائع'),
	('banned', 'إن شاء الله', '["إنشاء الله"]', 'خطأ شائع'),
	('pattern', '$1ا$2', '["^([وف]?(?:[بك]?ال|لل|[بكل])?)إ((?:ست..|.ت.|ن..)ا\\p{L}*)$"]', 'همزة الوصل في مصدر الخماسي والسداسي (احتفال، باستخدام، الاقتصاد، للانتخابات)');
--> statement-breakpoint
-- The places of the newsroom's beat that Ayaspell does not know, so a story from Khiva or the Aral
-- Sea does not start underlined. The desk adds more from the editor (أضف إلى القاموس).
INSERT INTO `newsroom_dictionary` (`word`) VALUES
	('خيوة'), ('نوكوس'), ('فرغانة'), ('قلباقستان'), ('ريجستان'), ('بامير'), ('آرال'), ('نمنغان'),
	('بخارى'), ('شهرسبز'), ('نوراتا'), ('مويناك'), ('تشيلانزار'), ('تشورسو'), ('سيرغيلي'),
	('باختاكور'), ('نافباخور'), ('ناساف'), ('ميغاواط');
