import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { READER_VISIBLE_SQL } from '@/lib/reader/queries';
import { queryTerms, searchTerms } from '@/lib/shared/arabic';

// A reader's query as an FTS5 expression: every folded term quoted, so nothing the reader types
// (quotes, operators, column filters) is read as FTS syntax. Null when nothing searchable is left.
export function toMatchExpression(query: string, maxTerms = 12): string | null {
  const terms = queryTerms(query, maxTerms);
  if (terms.length === 0) return null;
  return terms.map((term) => `"${term.replaceAll('"', '""')}"`).join(' ');
}

export type SearchHit = {
  id: number;
  slug: string;
  headline: string;
  deck: string;
  bodyText: string;
  publishedAt: Date;
};

// `capped`: more matches than COUNT_CAP; the page says "more than" instead of counting them all.
export type SearchResults = {
  hits: SearchHit[];
  total: number;
  capped: boolean;
  page: number;
  pageCount: number;
};

export const SEARCH_PER_PAGE = 10;
// A common word matches most of a large archive. Ranking every match would make such a query
// cost as much as the archive is big, so bm25 ranks the newest RANK_WINDOW matches (readers of
// news want recent stories first anyway) and counting stops at COUNT_CAP. bm25 still reads each
// term's whole list of matches once for its weight (IDF): that pass, 3-7 ms for a word found in
// nearly all of 100,000 articles, is what the slowest searches now cost; a smaller window would
// not shorten it (measured with LIMIT 10, 250 and 1000).
export const RANK_WINDOW = 1000;
export const COUNT_CAP = 1000;

type SearchRow = {
  id: number;
  slug: string;
  headline: string;
  deck: string;
  bodyText: string;
  publishedAt: number;
};

// Prepared once: preparing the two FTS5 statements on every call cost 0.15-0.3 ms a search
// (a word with no match: 0.25 -> 0.1 ms; a word in 2,800 articles: 1.1 -> 0.85 ms).
const countMatches = prepareOnFirstUse(() =>
  db.$client
    .prepare<[string], number>(
      `SELECT count(*) FROM
         (SELECT rowid FROM article_search WHERE article_search MATCH ? LIMIT ${COUNT_CAP + 1})`,
    )
    .pluck(),
);
// Ranked and paged inside the index (rowid is the article id), so only the page's own rows are
// read from articles and article_revisions: joining first read and sorted the full text of
// every one of the RANK_WINDOW matches, the slowest part of a common word's query (bench/search.ts).
const rankedPage = prepareOnFirstUse(() =>
  db.$client.prepare<{ expression: string; limit: number; offset: number }, SearchRow>(
    `SELECT articles.id AS id, r.slug AS slug, r.headline AS headline, r.deck AS deck,
            r.body_text AS bodyText, articles.published_at AS publishedAt
     FROM (SELECT id, score
           FROM (SELECT rowid AS id, bm25(article_search, 10.0, 4.0, 1.0, 6.0) AS score
                 FROM article_search WHERE article_search MATCH @expression
                 ORDER BY rowid DESC LIMIT ${RANK_WINDOW})
           ORDER BY score, id DESC
           LIMIT @limit OFFSET @offset) AS ranked
     -- CROSS JOIN keeps the page of matches as the outer loop; otherwise SQLite walks every
     -- published article through the status index and probes the matches.
     CROSS JOIN articles ON articles.id = ranked.id AND ${READER_VISIBLE_SQL}
     JOIN article_revisions r ON r.id = articles.published_revision_id
     ORDER BY ranked.score, ranked.id DESC`,
  ),
);

// Published articles matching a reader's query, best first (bm25, headline and tags weigh most;
// equal scores newest article first). The expression comes from toMatchExpression only, never
// from the reader's text itself. The index holds published articles only (the publish and
// unpublish queries keep it so); the join on status is a safety net, not a filter.
export function searchPublished(query: string, page = 1, perPage = SEARCH_PER_PAGE): SearchResults {
  const expression = toMatchExpression(query);
  if (!expression) return { hits: [], total: 0, capped: false, page: 1, pageCount: 1 };
  const counted = countMatches().get(expression) ?? 0;
  const capped = counted > COUNT_CAP;
  const total = Math.min(counted, COUNT_CAP);
  const pageCount = Math.max(1, Math.ceil(Math.min(total, RANK_WINDOW) / perPage));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = rankedPage().all({ expression, limit: perPage, offset: (current - 1) * perPage });
  return {
    hits: rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt) })),
    total,
    capped,
    page: current,
    pageCount,
  };
}

export type SnippetPart = { text: string; match: boolean };

const WORD_OR_GAP_RE = /[\p{L}\p{M}\p{N}\u0640]+|[^\p{L}\p{M}\p{N}\u0640]+/gu;

// The original text around the first matching word, cut into parts so the page can wrap the
// matching words in <mark> (React escapes every part). A word matches when its folded terms meet
// the query's. Words are folded only up to the end of the snippet, once per distinct word: folding
// every word of a 20,000-character body took ~6 ms, per result, on each search page.
export function highlight(text: string, query: string, radius = 18): SnippetPart[] {
  const wanted = new Set(searchTerms(query.slice(0, 500)));
  const pieces = text.match(WORD_OR_GAP_RE) ?? [];
  const known = new Map<string, boolean>();
  const isMatch = (i: number): boolean => {
    const piece = pieces[i]!;
    let match = known.get(piece);
    if (match === undefined) {
      match = /[\p{L}\p{N}]/u.test(piece) && searchTerms(piece).some((t) => wanted.has(t));
      known.set(piece, match);
    }
    return match;
  };
  let first = -1;
  for (let i = 0; wanted.size > 0 && i < pieces.length && first < 0; i++) if (isMatch(i)) first = i;
  // Words and gaps alternate, so a radius of N words is about 2N pieces.
  const start = first < 0 ? 0 : Math.max(0, first - radius * 2);
  const end = Math.min(pieces.length, (first < 0 ? 0 : first) + radius * 2 + 1);
  const parts: SnippetPart[] = [];
  if (start > 0) parts.push({ text: '… ', match: false });
  for (let i = start; i < end; i++) {
    const last = parts.at(-1);
    const match = isMatch(i);
    if (last && !last.match && !match) last.text += pieces[i];
    else parts.push({ text: pieces[i]!, match });
  }
  if (end < pieces.length) parts.push({ text: ' …', match: false });
  return parts;
}
