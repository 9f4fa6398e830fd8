// The reader counters' storage rules, in plain SQL on a better-sqlite3 connection, so that the one
// implementation serves both doors: the Next route (lib/reader/counters.ts recordView/recordShare, one
// beacon at a time) and server.mjs's beacon intake (lib/server/beacons.mjs, many beacons in one
// transaction). Plain JavaScript: server.mjs loads it untranspiled (types in counters.d.mts).
//
// A view (or a share) counts once per visitor per article per half hour, and one address counts as
// at most ADDRESS_CAP visitors per article per half hour; both counters only ever move for an
// article readers can see (published, no embargo). Bots are turned away before these are called.
import { createHash, randomBytes } from 'node:crypto';

export const VIEW_WINDOW_MS = 30 * 60 * 1000;
// Several people behind one address (a family, an office) are several readers; a client that
// changes its user agent on every request is not. Five is "a few".
export const ADDRESS_CAP = 5;
// Hourly view counts are kept this long: الأكثر قراءة looks back a week at most.
export const VIEW_HOURS_KEPT = 8 * 24;
const HOUR_MS = 60 * 60 * 1000;

/** @typedef {import('better-sqlite3').Database} Client */
/** @typedef {{ id: string; address: string }} Visitor */
/** @typedef {{ kind: 'view' | 'share'; articleId: number; visitor: Visitor }} Beacon */

/** @type {WeakMap<Client, Record<string, import('better-sqlite3').Statement>>} */
const prepared = new WeakMap();

/** @param {Client} client */
function statements(client) {
  let s = prepared.get(client);
  if (s) return s;
  s = {
    visible: client.prepare(
      "SELECT 1 FROM articles WHERE id = ? AND status = 'published' AND embargo_until IS NULL",
    ),
    forgetOld: client.prepare('DELETE FROM counted_visits WHERE seen_at < ?'),
    recent: client.prepare(
      'SELECT 1 FROM counted_visits WHERE kind = ? AND article_id = ? AND visitor = ? AND seen_at > ?',
    ),
    fromAddress: client
      .prepare(
        'SELECT count(*) FROM counted_visits WHERE kind = ? AND article_id = ? AND address = ? AND seen_at > ?',
      )
      .pluck(),
    remember: client.prepare(
      `INSERT INTO counted_visits (kind, article_id, visitor, address, seen_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (kind, article_id, visitor) DO UPDATE SET seen_at = excluded.seen_at, address = excluded.address`,
    ),
    views: client.prepare(
      `INSERT INTO article_stats (article_id, views) VALUES (?, ?)
       ON CONFLICT (article_id) DO UPDATE SET views = views + excluded.views`,
    ),
    shares: client.prepare(
      `INSERT INTO article_stats (article_id, shares) VALUES (?, ?)
       ON CONFLICT (article_id) DO UPDATE SET shares = shares + excluded.shares`,
    ),
    hour: client.prepare(
      `INSERT INTO article_view_hours (article_id, hour, views) VALUES (?, ?, ?)
       ON CONFLICT (article_id, hour) DO UPDATE SET views = views + excluded.views`,
    ),
    makeSalt: client.prepare(
      'INSERT INTO visitor_salts (day, salt) VALUES (?, ?) ON CONFLICT (day) DO NOTHING',
    ),
    oldSalts: client.prepare('DELETE FROM visitor_salts WHERE day < ?'),
    oldHours: client.prepare('DELETE FROM article_view_hours WHERE hour < ?'),
    salt: client.prepare('SELECT salt FROM visitor_salts WHERE day = ?').pluck(),
  };
  prepared.set(client, s);
  return s;
}

/**
 * Counts the beacons that count, in one IMMEDIATE transaction: whether each one counted (false for
 * a repeat within the window, an address over its cap, or an article readers cannot see).
 * Rows older than the window are deleted first, so counted_visits never holds more than half an
 * hour of visitors.
 * @param {Client} client @param {readonly Beacon[]} beacons @param {Date} [now]
 * @returns {boolean[]}
 */
export function recordBeacons(client, beacons, now = new Date()) {
  const s = statements(client);
  const at = now.getTime();
  const since = at - VIEW_WINDOW_MS;
  const hour = Math.floor(at / HOUR_MS);
  return client
    .transaction(() => {
      s.forgetOld.run(since);
      /** @type {Map<number, boolean>} */
      const visible = new Map();
      /** @type {Map<number, { views: number; shares: number }>} */
      const added = new Map();
      const counted = beacons.map(({ kind, articleId, visitor }) => {
        if (!visible.has(articleId)) visible.set(articleId, s.visible.get(articleId) !== undefined);
        if (!visible.get(articleId)) return false;
        if (s.recent.get(kind, articleId, visitor.id, since)) return false;
        if (/** @type {number} */ (s.fromAddress.get(kind, articleId, visitor.address, since)) >= ADDRESS_CAP)
          return false;
        s.remember.run(kind, articleId, visitor.id, visitor.address, at);
        const sums = added.get(articleId) ?? { views: 0, shares: 0 };
        if (kind === 'view') sums.views++;
        else sums.shares++;
        added.set(articleId, sums);
        return true;
      });
      for (const [articleId, { views, shares }] of added) {
        if (views > 0) {
          s.views.run(articleId, views);
          s.hour.run(articleId, hour, views);
        }
        if (shares > 0) s.shares.run(articleId, shares);
      }
      return counted;
    })
    .immediate();
}

/** @type {WeakMap<Client, { day: string; salt: string }>} */
const salts = new WeakMap();

/**
 * The day's salt for visitor hashes. The first process to need it on a new day makes it; the
 * others read the same row. Making it is also the daily clean-up: the salts of earlier days and
 * the hourly counts older than a week go.
 * @param {Client} client @param {Date} [now]
 */
export function visitorSalt(client, now = new Date()) {
  const day = now.toISOString().slice(0, 10);
  const known = salts.get(client);
  if (known?.day === day) return known.salt;
  const s = statements(client);
  const salt = client
    .transaction(() => {
      if (s.makeSalt.run(day, randomBytes(32).toString('base64url')).changes > 0) {
        s.oldSalts.run(day);
        s.oldHours.run(Math.floor(now.getTime() / HOUR_MS) - VIEW_HOURS_KEPT);
      }
      return /** @type {string} */ (s.salt.get(day));
    })
    .immediate();
  salts.set(client, { day, salt });
  return salt;
}

/** @param {...string} parts */
const hash = (...parts) => createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22);

/**
 * Who a beacon comes from, without knowing who is behind it: `id` tells one browser from another,
 * `address` is the address alone (which caps how many visitors one address may be).
 * @param {string} salt @param {string} address @param {string} userAgent
 * @returns {Visitor}
 */
export function visitorOf(salt, address, userAgent) {
  return { id: hash(salt, address, userAgent.slice(0, 512)), address: hash(salt, address) };
}
