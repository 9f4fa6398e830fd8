import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import { chooseTopStory, isTopStory } from '@/lib/newsroom/front-page';
import { getTopStory, pageOfLatest } from '@/lib/reader/queries';
import { mostReadArticles } from '@/lib/reader/counters';
import { articleStats, articleViewHours, events, media, sections, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { renderAtom, renderRss } from '@/lib/reader/feed-xml';
import { paragraphsToDocument } from '@/lib/document/check';
import { ActionError } from '@/lib/shared/errors';
import { ForbiddenError } from '@/lib/shared/permissions';
import { feedResponse } from '@/lib/reader/feeds';
import { homePage, listPage } from '@/lib/reader/pages';
import { publishedArticle, saveFields } from './fixtures';

// The front page on a real SQLite file: the desk's top story and its fallback, the most read, the
// rendered page itself, tags of unpublished work, and feeds with pictures and summaries.

let reporter: User;
let editor: User;
let sectionId: number;
let imageId: number;

before(async () => {
  [reporter, editor] = await Promise.all([
    createUser({
      email: 'fr@test.example',
      name: 'ليلى',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'fe@test.example', name: 'سامي', role: 'editor', password: 'long-enough-password' }),
  ]);
  sectionId = db.insert(sections).values({ name: 'رياضة', slug: 'رياضة' }).returning().get().id;
  imageId = db
    .insert(media)
    .values({
      mime: 'image/webp',
      width: 1600,
      height: 900,
      bytes: 1000,
      variantsJson: JSON.stringify([
        { width: 320, height: 180, file: `${'a'.repeat(32)}-320.webp`, bytes: 100 },
        { width: 1280, height: 720, file: `${'a'.repeat(32)}-1280.webp`, bytes: 700 },
        { width: 1600, height: 900, file: `${'a'.repeat(32)}-1600.webp`, bytes: 900 },
      ]),
      alt: 'ملعب',
      uploadedBy: reporter.id,
    })
    .returning()
    .get().id;
});

let clock = Date.parse('2026-01-01T00:00:00Z');
function publish(headline: string, { image = false, deck = '', tags = [] as string[] } = {}) {
  clock += 60_000;
  return publishedArticle({ reporter, editor }, headline, {
    paragraphs: [`افتتاح ${headline} بحضور جمهور كبير من المدينة والقرى المجاورة.`],
    deck,
    sectionId,
    tags,
    leadImage: image ? { mediaId: imageId, alt: 'لاعبون في الملعب', caption: '', credit: '' } : null,
    at: new Date(clock),
  });
}

describe('the top story', () => {
  test('is the newest article with a picture until the desk chooses one, then the chosen one', () => {
    const pictured = publish('مباراة الافتتاح', { image: true });
    const newer = publish('خبر بلا صورة');
    assert.equal(getTopStory()?.id, pictured);
    assert.ok(getTopStory()?.image, 'the fallback has its lead image');

    chooseTopStory(editor, { articleId: newer, chosen: true });
    assert.equal(getTopStory()?.id, newer);
    assert.equal(isTopStory(newer), true);
    // Choosing another clears the first: one top story at a time.
    chooseTopStory(editor, { articleId: pictured, chosen: true });
    assert.equal(isTopStory(newer), false);
    assert.equal(getTopStory()?.id, pictured);
    chooseTopStory(editor, { articleId: pictured, chosen: false });
    assert.equal(isTopStory(pictured), false);

    const logged = db
      .select({ articleId: events.articleId, action: events.action, actorId: events.actorId })
      .from(events)
      .where(eq(events.actorId, editor.id))
      .all()
      .filter((e) => e.action.startsWith('top_story'));
    assert.deepEqual(
      logged.map((e) => [e.articleId, e.action]),
      [
        [newer, 'top_story_chosen'],
        [newer, 'top_story_cleared'],
        [pictured, 'top_story_chosen'],
        [pictured, 'top_story_cleared'],
      ],
    );
  });

  test('a chosen story that is unpublished leaves the front page; only published work can be chosen', () => {
    const id = publish('خبر يُسحب', { image: true });
    chooseTopStory(editor, { articleId: id, chosen: true });
    assert.equal(getTopStory()?.id, id);
    unpublishArticle(editor, id);
    assert.notEqual(getTopStory()?.id, id);
    assert.throws(
      () => chooseTopStory(editor, { articleId: id, chosen: true }),
      (e: unknown) => e instanceof ActionError && e.code === 'not_published',
    );
    assert.throws(
      () => chooseTopStory(editor, { articleId: 999_999, chosen: true }),
      (e: unknown) => e instanceof ActionError && e.code === 'not_found',
    );
  });

  test('a reporter may not choose it, and nothing changes', () => {
    const id = publish('خبر الصحفية', { image: true });
    const before = getTopStory()?.id;
    assert.throws(() => chooseTopStory(reporter, { articleId: id, chosen: true }), ForbiddenError);
    assert.equal(isTopStory(id), false);
    assert.equal(getTopStory()?.id, before);
  });
});

describe('the front page as readers get it', () => {
  test('shows the top story with its picture, the latest, the most read and the section block', async () => {
    const read = publish('الخبر الأكثر قراءة', { image: true });
    db.insert(articleStats).values({ articleId: read, views: 500 }).run();
    db.insert(articleViewHours)
      .values({ articleId: read, hour: Math.floor(Date.now() / 3_600_000), views: 500 })
      .run();
    assert.equal(mostReadArticles({ since: new Date(Date.now() - 86_400_000) })[0]?.id, read);
    const response = homePage();
    assert.equal(response.status, 200);
    const page = await response.text();
    const top = getTopStory()!;
    const topBlock = page.slice(page.indexOf('id="top-story-heading"'), page.indexOf('</section>'));
    assert.ok(topBlock.includes(top.headline), 'the top story is in its block');
    assert.match(topBlock, /<img[^>]+srcset="[^"]*1280w[^"]*"[^>]+fetchpriority="high"/);
    assert.ok(page.includes('الأكثر قراءة'));
    assert.ok(page.includes(`href="/section/${encodeURIComponent('رياضة')}"`));
    assert.ok(page.includes('آخر الأخبار'));
    // Plain HTML: no script file, no framework.
    assert.ok(!/<script[^>]+src=/.test(page));
  });
});

describe('tags of unpublished work', () => {
  test('have no page and no feed until a published article carries them', async () => {
    const draft = createDraft(reporter);
    saveFields(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      headline: 'مسودة سرية',
      tags: ['وسم-سري'],
      body: paragraphsToDocument(['نص.']),
    });
    const slug = encodeURIComponent('وسم-سري');
    assert.equal(listPage('tag', slug).status, 404);
    assert.equal(feedResponse({ kind: 'tag', slug }, 'rss').status, 404);
    assert.equal(feedResponse({ kind: 'tag', slug }, 'atom').status, 404);
    assert.ok(!(await listPage('tag', slug).text()).includes('وسم-سري'));

    publish('خبر منشور بالوسم', { tags: ['وسم-سري'] });
    assert.equal(listPage('tag', slug).status, 200);
    assert.equal(feedResponse({ kind: 'tag', slug }, 'rss').status, 200);
  });
});

describe('feeds', () => {
  test('carry the lead image and a summary from the deck, or from the body when there is none', () => {
    publish('خبر بصورة وموجز', { image: true, deck: 'موجز الخبر' });
    publish('خبر بلا موجز');
    const items = pageOfLatest(1).items;
    const feed = { title: 't', pagePath: '/', rssPath: '/feed.xml', atomPath: '/atom.xml', items };
    const rss = renderRss(feed);
    const withImage = rss.slice(rss.indexOf('<item><title>خبر بصورة وموجز'));
    const item = withImage.slice(0, withImage.indexOf('</item>'));
    assert.match(item, /<description>موجز الخبر<\/description>/);
    assert.match(
      item,
      /<enclosure url="http[^"]+\/media\/a{32}-1280\.webp" length="700" type="image\/webp"\/>/,
    );
    assert.match(
      item,
      /<media:content url="[^"]+-1280\.webp" medium="image" type="image\/webp" width="1280" height="720">/,
    );
    const plain = rss.slice(rss.indexOf('<item><title>خبر بلا موجز'));
    assert.match(plain.slice(0, plain.indexOf('</item>')), /<description>افتتاح خبر بلا موجز بحضور/);
    assert.ok(!plain.slice(0, plain.indexOf('</item>')).includes('<enclosure'));
    const atom = renderAtom(feed);
    assert.match(atom, /<summary>موجز الخبر<\/summary>/);
    assert.match(atom, /<link rel="enclosure" type="image\/webp" length="700" href="[^"]+-1280\.webp"\/>/);
    assert.match(atom, /<summary>افتتاح خبر بلا موجز/);
    assert.ok(rss.includes('xmlns:media="http://search.yahoo.com/mrss/"'));
  });
});
