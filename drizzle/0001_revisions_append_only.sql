-- Hand-written: revisions are the newsroom's memory; the database itself refuses to rewrite them.
CREATE TRIGGER `article_revisions_no_update` BEFORE UPDATE ON `article_revisions`
BEGIN
  SELECT RAISE(ABORT, 'article_revisions is append-only');
END;
