import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { db } from '@/db';
import { articles, users, type User } from '@/db/schema';
import { migratePostgres, openPostgres, type PgDb } from '@/db/pg-connection';
import { refreshNewsroomSearch, searchNewsroomArticles } from '@/db/pg-newsroom-search';
import { createUser } from '@/lib/auth/users';
import { listNewsroomArticles } from '@/lib/newsroom/article-list';
import { approveArticle, deleteDraft, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { startPostgres, type TestPostgres } from '../postgres/server';
import { saveFields, writeArticle, type ArticleFields } from './fixtures';
import { HOSTILE_QUERIES } from './search-cases';
import { testSection } from './section';

// كل المقالات's search on PostgreSQL (db/pg-newsroom-search.ts) finds the same articles in the
// same order as the SQLite one (lib/newsroom/article-list.ts over FTS5): drafts, working copies
// of published articles, headlines, decks and bodies. The articles are written through the
// newsroom's own queries on SQLite and copied, as they are, into PostgreSQL under the same ids
// and versions (the query layer cannot write to PostgreSQL yet), before each comparison, so an
// edit reaches both stores as a moved version, which each index notices by itself.

let server: TestPostgres;
let pg: PgDb;
let reporter: User;
let otherReporter: User;
let editor: User;
const written: Record<string, number> = {};

const at = (day: number, hour = 9) => new Date(Date.UTC(2026, 5, day, hour));

function write(name: string, author: User, fields: ArticleFields, when: Date): number {
  const { id } = writeArticle(author, fields, when);
  written[name] = id;
  return id;
}

// Every article and person of the SQLite file, copied as they are now (versions included).
async function copyToPostgres(): Promise<void> {
  for (const u of db.select().from(users).all())
    await pg.execute(
      sql`INSERT INTO users (id, email, name, role, password_hash)
          VALUES (${u.id}, ${u.email}, ${u.name}, ${u.role}, '-') ON CONFLICT (id) DO NOTHING`,
    );
  for (const a of db.select().from(articles).all())
    await pg.execute(
      sql`INSERT INTO articles (id, status, headline, deck, body_json, body_text, author_id, version,
                                updated_at, published_at, deleted_at)
          VALUES (${a.id}, ${a.status}, ${a.headline}, ${a.deck}, ${a.bodyJson}, ${a.bodyText},
                  ${a.authorId}, ${a.version}, ${a.updatedAt}, ${a.publishedAt}, ${a.deletedAt})
          ON CONFLICT (id) DO UPDATE SET status = excluded.status, headline = excluded.headline,
            deck = excluded.deck, body_json = excluded.body_json, body_text = excluded.body_text,
            version = excluded.version, updated_at = excluded.updated_at,
            published_at = excluded.published_at, deleted_at = excluded.deleted_at`,
    );
}

// What each store answers for one person's search: every match on one page.
const sqliteIds = (who: User, q: string) => {
  const page = listNewsroomArticles(who, { q }, 1000);
  return { ids: page.items.map((i) => i.id), total: page.total };
};
const postgresIds = (who: User, q: string) =>
  searchNewsroomArticles(pg, q, {
    limit: 1000,
    // A reporter's list is their own work (lib/shared/permissions.ts viewEveryArticle).
    where: who.role === 'reporter' ? sql`articles.author_id = ${who.id}` : undefined,
  });

// The newsroom_search rows and their versions, as one comparable text.
async function postgresIndex(): Promise<string> {
  const rows = await pg.execute<{ all: string | null }>(
    sql`SELECT (SELECT string_agg(article_id || ':' || headline || '|' || body, E'\n' ORDER BY article_id)
                FROM newsroom_search) || '#' ||
               (SELECT string_agg(article_id || '@' || version, ',' ORDER BY article_id)
                FROM newsroom_search_state) AS all`,
  );
  return rows.rows[0]!.all ?? '';
}

const QUERIES = [
  // Headlines: hamza, taa marbuta, diacritics and the attached article fold away.
  'مكتبة الإسكندرية',
  'مكتبه الاسكندريه',
  'الإسكندرية',
  'المَخطوطات',
  // The deck is searched with the headline.
  'البطالمة',
  // Bodies, attached prefixes, digits in either script.
  'وبالمخطوطات',
  'قاعة',
  'افتتاح',
  '٢٠٢٦',
  '2026',
  'القطن',
  'قطن الصين',
  'الموازنة',
  'موازنه',
  // Words in several articles: the order is the list's (newest activity first).
  'تقرير',
  'ميناء',
  // Nowhere.
  'غائبة',
  'كلمة لا توجد',
];

before(async () => {
  server = await startPostgres();
  pg = openPostgres(server.url(), { max: 2 });
  await migratePostgres(pg);
  [reporter, otherReporter, editor] = (await Promise.all(
    (['reporter', 'reporter', 'editor'] as const).map((role, i) =>
      createUser({
        email: `pgn${i}@test.example`,
        name: `كاتب ${i}`,
        role,
        password: 'long-enough-password',
      }),
    ),
  )) as [User, User, User];

  write(
    'library',
    reporter,
    {
      headline: 'مكتبة الإسكندرية',
      deck: 'إرث البطالمة',
      paragraphs: ['افتتاح قاعة جديدة للمخطوطات في عام ٢٠٢٦.'],
    },
    at(1),
  );
  write(
    'cotton',
    otherReporter,
    { headline: 'أوزبكستان تصدّر القطن', paragraphs: ['صادرات القطن إلى الصين تبلغ 2026 طنًا.'] },
    at(2),
  );
  write('budget', reporter, { headline: 'الموازنة العامة', paragraphs: ['تقرير عن الموازنة.'] }, at(3));
  // Three reports at the same minute: equal times, highest id first on both.
  for (const n of [1, 2, 3])
    write(`port${n}`, otherReporter, { headline: `تقرير ميناء ${n}`, paragraphs: ['نص.'] }, at(4));
  write('gone', reporter, { headline: 'تقرير محذوف عن الميناء', paragraphs: ['ميناء.'] }, at(5));
  deleteDraft(reporter, written.gone!, at(5, 10));
  // Published, then its working copy edited: the newsroom searches the working copy.
  const published = write(
    'published',
    reporter,
    { headline: 'قاعة المخطوطات', paragraphs: ['افتتاح القاعة.'], sectionId: testSection() },
    at(6),
  );
  submitForReview(reporter, published, at(6, 10));
  approveArticle(editor, published, at(6, 11));
  publishArticle(editor, published, at(6, 12));
  saveFields(
    editor,
    { articleId: published, headline: 'قاعة المخطوطات', paragraphs: ['تصحيح: افتتاح جناح البرديات.'] },
    at(6, 13),
  );
  await copyToPostgres();
});

after(async () => {
  await pg?.$client.end();
  server?.stop();
});

describe('the newsroom search on PostgreSQL answers as on SQLite', () => {
  test('drafts and working copies, by headline, deck and body: the same articles, the same order', async () => {
    for (const who of [editor, reporter, otherReporter])
      for (const q of QUERIES) {
        const expected = sqliteIds(who, q);
        assert.deepEqual(await postgresIds(who, q), expected, `${who.role} ${who.id}: ${q}`);
      }
    // The cases say what they mean to: matches on both sides, several in one order.
    assert.deepEqual(sqliteIds(editor, 'مكتبه الاسكندريه').ids, [written.library]);
    assert.deepEqual(sqliteIds(editor, 'البطالمة').ids, [written.library]);
    assert.deepEqual(sqliteIds(editor, 'ميناء').ids, [written.port3, written.port2, written.port1]);
    assert.deepEqual(sqliteIds(editor, 'قطن الصين').ids, [written.cotton]);
    assert.deepEqual(sqliteIds(reporter, 'قطن').ids, []);
    assert.deepEqual(sqliteIds(editor, 'افتتاح').ids, [written.published, written.library]);
    // The working copy's words, not the published text's.
    assert.deepEqual((await postgresIds(editor, 'البرديات')).ids, [written.published]);
  });

  test('an edit is found at the next search; only the changed article is folded again', async () => {
    const library = written.library!;
    saveFields(reporter, { articleId: library, paragraphs: ['افتتاح جناح الخرائط القديمة.'] }, at(7));
    await copyToPostgres();
    for (const q of ['الخرائط', 'المخطوطات', 'افتتاح', 'مكتبة']) {
      assert.deepEqual(await postgresIds(editor, q), sqliteIds(editor, q), q);
    }
    assert.deepEqual((await postgresIds(editor, 'الخرائط')).ids, [library]);
    assert.equal(await refreshNewsroomSearch(pg), 0);
    await pg.execute(sql`UPDATE articles SET version = version + 1 WHERE id = ${library}`);
    assert.equal(await refreshNewsroomSearch(pg), 1);
  });

  test('hostile and empty queries: the same answer on both stores (a blank box lists all), nothing thrown, nothing changed', async () => {
    await refreshNewsroomSearch(pg);
    const before = await postgresIndex();
    const articlesBefore = await pg.execute(sql`SELECT * FROM articles ORDER BY id`);
    for (const q of [...HOSTILE_QUERIES, '"*) OR NEAR(', "' OR 1=1 --", 'قطن:*', '!قطن', 'قطن & | <->']) {
      const expected = sqliteIds(editor, q);
      assert.deepEqual(await postgresIds(editor, q), expected, q.slice(0, 20));
    }
    assert.equal(await postgresIndex(), before);
    assert.deepEqual((await pg.execute(sql`SELECT * FROM articles ORDER BY id`)).rows, articlesBefore.rows);
  });

  test('a page of the list: the same slice on both stores', async () => {
    const all = sqliteIds(editor, 'تقرير').ids;
    assert.ok(all.length >= 3);
    const page2 = listNewsroomArticles(editor, { q: 'تقرير', page: 2 }, 2);
    const pgPage2 = await searchNewsroomArticles(pg, 'تقرير', { limit: 2, offset: 2 });
    assert.deepEqual(
      pgPage2.ids,
      page2.items.map((i) => i.id),
    );
    assert.equal(pgPage2.total, page2.total);
  });
});
