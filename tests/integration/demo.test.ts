import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { count, eq, isNotNull } from 'drizzle-orm';
import { db } from '@/db';
import { listApprovedComments, listCommentQueue } from '@/lib/newsroom/comments';
import {
  getPublishedArticle,
  getTopStory,
  listRevisionNotes,
  listSections,
  pageOfLatest,
  pageOfSection,
  pageOfTag,
} from '@/lib/reader/queries';
import { searchPublished } from '@/lib/reader/search';
import { getArticleCounts, getReaderCounts, mostReadArticles } from '@/lib/reader/counters';
import { articleRevisions, articles, comments, events, media, users } from '@/db/schema';
import { DEMO_ACCOUNTS, seedDemo } from '@/db/seed/demo';
import { COMMENTS, ON_THE_DESK, PUBLISHED, SAMPLE_VIEWS } from '@/lib/demo/articles';
import type { DemoDaySummary } from '@/lib/demo/day';
import type { MediaVariant } from '@/lib/shared/media-urls';
import { homePage } from '@/lib/reader/pages';
import { newsroomSettings, wallClockAt } from '@/lib/shared/settings';
import seedArticle from '@/db/seed/seed-article.json' with { type: 'json' };

// The demo newsroom's day (lib/demo/), seeded into this test's own SQLite file and media folder
// as `npm run db:setup` seeds it, then read back through the reader's queries: what a newcomer's
// front page holds, what stays on the desk, and that nothing unfinished reaches readers.

const mediaDir = mkdtempSync(path.join(tmpdir(), 'newsroom-demo-media-'));
process.env.MEDIA_DIR = mediaDir;

const HOUR = 60 * 60 * 1000;
const ARABIC = /[\u0600-\u06FF]/;
const idOf = (headline: string) =>
  db.select({ id: articles.id }).from(articles).where(eq(articles.headline, headline)).get()!.id;
const storyNamed = (key: string) => [...PUBLISHED, ...ON_THE_DESK].find((s) => s.key === key)!;
const rows = (table: typeof articles | typeof media | typeof comments | typeof users) =>
  db.select({ n: count() }).from(table).get()!.n;

let day: DemoDaySummary;
let seedMs: number;
const seededAt = new Date();

before(async () => {
  const started = performance.now();
  const seeded = await seedDemo('a-demo-password', seededAt);
  seedMs = performance.now() - started;
  assert.ok(seeded, 'the demo day is seeded into an empty database');
  day = seeded;
});

describe('the demo newsroom', () => {
  test('is a day of about twenty published stories across every section, the sample among them', () => {
    assert.equal(day.published, 21);
    assert.equal(pageOfLatest(1, 50).total, 21);
    const perSection = Object.fromEntries(
      listSections().map((section) => [section.name, pageOfSection(section.id, 1).total]),
    );
    assert.deepEqual(perSection, { دولي: 4, محلي: 6, اقتصاد: 4, رياضة: 4, ثقافة: 3 });
    // The sample keeps the first id (the e2e specs and bookmarks use /news/1) and its own date.
    const sample = getPublishedArticle(1)!;
    assert.equal(sample.headline, seedArticle.headline);
    assert.equal(sample.publishedAt.toISOString(), '2024-09-04T19:00:00.000Z');
    assert.equal(sample.dateline, 'طشقند');
    // Every other story went out in the 24 hours before the seed, in whole minutes.
    const others = pageOfLatest(1, 50).items.filter((a) => a.id !== 1);
    for (const a of others) {
      assert.ok(a.publishedAt <= seededAt, a.headline);
      assert.ok(seededAt.getTime() - a.publishedAt.getTime() < 26 * HOUR, a.headline);
      assert.equal(a.publishedAt.getTime() % 60_000, 0);
    }
    assert.equal(day.seedTime.getTime() % 60_000, 0);
  });

  test('every article went through the workflow: created, submitted, approved, published by the desk', () => {
    const published = db.select().from(articles).where(eq(articles.status, 'published')).all();
    assert.equal(published.length, 22, 'the 21 readers see and the one under embargo');
    const people = new Map(
      db
        .select()
        .from(users)
        .all()
        .map((u) => [u.id, u.role]),
    );
    for (const a of published) {
      const log = db
        .select({ action: events.action, actor: events.actorId })
        .from(events)
        .where(eq(events.articleId, a.id))
        .orderBy(events.id)
        .all();
      const actions = log.map((e) => e.action);
      // The embargo is set on the approved story just before it is published under it.
      const expected = a.embargoUntil
        ? ['create', 'submit', 'approve', 'embargo', 'publish']
        : ['create', 'submit', 'approve', 'publish'];
      assert.deepEqual(actions.slice(0, expected.length), expected, a.headline);
      // The desk publishes, whoever wrote it.
      const publisher = log.find((e) => e.action === 'publish')!.actor!;
      assert.notEqual(people.get(publisher), 'reporter', a.headline);
      assert.ok(a.publishedRevisionId, a.headline);
      assert.ok(a.wordCount > 20, a.headline);
    }
    // The headline follows the save contract's cleaning; the slug the headline.
    const metro = getPublishedArticle(idOf(storyNamed('metro-line-three').headline))!;
    assert.match(decodeURIComponent(metro.slug), /^افتتاح-الخط-الثالث-لمترو-طشقند/);
  });

  test('what is still on the desk: two in review, one sent back, a draft, one scheduled, one under embargo', () => {
    const byStatus = Object.fromEntries(
      db
        .select({ status: articles.status, n: count() })
        .from(articles)
        .groupBy(articles.status)
        .all()
        .map((r) => [r.status, r.n]),
    );
    assert.deepEqual(byStatus, {
      published: 22,
      in_review: 2,
      changes_requested: 1,
      draft: 1,
      scheduled: 1,
    });
    const sentBack = db.select().from(articles).where(eq(articles.status, 'changes_requested')).get()!;
    assert.match(sentBack.changesRequestedReason ?? '', /مصدر/);

    const scheduled = db.select().from(articles).where(eq(articles.status, 'scheduled')).get()!;
    const embargoed = db.select().from(articles).where(isNotNull(articles.embargoUntil)).get()!;
    assert.equal(scheduled.headline, storyNamed('electric-buses').headline);
    assert.equal(embargoed.headline, storyNamed('gdp-nine-months').headline);
    assert.equal(embargoed.status, 'published');
    // Both in the future, at a round hour of the newsroom's clock.
    const zone = newsroomSettings.dates.timeZone;
    assert.ok(scheduled.scheduledAt! > seededAt);
    assert.equal(wallClockAt(scheduled.scheduledAt!, zone).hour, '07');
    assert.equal(wallClockAt(scheduled.scheduledAt!, zone).minute, '00');
    assert.ok(embargoed.embargoUntil! > seededAt);
    assert.equal(wallClockAt(embargoed.embargoUntil!, zone).hour, '10');
    assert.equal(scheduled.scheduledAt!.getTime(), day.scheduledAt.getTime());
  });

  test('nothing scheduled, under embargo or unfinished reaches readers', () => {
    const hidden = db
      .select({ id: articles.id, headline: articles.headline })
      .from(articles)
      .all()
      .filter((a) => ON_THE_DESK.some((s) => s.headline === a.headline));
    assert.equal(hidden.length, 6);
    const latest = pageOfLatest(1, 50).items.map((a) => a.id);
    for (const { id, headline } of hidden) {
      assert.equal(getPublishedArticle(id), undefined, headline);
      assert.equal(getReaderCounts(id), null, headline);
      assert.ok(!latest.includes(id), headline);
      assert.ok(!searchPublished(headline).hits.some((hit) => hit.id === id), headline);
    }
    // The embargoed story's own words find nothing, while a published story's do.
    assert.equal(searchPublished('وكالة الإحصاء 6.1%').hits.length, 0);
    assert.ok(searchPublished('مترو طشقند').hits.length > 0);
    // A tag only the scheduled story carries would have no reader page.
    assert.equal(pageOfTag('نافباخور', 1).total, 0);
  });

  test('pictures were drawn and processed like uploads: files on disk in web sizes, Arabic alt text', () => {
    const pictures = db.select().from(media).all();
    assert.equal(pictures.length, 18);
    assert.equal(day.pictures, 18);
    for (const picture of pictures) {
      assert.equal(picture.mime, 'image/jpeg');
      assert.equal(picture.width, 1280);
      assert.equal(picture.height, 720);
      assert.match(picture.alt, ARABIC);
      assert.match(picture.caption, ARABIC);
      const variants = JSON.parse(picture.variantsJson) as MediaVariant[];
      assert.deepEqual(
        variants.map((v) => v.width),
        [320, 640, 960, 1280],
      );
      for (const v of variants) {
        const file = path.join(mediaDir, v.file);
        assert.ok(existsSync(file), v.file);
        assert.equal(statSync(file).size, v.bytes);
      }
    }
    assert.equal(readdirSync(mediaDir).length, 18 * 4);
    // Lead pictures on the published stories, and one more inside a story's body.
    const withLead = pageOfLatest(1, 50).items.filter((a) => a.image);
    assert.equal(withLead.length, 17);
    const festival = getPublishedArticle(idOf(storyNamed('sharq-taronalari').headline))!;
    assert.match(festival.bodyHtml, /<figure[^>]*>.*<img[^>]+srcset="\/media\/[0-9a-f]{32}-320\.webp 320w/s);
    assert.match(festival.bodyHtml, /زخارف مستوحاة من التطريز التقليدي/);
    assert.equal(festival.leadImage?.credit, 'رسم توضيحي: قسم الغرافيك في غرفة الأخبار');
  });

  test('the top story, the most read and the correction are the desk’s and the readers’', () => {
    const metroId = idOf(storyNamed('metro-line-three').headline);
    assert.equal(getTopStory()?.id, metroId);
    assert.equal(day.topStory, metroId);

    const views = PUBLISHED.reduce((sum, s) => sum + s.views, SAMPLE_VIEWS);
    assert.equal(day.views, views);
    const counted = db
      .select({ id: articles.id })
      .from(articles)
      .all()
      .reduce((sum, { id }) => sum + getArticleCounts(id).views, 0);
    assert.equal(counted, views);
    assert.equal(getArticleCounts(metroId).views, 240);
    const mostRead = mostReadArticles({ since: new Date(seededAt.getTime() - 24 * HOUR), limit: 5 });
    assert.deepEqual(
      mostRead.map((a) => a.views),
      [240, 195, 155, 145, 112],
    );

    const hospital = getPublishedArticle(idOf(storyNamed('nukus-hospital').headline))!;
    assert.match(hospital.bodyHtml, /250 سريراً/);
    assert.doesNotMatch(hospital.bodyHtml, /520 سريراً/);
    const notes = listRevisionNotes(hospital.id);
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.note, /^تصحيح: /);
    assert.ok(hospital.updatedAt && hospital.updatedAt > hospital.publishedAt);
  });

  test('readers’ comments: approved ones shown, the rest waiting or turned down', () => {
    const metroId = idOf(storyNamed('metro-line-three').headline);
    const shown = listApprovedComments(metroId);
    assert.equal(shown.length, 4);
    assert.ok(shown.every((c) => !c.text.includes('example')));
    assert.deepEqual(day.comments, { approved: 17, pending: 2, rejected: 1 });
    assert.equal(listCommentQueue().length, 2);
    const expected = Object.values(COMMENTS)
      .flat()
      .filter((c) => !c.held).length;
    assert.equal(expected + 1, 17, 'one approved comment is on the sample');
    const approved = db.select({ n: count() }).from(comments).where(eq(comments.status, 'approved')).get()!.n;
    assert.equal(approved, 17);
  });

  test('the front page shows what it can do', async () => {
    const page = await homePage().text();
    assert.match(page, /الخبر الرئيسي/);
    assert.match(page, /افتتاح الخط الثالث لمترو طشقند/);
    assert.match(page, /الأكثر قراءة/);
    assert.match(page, /في آخر 24 ساعة/);
    for (const section of ['دولي', 'محلي', 'اقتصاد', 'رياضة', 'ثقافة']) {
      assert.match(page, new RegExp(`<a href="/section/[^"]+">${section}</a>`));
    }
    assert.doesNotMatch(page, /الاقتصاد الأوزبكي ينمو 6\.1%/);
    assert.doesNotMatch(page, /الحافلات الكهربائية/);
  });

  test('seeding again adds nothing, and the seed is fast', async () => {
    const before = [rows(articles), rows(media), rows(comments), rows(users)];
    const revisions = db.select({ n: count() }).from(articleRevisions).get()!.n;
    assert.equal(await seedDemo('a-demo-password'), false);
    assert.deepEqual([rows(articles), rows(media), rows(comments), rows(users)], before);
    assert.equal(db.select({ n: count() }).from(articleRevisions).get()!.n, revisions);
    assert.equal(readdirSync(mediaDir).length, 18 * 4);
    assert.equal(rows(users), DEMO_ACCOUNTS.length);
    // Under ten seconds on a loaded two-core machine, argon2 hashing of the accounts included.
    console.log(`demo seed: ${Math.round(seedMs)} ms`, day.timings);
    assert.ok(seedMs < 20_000, `the demo seed took ${Math.round(seedMs)} ms`);
  });
});

// The operator's command itself, on files of its own: twice with the demo, once without.
describe('npm run db:setup', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-demo-setup-'));
  const setup = (file: string, env: Record<string, string> = {}) =>
    spawnSync('npx', ['tsx', '--conditions=react-server', 'scripts/db-setup.ts'], {
      env: {
        ...process.env,
        DATABASE_PATH: path.join(dir, file),
        MEDIA_DIR: path.join(dir, `${file}-media`),
        ...env,
      },
      encoding: 'utf8',
    });
  const countsOf = (file: string) => {
    const sqlite = new Database(path.join(dir, file), { readonly: true });
    const n = (table: string) =>
      (sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    const out = ['users', 'articles', 'media', 'comments', 'article_revisions', 'events'].map(n);
    sqlite.close();
    return out;
  };

  test('loads the demo once: a second run changes nothing', () => {
    const first = setup('demo.db');
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /demo newsroom loaded into .* 21 published \(18 pictures/);
    const seeded = countsOf('demo.db');
    assert.deepEqual(seeded.slice(0, 4), [3, 27, 18, 20]);
    const second = setup('demo.db');
    assert.equal(second.status, 0, second.stderr);
    assert.match(second.stdout, /database ready/);
    assert.deepEqual(countsOf('demo.db'), seeded);
    assert.equal(readdirSync(path.join(dir, 'demo.db-media')).length, 18 * 4);
  });

  test('a day that fails leaves nothing of itself, and the next run loads it whole', () => {
    // The media folder cannot be made (a file is in its place): the pictures fail, so the day does.
    writeFileSync(path.join(dir, 'broken.db-media'), 'not a folder');
    const failed = setup('broken.db');
    assert.notEqual(failed.status, 0);
    assert.deepEqual(countsOf('broken.db').slice(0, 4), [3, 0, 0, 0]);
    rmSync(path.join(dir, 'broken.db-media'));
    const again = setup('broken.db');
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual(countsOf('broken.db').slice(0, 4), [3, 27, 18, 20]);
  });

  test('NEWSROOM_DEMO=0 starts empty: no accounts, no articles, no pictures', () => {
    const empty = setup('empty.db', { NEWSROOM_DEMO: '0' });
    assert.equal(empty.status, 0, empty.stderr);
    assert.deepEqual(countsOf('empty.db').slice(0, 4), [0, 0, 0, 0]);
    assert.ok(!existsSync(path.join(dir, 'empty.db-media')));
    // And stays empty on the next start.
    assert.equal(setup('empty.db', { NEWSROOM_DEMO: '0' }).status, 0);
    assert.deepEqual(countsOf('empty.db').slice(0, 4), [0, 0, 0, 0]);
  });

  test('a newsroom that has its own people is never given the demo day', async () => {
    const file = 'own.db';
    assert.equal(setup(file, { NEWSROOM_DEMO: '0' }).status, 0);
    const created = spawnSync(
      'npx',
      [
        'tsx',
        '--conditions=react-server',
        'scripts/user-create.ts',
        '--email',
        'chief@example.org',
        '--name',
        'رئيسة التحرير',
        '--role',
        'admin',
      ],
      {
        env: {
          ...process.env,
          DATABASE_PATH: path.join(dir, file),
          NEWSROOM_USER_PASSWORD: 'a-long-enough-password',
        },
        encoding: 'utf8',
      },
    );
    assert.equal(created.status, 0, created.stderr);
    const later = setup(file);
    assert.equal(later.status, 0, later.stderr);
    assert.deepEqual(countsOf(file).slice(0, 4), [1, 0, 0, 0]);
  });
});
