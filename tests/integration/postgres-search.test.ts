import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { articleRevisions, articles, type User } from '@/db/schema';
import { migratePostgres, openPostgres, type PgDb } from '@/db/pg-connection';
import { indexPublishedArticle, removeFromSearch, searchIndex } from '@/db/pg-search-index';
import { createUser } from '@/lib/auth/users';
import { COUNT_CAP, RANK_WINDOW, searchPublished } from '@/lib/reader/search';
import { startPostgres, type TestPostgres } from '../postgres/server';
import { publishedArticle, type ArticleFields } from './fixtures';
import { HOSTILE_QUERIES, RECALL_ARTICLE, RECALL_QUERIES } from './search-cases';

// The readers' search on PostgreSQL (db/pg-search-index.ts: a tsvector in the `simple`
// configuration fed by the same Arabic folding) answers the project's Arabic search cases as the
// FTS5 search does: the same hits in the same order, the same counts. The articles are published
// through the newsroom's own workflow on SQLite (which indexes them in FTS5), and each published
// revision is indexed in PostgreSQL from the same fields the publish query indexes
// (lib/newsroom/workflow.ts indexForReaders), under the same article id.

let server: TestPostgres;
let pgDb: PgDb;
let reporter: User;
let editor: User;
const published: number[] = [];

function publish(headline: string, paragraphs: string[], extra: ArticleFields = {}): number {
  const id = publishedArticle({ reporter, editor }, headline, { paragraphs, ...extra });
  published.push(id);
  return id;
}

// What FTS5 answers, every hit of the query on one page.
function sqliteOrder(query: string): { ids: number[]; total: number } {
  const results = searchPublished(query, 1, RANK_WINDOW);
  return { ids: results.hits.map((h) => h.id), total: results.total };
}
async function postgresOrder(query: string): Promise<{ ids: number[]; total: number }> {
  const page = await searchIndex(pgDb, query, {
    limit: RANK_WINDOW,
    window: RANK_WINDOW,
    countCap: COUNT_CAP,
  });
  return { ids: page.ids, total: Math.min(page.counted, COUNT_CAP) };
}

before(async () => {
  server = await startPostgres();
  pgDb = openPostgres(server.url(), { max: 2 });
  await migratePostgres(pgDb);
  [reporter, editor] = await Promise.all([
    createUser({
      email: 'pgs-r@test.example',
      name: 'ليلى',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'pgs-e@test.example',
      name: 'سامي',
      role: 'editor',
      password: 'long-enough-password',
    }),
  ]);

  // reader.test.ts's cases: recall, a headline above a body-only match, the best match above
  // newer weaker ones, equal matches newest first.
  publish(RECALL_ARTICLE.headline, RECALL_ARTICLE.paragraphs, { tags: RECALL_ARTICLE.tags });
  publish('تقرير عن المواسم الزراعية', ['وذُكر القطن مرة واحدة في هذا التقرير الطويل عن الحبوب.']);
  publish('الزعفران الإيراني يغزو الأسواق', ['ارتفعت صادرات الزعفران.'], { tags: ['الزعفران'] });
  for (const i of [1, 2, 3])
    publish(`تقرير رقم ${i} عن المحاصيل`, [`ذُكر الزعفران مرة واحدة في التقرير ${i} عن الحبوب والقمح.`]);
  for (let i = 0; i < 5; i++) publish('نبأ عن الفستق الحلبي', ['نص متطابق.']);
  // And where a word stands: deck, tags, twice in the body, once in a short or a long body.
  publish('أخبار الأسواق', ['نص عام عن الأسواق.'], { deck: 'أسعار الشاي ترتفع' });
  publish('أخبار الزراعة', ['نص عام عن الزراعة.'], { tags: ['الشاي'] });
  publish('تقرير المزارع', ['الشاي الأخضر والشاي الأسود في المزارع.']);
  publish('تقرير قصير', ['الشاي.']);
  publish('تقرير طويل', [`${'كلام عن الطقس والمطر والرياح في الجبال. '.repeat(40)}وذُكر الشاي مرة.`]);

  // The index refers to its articles (a row never outlives its article): the same ids, as
  // published rows of a plain-SQL author.
  const author = await pgDb.execute<{ id: number }>(
    sql`INSERT INTO users (email, name, role, password_hash) VALUES ('a@test.example', 'س', 'editor', '-') RETURNING id`,
  );
  for (const id of published) {
    const article = db.select().from(articles).where(eq(articles.id, id)).get()!;
    await pgDb.execute(
      sql`INSERT INTO articles (id, status, headline, body_json, author_id, updated_at)
          VALUES (${id}, 'published', ${article.headline}, '{}', ${author.rows[0]!.id}, now())`,
    );
    const revision = db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.id, article.publishedRevisionId!))
      .get()!;
    await indexPublishedArticle(pgDb, id, {
      headline: revision.headline,
      deck: revision.deck,
      body: revision.bodyText,
      tags: JSON.parse(revision.tagsJson) as string[],
    });
  }
});

after(async () => {
  await pgDb?.$client.end();
  server?.stop();
});

describe('search on PostgreSQL answers as FTS5 does', () => {
  test('the recall cases: every spelling finds the same articles, in the same order', async () => {
    for (const q of RECALL_QUERIES) {
      const fts = sqliteOrder(q);
      assert.ok(fts.ids.length > 0, q);
      assert.deepEqual(await postgresOrder(q), fts, q);
    }
  });

  test('the ranking cases: the same order, page by page', async () => {
    for (const q of [
      'قطن',
      'زعفران',
      'الفستق',
      'الشاي',
      'شاي',
      'تقرير',
      'الحبوب',
      'تقرير الحبوب',
      'صادرات',
      'الأسواق',
    ]) {
      const fts = sqliteOrder(q);
      assert.ok(fts.ids.length > 0, q);
      assert.deepEqual(await postgresOrder(q), fts, q);
      // Paged as the reader pages them: two at a time.
      for (let page = 1; page <= Math.ceil(fts.ids.length / 2); page++) {
        const sqlitePage = searchPublished(q, page, 2).hits.map((h) => h.id);
        const pgPage = await searchIndex(pgDb, q, { limit: 2, offset: (page - 1) * 2 });
        assert.deepEqual(pgPage.ids, sqlitePage, `${q}, page ${page}`);
      }
    }
  });

  test('a headline match leads a body-only one, the best leads newer weaker ones, equal ones newest first', async () => {
    const [cotton, bodyOnly] = published;
    const cottonHits = (await postgresOrder('قطن')).ids;
    assert.ok(cottonHits.indexOf(cotton!) < cottonHits.indexOf(bodyOnly!));
    assert.equal((await postgresOrder('زعفران')).ids[0], published[2]);
    assert.deepEqual((await postgresOrder('الفستق')).ids, published.slice(6, 11).reverse());
  });

  test('hostile, empty and unknown queries: nothing on either store, nothing thrown', async () => {
    for (const q of [...HOSTILE_QUERIES, 'غائبة', 'كلمة لا توجد']) {
      assert.deepEqual(await postgresOrder(q), sqliteOrder(q), q.slice(0, 20));
    }
  });

  test('an article removed from the index is no longer found; indexing again replaces its row', async () => {
    const cotton = published[0]!;
    await removeFromSearch(pgDb, cotton);
    assert.ok(!(await postgresOrder('قطن')).ids.includes(cotton));
    await indexPublishedArticle(pgDb, cotton, { headline: 'خبر آخر', deck: '', body: 'نص', tags: [] });
    await indexPublishedArticle(pgDb, cotton, {
      headline: RECALL_ARTICLE.headline,
      deck: '',
      body: '',
      tags: [],
    });
    const rows = await pgDb.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM article_search WHERE article_id = ${cotton}`,
    );
    assert.equal(rows.rows[0]!.n, 1);
    assert.ok((await postgresOrder('اوزبكستان')).ids.includes(cotton));
    assert.ok(!(await postgresOrder('خبر آخر')).ids.includes(cotton));
    // The totals bm25 weighs by followed every insert, replacement and removal (their trigger).
    const totals = await pgDb.execute<{ kept: string; counted: string }>(
      sql`SELECT (SELECT rows || '/' || words FROM article_search_totals) AS kept,
                 (SELECT count(*) || '/' || coalesce(sum(length), 0) FROM article_search) AS counted`,
    );
    assert.equal(totals.rows[0]!.kept, totals.rows[0]!.counted);
    assert.equal(totals.rows[0]!.kept.split('/')[0], String(published.length));
  });
});
