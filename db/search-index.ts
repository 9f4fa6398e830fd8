import { sql } from 'drizzle-orm';
import { searchTerms } from '@/lib/shared/arabic';
import type { Tx } from './transaction';

// The readers' search index (SQLite FTS5, drizzle/): one of the few pieces that knows its
// dialect, so it lives in db/. The text is folded as the reader's query is (lib/shared/arabic.ts
// searchTerms), so hamza forms, diacritics and tatweel match; lib/reader/search.ts queries it.

export type SearchDocument = { headline: string; deck: string; body: string; tags: string[] };

const fold = (text: string) => searchTerms(text).join(' ');

// Called by the publish query inside its transaction: the index always matches what readers see.
export function indexPublishedArticle(tx: Tx, articleId: number, doc: SearchDocument): void {
  tx.run(sql`DELETE FROM article_search WHERE rowid = ${articleId}`);
  tx.run(
    sql`INSERT INTO article_search (rowid, headline, deck, body, tags)
        VALUES (${articleId}, ${fold(doc.headline)}, ${fold(doc.deck)}, ${fold(doc.body)}, ${fold(doc.tags.join(' '))})`,
  );
}

export function removeFromSearch(tx: Tx, articleId: number): void {
  tx.run(sql`DELETE FROM article_search WHERE rowid = ${articleId}`);
}
