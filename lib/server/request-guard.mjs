// The request guard: what every request goes through before the front copy, the readers' line or
// Next see it.
// - X-Forwarded-*: behind a reverse proxy the deployment declares (NEWSROOM_TRUST_PROXY=1), its
//   headers say who asked and which host; otherwise they are whatever a client wrote, and are
//   removed before the action guard, the doors (lib/door.ts) or Next compare an Origin with them.
// - Malformed server-action requests get their 4xx (lib/server/action-guard.mjs), and every other
//   body over its route's limit its 413 (lib/server/body-limit.mjs, limits from the route kinds
//   table), before Next or its proxy reads any of it.
// - The reader's address for the counters' visitor hash (lib/reader/visitors.ts) is put on the request.
// - A path segment no page can have is answered 404 here (hasOverlongSegment).
import { guardActionRequest, hasOverlongSegment, isServerActionRequest } from './action-guard.mjs';
import { guardBodyLimit } from './body-limit.mjs';

/**
 * @param {{ trustProxy: boolean; action: import('./action-guard.mjs').GuardOptions }} options
 */
export function requestGuard({ trustProxy, action }) {
  // The address server.mjs puts on every request: the socket's, or behind a reverse proxy the
  // deployment says it has, the address that proxy added last to X-Forwarded-For. Always
  // overwritten, so a client cannot choose its own.
  /** @param {import('node:http').IncomingMessage} req */
  function clientAddress(req) {
    if (trustProxy) {
      const forwarded = String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .at(-1)
        ?.trim();
      if (forwarded) return forwarded;
    }
    return req.socket.remoteAddress ?? '';
  }

  /**
   * Resolves to the request to go on with (the same one, or a copy that replays a body already
   * read), or answers the client itself and resolves to null.
   * @param {import('node:http').IncomingMessage} incoming
   * @param {import('node:http').ServerResponse} res
   * @param {{ bodyLimit: number; tooLarge: string }} route
   * @returns {Promise<import('node:http').IncomingMessage | null>}
   */
  return async function guard(incoming, res, route) {
    if (!trustProxy) {
      delete incoming.headers['x-forwarded-host'];
      delete incoming.headers['x-forwarded-proto'];
    }
    const req = isServerActionRequest(incoming)
      ? await guardActionRequest(incoming, res, action)
      : await guardBodyLimit(incoming, res, route);
    if (!req) return null;
    req.headers['x-newsroom-client-address'] = clientAddress(req);
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (hasOverlongSegment(pathname)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
      res.end('الصفحة غير موجودة.');
      return null;
    }
    return req;
  };
}
