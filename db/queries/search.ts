import { sql } from 'drizzle-orm';
import type { Db } from '@/db/connection';
import { searchTerms } from '@/lib/arabic';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

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

// A reader's query as an FTS5 expression: every folded term quoted, so nothing the reader types
// (quotes, operators, column filters) is read as FTS syntax. Null when nothing searchable is left.
export function toMatchExpression(query: string, maxTerms = 12): string | null {
  const terms = [...new Set(searchTerms(query.slice(0, 500)))].slice(0, maxTerms);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}
