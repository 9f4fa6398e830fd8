-- Hand-written (drizzle-kit cannot declare virtual tables). The search index of published
-- articles: rowid is the article id; each column holds the output of lib/arabic.ts searchTerms()
-- (diacritics, hamza forms, taa marbuta, alef maqsura, digits and attached prefixes folded), the
-- same function that folds the reader's query. Kept in step by the publish/unpublish queries.
CREATE VIRTUAL TABLE `article_search` USING fts5(
  `headline`,
  `deck`,
  `body`,
  `tags`,
  tokenize = 'unicode61 remove_diacritics 0'
);
