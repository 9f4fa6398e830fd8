// The readers' view and share beacons (POST /api/views/<id>, /api/shares/<id>), taken here without
// entering Next, and written in batches: every `flushMs` (250 ms) or every `batchSize` (100)
// beacons, whichever comes first, in one IMMEDIATE transaction (db/counters.mjs recordBeacons, the
// same rules as the Next route app/api/views: once per visitor per article per half hour, a few
// visitors at most per address, published articles only; never for known bots). Each beacon is
// answered once its batch is written (204), so a test, or a client that waits, sees the count; a
// reader's browser sends it with sendBeacon and never waits. Behind another process's write lock
// the batch is tried again each period and, after `busyGiveUpMs`, answered 503 «مشغولة», as the
// route answers: nothing is counted twice, since a batch either commits or changes nothing.
//
// Why: through Next a beacon cost 2.8 ms of CPU and a reader slot (bench/reader-visit.ts), more
// than the article page it counts; here it is a header check, a hash and a share of one write.
import path from 'node:path';
import Database from 'better-sqlite3';
import { recordBeacons, visitorOf, visitorSalt } from '../../db/counters.mjs';
import { isKnownBot } from '../shared/known-bots.mjs';

const BEACON_PATH = /^\/api\/(views|shares)\/([1-9][0-9]{0,15})$/;
// The door's words (lib/errors.ts ERROR_MESSAGES), in its JSON shape (lib/route.ts refusal).
const REFUSALS = {
  not_found: { status: 404, message: 'المقال غير موجود.' },
  cross_origin: { status: 403, message: 'رُفض الطلب لأنه لم يأتِ من صفحات هذا الموقع.' },
  busy: {
    status: 503,
    message: 'قاعدة البيانات مشغولة بعمل آخر الآن، ولم يُحفظ شيء. أعد المحاولة بعد لحظات.',
  },
};
// The headers of a 'resource' answer (lib/http/security-headers.ts securityHeaders('resource'); a unit
// test keeps the two the same). HSTS is added behind https.
const RESOURCE_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'x-frame-options': 'SAMEORIGIN',
  'content-security-policy':
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  'cache-control': 'no-store',
};

/** @typedef {{ beacon: import('../../db/counters.mjs').Beacon; res: import('node:http').ServerResponse; since: number }} Pending */

/**
 * @param {{ trustProxy: boolean; https: boolean; flushMs?: number; batchSize?: number; busyGiveUpMs?: number; file?: string }} options
 */
export function beaconIntake({
  trustProxy,
  https,
  flushMs = 250,
  batchSize = 100,
  busyGiveUpMs = 8_000,
  file,
}) {
  /** @type {import('better-sqlite3').Database | undefined} */
  let client;
  /** @type {Pending[]} */
  let pending = [];
  /** @type {NodeJS.Timeout | null} */
  let timer = null;
  const headers = {
    ...RESOURCE_HEADERS,
    ...(https ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };

  // Its own connection, opened on first use: a write waits at most 5 ms inside SQLite (a longer
  // wait would block this worker's event loop) and is tried again on the next period instead.
  function database() {
    if (client) return client;
    const where = path.resolve(file ?? process.env.DATABASE_PATH ?? path.join('data', 'newsroom.db'));
    client = new Database(where, { fileMustExist: true });
    client.pragma('busy_timeout = 5');
    // As the app's own connection (db/connection.ts): a counted view survives a power cut too.
    client.pragma('synchronous = FULL');
    client.pragma('foreign_keys = ON');
    return client;
  }

  /** @param {import('node:http').ServerResponse} res @param {keyof REFUSALS | null} refusal */
  function reply(res, refusal) {
    if (res.destroyed || res.headersSent) return;
    if (!refusal) {
      res.writeHead(204, headers);
      return void res.end();
    }
    const { status, message } = REFUSALS[refusal];
    const body = Buffer.from(JSON.stringify({ ok: false, code: refusal, message }), 'utf8');
    res.writeHead(status, {
      ...headers,
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    res.end(body);
  }

  /** @param {unknown} error */
  const isBusy = (error) =>
    error instanceof Error &&
    /^SQLITE_(?:BUSY|LOCKED)/.test(String(/** @type {{ code?: string }} */ (error).code));

  function flush() {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    try {
      recordBeacons(
        database(),
        batch.map((p) => p.beacon),
      );
      for (const p of batch) reply(p.res, null);
    } catch (error) {
      const now = Date.now();
      const retry = isBusy(error) ? batch.filter((p) => now - p.since < busyGiveUpMs) : [];
      for (const p of batch) if (!retry.includes(p)) reply(p.res, 'busy');
      if (!isBusy(error)) console.error('beacon batch failed', error);
      pending = [...retry, ...pending];
      if (pending.length > 0) timer = setTimeout(flush, flushMs);
    }
  }

  /**
   * Takes the request if it is a beacon (true), or leaves it to Next (false: another method).
   * @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res
   * @param {string} pathname normalised
   */
  return function take(req, res, pathname) {
    if (req.method !== 'POST') return false;
    const match = BEACON_PATH.exec(pathname);
    if (!match) return (reply(res, 'not_found'), true);
    // The public door's same-origin rule (lib/door.ts sameOrigin): a post another site's page
    // made is refused, whatever it says of itself.
    if (req.headers['sec-fetch-site'] === 'cross-site') return (reply(res, 'cross_origin'), true);
    const origin = req.headers.origin;
    if (origin !== undefined) {
      const forwarded = trustProxy
        ? String(req.headers['x-forwarded-host'] ?? '')
            .split(',')[0]
            ?.trim()
        : '';
      const host = (forwarded || req.headers.host || '').toLowerCase();
      let same = false;
      try {
        same = host !== '' && new URL(origin).host === host;
      } catch {
        same = false;
      }
      if (!same) return (reply(res, 'cross_origin'), true);
    }
    if (isKnownBot(req.headers['user-agent'])) return (reply(res, null), true);
    let salt;
    try {
      salt = visitorSalt(database());
    } catch (error) {
      if (!isBusy(error)) console.error('visitor salt failed', error);
      return (reply(res, 'busy'), true);
    }
    const address = String(req.headers['x-newsroom-client-address'] ?? '');
    pending.push({
      beacon: {
        kind: match[1] === 'views' ? 'view' : 'share',
        articleId: Number(match[2]),
        visitor: visitorOf(salt, address, String(req.headers['user-agent'] ?? '')),
      },
      res,
      since: Date.now(),
    });
    if (pending.length >= batchSize) flush();
    else timer ??= setTimeout(flush, flushMs);
    return true;
  };
}
