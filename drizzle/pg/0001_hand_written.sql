-- Hand-written: PostgreSQL's counterparts of what SQLite has in hand-written migrations only
-- (docs/decisions/postgres.md lists each pair; tests/integration/postgres-schema.test.ts checks
-- that every one exists and every SQLite one has its counterpart).

-- drizzle/0001: revisions are the newsroom's memory; the database itself refuses to rewrite them.
CREATE FUNCTION article_revisions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'article_revisions is append-only';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER article_revisions_no_update BEFORE UPDATE ON article_revisions
  FOR EACH ROW EXECUTE FUNCTION article_revisions_append_only();
--> statement-breakpoint
-- drizzle/0003: the readers' search index (SQLite: the FTS5 table article_search). Each text
-- column holds lib/shared/arabic.ts searchTerms() output, as in SQLite, so both stores search the
-- same folded words; `document` is their tsvector in the `simple` configuration (no stemming,
-- no stop words: the folding has done the language's work), each column under the letter that
-- db/pg-search-index.ts gives bm25's column weight (headline A, tags B, deck C, body D).
-- `length` is the row's number of words, as FTS5 counts a row for bm25.
CREATE TABLE article_search (
  article_id integer PRIMARY KEY NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  headline text NOT NULL DEFAULT '',
  deck text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  tags text NOT NULL DEFAULT '',
  document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, headline), 'A') ||
    setweight(to_tsvector('simple'::regconfig, tags), 'B') ||
    setweight(to_tsvector('simple'::regconfig, deck), 'C') ||
    setweight(to_tsvector('simple'::regconfig, body), 'D')
  ) STORED,
  length integer GENERATED ALWAYS AS (
    coalesce(cardinality(string_to_array(nullif(headline, ''), ' ')), 0) +
    coalesce(cardinality(string_to_array(nullif(deck, ''), ' ')), 0) +
    coalesce(cardinality(string_to_array(nullif(body, ''), ' ')), 0) +
    coalesce(cardinality(string_to_array(nullif(tags, ''), ' ')), 0)
  ) STORED
);
--> statement-breakpoint
CREATE INDEX article_search_document_idx ON article_search USING gin (document);
--> statement-breakpoint
-- The index's totals, which bm25 weighs every match by (FTS5 keeps the same two numbers): kept by
-- a trigger in the transaction of every change to the index, so no writer can forget them, and
-- read as one row rather than by counting a million.
CREATE TABLE article_search_totals (
  id integer PRIMARY KEY NOT NULL CHECK (id = 1),
  rows bigint NOT NULL,
  words bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO article_search_totals (id, rows, words) VALUES (1, 0, 0);
--> statement-breakpoint
CREATE FUNCTION article_search_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE article_search_totals SET rows = rows + 1, words = words + NEW.length WHERE id = 1;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE article_search_totals SET rows = rows - 1, words = words - OLD.length WHERE id = 1;
  ELSE
    UPDATE article_search_totals SET words = words - OLD.length + NEW.length WHERE id = 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER article_search_totals_kept AFTER INSERT OR UPDATE OR DELETE ON article_search
  FOR EACH ROW EXECUTE FUNCTION article_search_count();
--> statement-breakpoint
-- drizzle/0008: the newsroom's search over working copies (SQLite: the FTS5 table
-- newsroom_search); newsroom_search_state is in the Drizzle schema on both sides.
CREATE TABLE newsroom_search (
  article_id integer PRIMARY KEY NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  headline text NOT NULL DEFAULT '',
  body text NOT NULL DEFAULT '',
  document tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple'::regconfig, headline), 'A') ||
    setweight(to_tsvector('simple'::regconfig, body), 'D')
  ) STORED
);
--> statement-breakpoint
CREATE INDEX newsroom_search_document_idx ON newsroom_search USING gin (document);
--> statement-breakpoint
-- drizzle/0010: the one row of the reader cache generation.
INSERT INTO reader_cache_generation (id, generation) VALUES (1, 0);
--> statement-breakpoint
-- drizzle/0017: the checks SQLite's hand-written tables carry, the one row of the house style
-- version, and the starter house style and dictionary (data, which the desk edits).
ALTER TABLE house_style_rules ADD CONSTRAINT house_style_rules_kind_check
  CHECK (kind IN ('preferred', 'banned', 'pattern'));
--> statement-breakpoint
ALTER TABLE house_style_version ADD CONSTRAINT house_style_version_one_row CHECK (id = 1);
--> statement-breakpoint
INSERT INTO house_style_version (id, version) VALUES (1, 1);
--> statement-breakpoint
INSERT INTO house_style_rules (kind, preferred, variants, note) VALUES
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
INSERT INTO newsroom_dictionary (word) VALUES
	('خيوة'), ('نوكوس'), ('فرغانة'), ('قلباقستان'), ('ريجستان'), ('بامير'), ('آرال'), ('نمنغان'),
	('بخارى'), ('شهرسبز'), ('نوراتا'), ('مويناك'), ('تشيلانزار'), ('تشورسو'), ('سيرغيلي'),
	('باختاكور'), ('نافباخور'), ('ناساف'), ('ميغاواط');
