import 'server-only';
import {
  getAuthorName,
  getSectionBySlug,
  getSectionLead,
  getTagBySlug,
  getTopStory,
  listSections,
  pageOfAuthor,
  pageOfLatest,
  pageOfSection,
  pageOfTag,
  type Page,
  type PublishedSummary,
} from '@/lib/reader/queries';
import { highlight, type SnippetPart } from '@/lib/reader/search';
import { cachedSearch } from '@/lib/reader/search-cache';
import { MAX_QUERY, searchQueryOf } from '@/lib/shared/search-query.mjs';
import { mostReadArticles } from '@/lib/reader/counters';
import { html, type Html } from '@/lib/reader/html';
import {
  notFoundResponse,
  pagePath,
  paginationHtml,
  parsePageNumber,
  publishedDateHtml,
  rankedListHtml,
  readerDocument,
  readerResponse,
  searchButtonHtml,
  sectionPath,
  storyCardHtml,
  storyGridHtml,
  type Feeds,
} from '@/lib/reader/templates';
import { newsroomSettings } from '@/lib/shared/settings';
import { articlePath, parseId, safeDecode } from '@/lib/shared/urls';

// The reader pages other than the article page (app/(public)/news/[id]/[slug]/article-page.ts):
// home, the lists (latest, section, tag, author) with their pages, and search. Each function is
// a whole route handler's answer.

const SECTION_BLOCK = 4;
const MOST_READ = 5;
const SIDE_STORIES = 4;

const feedsOf = (basePath: string): Feeds => ({
  rss: `${basePath}/feed.xml`,
  atom: `${basePath}/atom.xml`,
});

// The front page: the top story with its picture, the most read beside it, the latest with
// thumbnails, then a block per section under a label that links to the section's page.
export function homePage(): Response {
  const top = getTopStory();
  const latest = pageOfLatest(1);
  const rest = latest.items.filter((a) => a.id !== top?.id);
  const mostRead = readMostRead(MOST_READ);
  const blocks = listSections()
    .map((section) => ({
      section,
      items: pageOfSection(section.id, 1, SECTION_BLOCK + 1)
        .items.filter((a) => a.id !== top?.id)
        .slice(0, SECTION_BLOCK),
    }))
    .filter((block) => block.items.length > 0);
  // Beside the top story, the next few headlines, as a front page opens, when there are enough
  // to fill the grid below too; otherwise الأكثر قراءة takes that place.
  const side = rest.length >= SIDE_STORIES * 2 ? rest.slice(0, SIDE_STORIES) : [];
  const grid = rest.slice(side.length);
  const mostReadBesideTop = side.length === 0;
  const main = html`<h1 class="visually-hidden">${newsroomSettings.name}</h1>
    ${
      top
        ? html`<div class="front-top">
            <section aria-labelledby="top-story-heading" class="top-story">
              <h2 id="top-story-heading" class="label">الخبر الرئيسي</h2>
              ${storyCardHtml(top, { size: 'top', eager: true })}
            </section>
            ${side.length > 0 ? html`<div class="front-side">${storyGridHtml(side)}</div>` : mostReadHtml(mostRead)}
          </div>`
        : html`<p class="muted">لا توجد أخبار منشورة بعد.</p>`
    }
    <div class="front-columns${!mostReadBesideTop && mostRead.items.length > 0 ? ' with-aside' : ''}">
      ${
        grid.length > 0
          ? html`<section aria-labelledby="latest-heading" class="front-block">
              <h2 id="latest-heading" class="label">آخر الأخبار</h2>
              ${storyGridHtml(grid)} ${paginationHtml(1, latest.pageCount, (n) => pagePath('/', n))}
            </section>`
          : null
      }
      ${mostReadBesideTop ? null : mostReadHtml(mostRead)}
    </div>
    ${blocks.map(
      ({ section, items }) =>
        html`<section aria-labelledby="section-${section.id}" class="front-block">
          <h2 id="section-${section.id}" class="label">
            <a href="${sectionPath(section.slug)}">${section.name}</a>
          </h2>
          ${storyGridHtml(items, { kicker: false })}
        </section>`,
    )}`;
  return readerResponse(
    readerDocument({
      description: `آخر الأخبار من ${newsroomSettings.name}`,
      canonicalPath: '/',
      leadImage: top?.image ? { image: top.image, size: 'top' } : undefined,
      main,
    }),
  );
}

// الأكثر قراءة: the published articles with the most counted views (bots never count) in the
// last 24 hours, or in the last 7 days when the day has too few to rank.
const DAY_MS = 24 * 60 * 60 * 1000;
type MostReadList = { items: PublishedSummary[]; window: 'day' | 'week' };
function readMostRead(limit: number): MostReadList {
  const now = Date.now();
  const day = mostReadArticles({ since: new Date(now - DAY_MS), limit });
  if (day.length >= 3) return { items: day, window: 'day' };
  return { items: mostReadArticles({ since: new Date(now - 7 * DAY_MS), limit }), window: 'week' };
}

function mostReadHtml({ items, window }: MostReadList): Html | null {
  if (items.length === 0) return null;
  return html`<aside aria-labelledby="most-read-heading" class="most-read front-block">
    <h2 id="most-read-heading" class="label">الأكثر قراءة</h2>
    <p class="muted most-read-window">${window === 'day' ? 'في آخر 24 ساعة' : 'في آخر 7 أيام'}</p>
    ${rankedListHtml(items)}
  </aside>`;
}

type ListKind = 'latest' | 'section' | 'tag' | 'author';
type Listing = {
  title: string;
  basePath: string;
  feeds?: Feeds;
  list: Page<PublishedSummary>;
  lead?: PublishedSummary;
};

function loadListing(kind: ListKind, key: string, page: number): Listing | null {
  if (kind === 'latest') return { title: 'آخر الأخبار', basePath: '/', list: pageOfLatest(page) };
  if (kind === 'author') {
    const authorId = parseId(key);
    if (!authorId) return null;
    const list = pageOfAuthor(authorId, page);
    // Only people with published work have a reader page.
    const name = list.total > 0 ? getAuthorName(authorId) : undefined;
    if (!name) return null;
    return { title: `الكاتب: ${name}`, basePath: `/author/${authorId}`, list };
  }
  const slug = safeDecode(key);
  if (kind === 'section') {
    const section = getSectionBySlug(slug);
    if (!section) return null;
    const basePath = sectionPath(section.slug);
    const list = pageOfSection(section.id, page);
    const lead = page === 1 ? (getSectionLead(section.id) ?? list.items[0]) : undefined;
    return { title: section.name, basePath, feeds: feedsOf(basePath), list, lead };
  }
  const tag = getTagBySlug(slug);
  if (!tag) return null;
  const list = pageOfTag(tag.name, page);
  // A tag that only drafts (or unpublished articles) carry is not public: no page, no feed.
  if (list.total === 0) return null;
  const basePath = `/tag/${encodeURIComponent(tag.slug)}`;
  return { title: `الوسم: ${tag.name}`, basePath, feeds: feedsOf(basePath), list };
}

// A list's page: /section/<slug>, /section/<slug>/page/<n> (and tag, author, latest).
export function listPage(kind: ListKind, key: string, pageSegment?: string): Response {
  const page = parsePageNumber(pageSegment);
  const loaded = page === null ? null : loadListing(kind, key, page);
  // A page past the end is not a page.
  if (!loaded || page === null || page > loaded.list.pageCount) return notFoundResponse();
  const { title, basePath, feeds, list, lead } = loaded;
  const rest = lead ? list.items.filter((a) => a.id !== lead.id) : list.items;
  const main = html`<section aria-labelledby="listing-heading" class="listing">
    <h1 id="listing-heading">${title}</h1>
    ${list.items.length === 0 ? html`<p class="muted">لا توجد أخبار منشورة بعد.</p>` : null}
    ${lead ? html`<div class="section-lead">${storyCardHtml(lead, { level: 'h2', size: 'top', eager: true, kicker: false })}</div>` : null}
    ${rest.length > 0 ? storyGridHtml(rest, { level: 'h2', kicker: kind !== 'section' }) : null}
    ${paginationHtml(page, list.pageCount, (n) => pagePath(basePath, n))}
    ${
      feeds
        ? html`<p class="muted"><a href="${feeds.rss}">RSS</a> · <a href="${feeds.atom}">Atom</a></p>`
        : null
    }
  </section>`;
  return readerResponse(
    readerDocument({
      title: page > 1 ? `${title} — صفحة ${page}` : title,
      canonicalPath: pagePath(basePath, page),
      feeds,
      leadImage: lead?.image ? { image: lead.image, size: 'top' } : undefined,
      main,
    }),
  );
}

// Highlighting looks at the start of a long body only, so a huge article costs no more than a short one.
const SNIPPET_SOURCE = 20_000;

const highlighted = (parts: SnippetPart[]) =>
  parts.map((part) => (part.match ? html`<mark>${part.text}</mark>` : part.text));

// /search?q=: one indexed FTS5 query and one page of rows, per request.
export function searchPage(url: URL): Response {
  // Written from these two values only: the front copy keeps one answer per pair (searchQueryOf).
  const { query, page: requested } = searchQueryOf(url.searchParams);
  // Cached for a few seconds per normalised query (lib/reader/search-cache.ts).
  const results = query ? cachedSearch(query, requested) : null;
  const hrefOf = (n: number) => `/search?q=${encodeURIComponent(query)}&page=${n}`;
  // The heading is the field's label: "بحث" once on the page, the button an icon named بحث.
  const main = html`<section aria-labelledby="search-heading" class="search-page">
    <form action="/search" role="search" class="search-form">
      <h1 id="search-heading"><label for="search-q">بحث</label></h1>
      <div class="search-row">
        <input id="search-q" type="search" name="q" value="${query}" maxlength="${MAX_QUERY}" />
        ${searchButtonHtml()}
      </div>
    </form>
    ${
      results
        ? html`<section aria-labelledby="results-heading">
            <h2 id="results-heading">نتائج البحث</h2>
            ${
              results.hits.length === 0
                ? html`<p>لا توجد نتائج</p>`
                : html`<p class="muted">
                      عدد النتائج: ${results.capped ? `أكثر من ${results.total}` : results.total}
                    </p>
                    <ol class="search-results">
                      ${results.hits.map(
                        (hit) =>
                          html`<li>
                            <h3>
                              <a href="${articlePath(hit)}"
                                >${highlighted(highlight(hit.headline, query, 40))}</a
                              >
                            </h3>
                            <p class="snippet">
                              ${highlighted(highlight(`${hit.deck} ${hit.bodyText.slice(0, SNIPPET_SOURCE)}`, query))}
                            </p>
                            <p class="muted">${publishedDateHtml(hit.publishedAt)}</p>
                          </li>`,
                      )}
                    </ol>
                    ${paginationHtml(results.page, results.pageCount, hrefOf)}`
            }
          </section>`
        : null
    }
  </section>`;
  return readerResponse(readerDocument({ title: 'بحث', noindex: true, headerSearch: false, main }));
}
