import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { db } from '@/db';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import {
  ADDRESS_CAP,
  VIEW_WINDOW_MS,
  getArticleCounts,
  mostReadArticles,
  recordShare,
  recordView,
  visitorSalt,
} from '@/lib/reader/counters';
import { createUser } from '@/lib/auth/users';
import { countedVisits, visitorSalts, type User } from '@/db/schema';
import { visitorOf } from '@/lib/reader/visitors';
import { publishedArticle } from './fixtures';

// Reader counters on a real SQLite file: one count per visitor per half hour with no cookie, a few
// at most from one address, hashes instead of addresses, and الأكثر قراءة over a time window.

let reporter: User;
let editor: User;

before(async () => {
  [reporter, editor] = await Promise.all([
    createUser({
      email: 'cr@test.example',
      name: 'ليلى',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'ce@test.example', name: 'سامي', role: 'editor', password: 'long-enough-password' }),
  ]);
});

function publish(headline: string): number {
  return publishedArticle({ reporter, editor }, headline, { paragraphs: ['نص للعدادات.'] });
}

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

describe('views and shares', () => {
  test('a visitor counts once per half hour; another browser or address is another visitor', () => {
    const id = publish('خبر للعدادات');
    const t0 = new Date();
    const reader = visitorOf('203.0.113.7', FIREFOX, t0);
    assert.equal(recordView(id, reader, t0), true);
    assert.equal(
      recordView(id, visitorOf('203.0.113.7', FIREFOX, t0), new Date(t0.getTime() + 60_000)),
      false,
    );
    assert.equal(recordView(id, visitorOf('203.0.113.7', CHROME, t0), t0), true);
    assert.equal(recordView(id, visitorOf('198.51.100.2', FIREFOX, t0), t0), true);
    assert.equal(recordView(id, reader, new Date(t0.getTime() + VIEW_WINDOW_MS + 1)), true);
    assert.equal(recordShare(id, reader, t0), true);
    assert.equal(recordShare(id, reader, new Date(t0.getTime() + 1000)), false);
    assert.deepEqual(getArticleCounts(id), { views: 4, shares: 1 });

    unpublishArticle(editor, id);
    const late = visitorOf('192.0.2.1', FIREFOX);
    assert.equal(recordView(id, late), false);
    assert.equal(recordShare(id, late), false);
    assert.equal(recordView(999_999, late), false);
    assert.deepEqual(getArticleCounts(id), { views: 4, shares: 1 });
  });

  test('a flood of 2,000 beacons from one client moves each counter by one', () => {
    const id = publish('خبر يتعرض لسيل من الطلبات');
    const now = new Date();
    let counted = 0;
    for (let i = 0; i < 2000; i++) if (recordView(id, visitorOf('203.0.113.50', CHROME, now), now)) counted++;
    for (let i = 0; i < 2000; i++)
      if (recordShare(id, visitorOf('203.0.113.50', CHROME, now), now)) counted++;
    assert.equal(counted, 2);
    assert.deepEqual(getArticleCounts(id), { views: 1, shares: 1 });
  });

  test('a client changing its user agent on every beacon counts as a few visitors at most', () => {
    const id = publish('خبر يتعرض لتغيير هوية المتصفح');
    const now = new Date();
    for (let i = 0; i < 500; i++) recordView(id, visitorOf('203.0.113.60', `${CHROME} r${i}`, now), now);
    assert.equal(getArticleCounts(id).views, ADDRESS_CAP);
    // Another address still counts.
    assert.equal(recordView(id, visitorOf('203.0.113.61', CHROME, now), now), true);
  });

  test('visitors are stored as hashes, and only for half an hour', () => {
    const id = publish('خبر لا يحفظ العناوين');
    const t0 = new Date();
    recordView(id, visitorOf('203.0.113.99', FIREFOX, t0), t0);
    const rows = db.select().from(countedVisits).all();
    assert.ok(rows.length > 0);
    for (const row of rows) {
      assert.ok(!`${row.visitor} ${row.address}`.includes('203.0.113'), 'no raw address');
      assert.ok(!row.visitor.includes('Firefox'), 'no raw user agent');
    }
    // A count made after the window deletes every older row.
    const later = new Date(t0.getTime() + VIEW_WINDOW_MS + 60_000);
    recordView(id, visitorOf('198.51.100.99', FIREFOX, later), later);
    const left = db.select().from(countedVisits).all();
    assert.ok(left.some((r) => r.seenAt === later.getTime()));
    assert.ok(left.every((r) => r.seenAt >= later.getTime() - VIEW_WINDOW_MS));
  });

  test("the day's salt is shared, changes the next day, and yesterday's is deleted", () => {
    const today = new Date('2031-05-01T12:00:00Z');
    const salt = visitorSalt(today);
    assert.equal(visitorSalt(new Date('2031-05-01T23:59:00Z')), salt);
    const todays = visitorOf('203.0.113.7', FIREFOX, today);
    assert.deepEqual(visitorOf('203.0.113.7', FIREFOX, today), todays);
    const tomorrow = new Date('2031-05-02T00:01:00Z');
    assert.notEqual(visitorSalt(tomorrow), salt);
    assert.notDeepEqual(visitorOf('203.0.113.7', FIREFOX, tomorrow), todays);
    assert.deepEqual(db.select({ day: visitorSalts.day }).from(visitorSalts).all(), [{ day: '2031-05-02' }]);
  });
});

describe('most read', () => {
  test('ranks by views in the window, published articles only', () => {
    const now = Date.now();
    const hoursAgo = (h: number) => new Date(now - h * 60 * 60 * 1000);
    const weekOld = publish('الأكثر قراءة هذا الأسبوع');
    const today = publish('الأكثر قراءة اليوم');
    const gone = publish('خبر أُلغي نشره');
    for (let i = 0; i < 5; i++) recordView(weekOld, visitorOf(`10.0.1.${i}`, FIREFOX), hoursAgo(72));
    for (let i = 0; i < 3; i++) recordView(today, visitorOf(`10.0.2.${i}`, FIREFOX), hoursAgo(2));
    for (let i = 0; i < 9; i++) recordView(gone, visitorOf(`10.0.3.${i}`, FIREFOX), hoursAgo(1));
    unpublishArticle(editor, gone);

    const day = mostReadArticles({ since: hoursAgo(24), limit: 5 });
    assert.deepEqual(
      day.filter((a) => [weekOld, today, gone].includes(a.id)).map((a) => [a.id, a.views]),
      [[today, 3]],
    );
    const week = mostReadArticles({ since: hoursAgo(24 * 7), limit: 10 });
    const ours = week.filter((a) => [weekOld, today, gone].includes(a.id));
    assert.deepEqual(
      ours.map((a) => [a.id, a.views]),
      [
        [weekOld, 5],
        [today, 3],
      ],
    );
    assert.equal(ours[0]!.headline, 'الأكثر قراءة هذا الأسبوع');
    assert.equal(mostReadArticles({ since: hoursAgo(24), limit: 1 }).length, 1);
  });
});
