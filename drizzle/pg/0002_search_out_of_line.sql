-- Hand-written: the readers' search table keeps its rows narrow. A row of article_search holds
-- the folded text (~1.5 KB) and its tsvector (~2.5 KB); stored in the row, they made the table
-- 163 MB at 100,000 articles, and a search for a common word visited the heap row of every
-- match (the bitmap scans that count a word's articles and pick the newest 1,000). With the
-- target at its minimum the text and the tsvector go to the TOAST table, the row keeps the id,
-- the length and pointers (13 MB at 100,000), and a tsvector is read only for the 1,000 rows
-- ranked (bench/search-stores.ts; db/pg-search-index.ts searchIndex). Applies to rows written
-- from now on; a table already filled is rewritten by VACUUM FULL article_search.
ALTER TABLE article_search SET (toast_tuple_target = 128);
