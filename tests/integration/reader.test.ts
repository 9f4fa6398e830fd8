import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { db } from '@/db';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import {
  getPublishedArticle,
  getTagBySlug,
  listForSitemap,
  listRelated,
  pageOfAuthor,
  pageOfLatest,
  pageOfSection,
  pageOfTag,
  readerPlacesOf,
} from '@/lib/reader/queries';
import { highlight, searchPublished } from '@/lib/reader/search';
import { createUser } from '@/lib/auth/users';
import { media, sections, type User } from '@/db/schema';
import { searchTerms } from '@/lib/shared/arabic';
import { publishedArticle, type ArticleFields } from './fixtures';
import { HOSTILE_QUERIES, RECALL_ARTICLE, RECALL_QUERIES } from './search-cases';

// The reader's queries on a real SQLite file: only published revisions are seen, search folds
// Arabic spellings, counters count once, and an unpublished article leaves every list.

let reporter: User;
let editor: User;
let sectionId: number;

before(async () => {
  [reporter, editor] = await Promise.all([
    createUser({
      email: 'rr@test.example',
      name: 'ليلى الصحفية',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 're@test.example',
      name: 'سامي المحرر',
      role: 'editor',
      password: 'long-enough-password',
    }),
  ]);
  sectionId = db.insert(sections).values({ name: 'اقتصاد', slug: 'اقتصاد' }).returning().get().id;
});

function publish(headline: string, paragraphs: string[], extra: ArticleFields = {}, at = new Date()) {
  return publishedArticle({ reporter, editor }, headline, {
    paragraphs,
    sectionId,
    ...extra,
    at,
  });
}

const ids = (items: { id: number }[]) => items.map((i) => i.id);

describe('search over published articles', () => {
  let cotton: number;
  before(() => {
    cotton = publish(RECALL_ARTICLE.headline, RECALL_ARTICLE.paragraphs, {
      tags: RECALL_ARTICLE.tags,
      sectionId,
    });
  });

  test('finds an article whatever the spelling, with the original words marked', () => {
    for (const q of RECALL_QUERIES) {
      const results = searchPublished(q);
      assert.ok(ids(results.hits).includes(cotton), `query ${q}`);
    }
    const [hit] = searchPublished('المنظمه').hits;
    const parts = highlight(hit!.bodyText, 'المنظمه');
    assert.deepEqual(
      parts.filter((p) => p.match).map((p) => p.text),
      ['المنظّمة'],
    );
    assert.equal(parts.map((p) => p.text).join(''), hit!.bodyText);
  });

  test('a snippet is the text around the first match, every matching spelling in it marked', () => {
    const filler = (from: number, n: number) => Array.from({ length: n }, (_, i) => `كلمة${from + i}`);
    const words = [...filler(0, 40), 'المنظّمة', 'ثم', 'والمنظمة', 'ثم', 'والمنظمة', ...filler(40, 40)];
    const text = words.join(' ');
    const parts = highlight(text, 'منظمه', 3);
    assert.deepEqual(
      parts.filter((p) => p.match).map((p) => p.text),
      ['المنظّمة', 'والمنظمة'],
    );
    assert.equal(parts.map((p) => p.text).join(''), `… ${words.slice(37, 44).join(' ')} …`);
    assert.deepEqual(
      highlight(text, 'منظمه', 5)
        .filter((p) => p.match)
        .map((p) => p.text),
      ['المنظّمة', 'والمنظمة', 'والمنظمة'],
    );
    // No match: the start of the text.
    const none = highlight(text, 'غائبة', 2);
    assert.deepEqual(none, [
      { text: 'كلمة0 كلمة1 كلمة2', match: false },
      { text: ' …', match: false },
    ]);
    assert.deepEqual(highlight('نص قصير', '"'), [{ text: 'نص قصير', match: false }]);
  });

  test('hostile or empty queries return nothing, never throw', () => {
    for (const q of HOSTILE_QUERIES) {
      const results = searchPublished(q);
      assert.ok(Array.isArray(results.hits), q.slice(0, 20));
    }
    assert.equal(searchPublished('"').total, 0);
  });

  test('ranks a headline match above a body-only match and pages the results', () => {
    const bodyOnly = publish('تقرير عن المواسم الزراعية', [
      'وذُكر القطن مرة واحدة في هذا التقرير الطويل عن الحبوب.',
    ]);
    const results = searchPublished('قطن');
    assert.ok(ids(results.hits).indexOf(cotton) < ids(results.hits).indexOf(bodyOnly));
    const firstPage = searchPublished('قطن', 1, 1);
    assert.equal(firstPage.pageCount, 2);
    assert.equal(searchPublished('قطن', 2, 1).hits.length, 1);
    // A page past the end shows the last one rather than failing.
    assert.equal(searchPublished('قطن', 99, 1).page, 2);
  });

  // The ranking and the paging happen inside the index; these pin what that must keep.
  test('the best match leads page one even when newer, weaker matches would fill the page', () => {
    const best = publish('الزعفران الإيراني يغزو الأسواق', ['ارتفعت صادرات الزعفران.'], {
      tags: ['الزعفران'],
    });
    const weaker = [1, 2, 3].map((i) =>
      publish(`تقرير رقم ${i} عن المحاصيل`, [`ذُكر الزعفران مرة واحدة في التقرير ${i} عن الحبوب والقمح.`]),
    );
    const results = searchPublished('زعفران', 1, 1);
    assert.deepEqual(ids(results.hits), [best]);
    assert.equal(results.total, 4);
    assert.equal(results.pageCount, 4);
    const later = [2, 3, 4].flatMap((page) => ids(searchPublished('زعفران', page, 1).hits));
    assert.deepEqual([...later].sort(), [...weaker].sort());
  });

  test('equally relevant matches come newest first and page without repeats or gaps', () => {
    const same = Array.from({ length: 5 }, () => publish('نبأ عن الفستق الحلبي', ['نص متطابق.']));
    const paged = [1, 2, 3].flatMap((page) => ids(searchPublished('الفستق', page, 2).hits));
    assert.deepEqual(paged, [...same].reverse());
    assert.equal(searchPublished('الفستق', 3, 2).pageCount, 3);
  });

  test('an article that is in the index but not published is never shown', () => {
    const withdrawn = publish('الزنجبيل في الأسواق', ['الزنجبيل غال.']);
    unpublishArticle(editor, withdrawn);
    // An index left behind by a bug: the withdrawn article's row is back in it.
    db.$client
      .prepare('INSERT INTO article_search (rowid, headline, deck, body, tags) VALUES (?, ?, ?, ?, ?)')
      .run(withdrawn, searchTerms('الزنجبيل في الأسواق').join(' '), '', '', '');
    try {
      const shown = publish('توابل الزنجبيل', ['الزنجبيل حار.']);
      assert.deepEqual(ids(searchPublished('زنجبيل').hits), [shown]);
    } finally {
      db.$client.prepare('DELETE FROM article_search WHERE rowid = ?').run(withdrawn);
    }
  });
});

describe('lists, related articles and unpublishing', () => {
  test('an article appears in its lists and related articles, and leaves them all when unpublished', () => {
    const a = publish('افتتاح معرض الكتاب في سمرقند', ['يفتح المعرض أبوابه للزوار.'], {
      tags: ['كتب', 'سمرقند'],
      sectionId,
    });
    const b = publish('جائزة لرواية عن سمرقند', ['فازت الرواية بالجائزة.'], { tags: ['سمرقند'] });
    const tag = getTagBySlug('سمرقند')!;
    assert.equal(tag.name, 'سمرقند');
    assert.ok(ids(pageOfTag(tag.name, 1).items).includes(a));
    assert.ok(ids(pageOfSection(sectionId, 1).items).includes(a));
    assert.ok(ids(pageOfAuthor(reporter.id, 1).items).includes(a));
    assert.ok(ids(pageOfLatest(1).items).includes(a));
    assert.ok(ids(listRelated(b, ['سمرقند'])).includes(a));
    assert.ok(listForSitemap().some((e) => e.id === a));
    const places = readerPlacesOf(a);
    assert.deepEqual(places.sectionIds, [sectionId]);
    assert.deepEqual(places.authorIds, [reporter.id]);
    assert.equal(places.tagIds.length, 2);

    unpublishArticle(editor, a);
    assert.equal(getPublishedArticle(a), undefined);
    assert.ok(!ids(pageOfTag(tag.name, 1).items).includes(a));
    assert.ok(!ids(pageOfSection(sectionId, 1).items).includes(a));
    assert.ok(!ids(pageOfLatest(1).items).includes(a));
    assert.ok(!ids(listRelated(b, ['سمرقند'])).includes(a));
    assert.ok(!listForSitemap().some((e) => e.id === a));
    assert.ok(!ids(searchPublished('معرض الكتاب').hits).includes(a));
    // Still known as a place to refresh, so that its old lists drop it.
    assert.deepEqual(readerPlacesOf(a).sectionIds, [sectionId]);
  });

  test('lists page by twenty and the last page is short', () => {
    const before = pageOfLatest(1, 5).total;
    for (let i = 0; i < 6; i++) publish(`خبر قصير رقم ${i}`, ['نص.']);
    const page = pageOfLatest(1, 5);
    assert.equal(page.total, before + 6);
    assert.equal(page.items.length, 5);
    assert.equal(page.pageCount, Math.ceil((before + 6) / 5));
  });

  test('the lead image comes with its upload sizes', () => {
    const image = db
      .insert(media)
      .values({
        mime: 'image/webp',
        width: 1600,
        height: 900,
        bytes: 1000,
        variantsJson: JSON.stringify([
          { width: 480, height: 270, file: 'a-480.webp', bytes: 100 },
          { width: 1600, height: 900, file: 'a-1600.webp', bytes: 900 },
        ]),
        uploadedBy: reporter.id,
      })
      .returning()
      .get();
    const id = publish('صورة من طشقند', ['نص.'], {
      leadImage: { mediaId: image.id, alt: 'ساحة الاستقلال', caption: 'الساحة صباحاً', credit: 'تصوير: ليلى' },
    });
    const article = getPublishedArticle(id)!;
    assert.equal(article.leadImage?.alt, 'ساحة الاستقلال');
    assert.equal(article.leadImage?.credit, 'تصوير: ليلى');
    assert.equal(article.leadImage?.variants.length, 2);
    assert.equal(getPublishedArticle(publish('بلا صورة', ['نص.']))!.leadImage, null);
  });
});
