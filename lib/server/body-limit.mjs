// Bodies over their route's limit are refused here, before Next or its proxy buffers any of them.
// The limits themselves, and the words a refusal says, are the route kinds table's
// (lib/http/route-kinds.mjs). Plain JavaScript: server.mjs loads it untranspiled (types in
// body-limit.d.mts).
import { IncomingMessage } from 'node:http';
import { normalizedPath } from '../http/route-kinds.mjs';

const KB = 1024;
// A chunked body up to this size is read here and handed to Next whole (so nothing inside Next
// holds more than the route's limit); a larger limit (uploads) is left to the route itself,
// whose door checks the session before it reads, and cuts the stream off at the same limit.
const BUFFER_AT_MOST = 1024 * KB;

// How much of a refused chunked body is read and dropped (never kept) before the connection is cut.
const CHUNKED_DRAIN = 1024 * KB;
// How long a refused body whose length was declared may stay connected, unread, for its client to
// read the answer (Node's client, curl and browsers read it while still sending).
const UNREAD_GRACE_MS = 5_000;

/**
 * Refuses a body over its route's limit before anything buffers it: by Content-Length at once,
 * and for a chunked body by counting as it arrives. Resolves to the request Next should get (the
 * same one, or a copy that replays a chunked body already read), or answers 413 itself and
 * resolves to null. Next's proxy (proxy.ts) otherwise reads up to 10 MB of any POST it runs for.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {{ bodyLimit: number; tooLarge: string }} route the route's limit and words (routeOf)
 * @returns {Promise<import('node:http').IncomingMessage | null>}
 */
export async function guardBodyLimit(req, res, { bodyLimit: limit, tooLarge }) {
  const declared = req.headers['content-length'];
  const chunked =
    declared === undefined && /\bchunked\b/i.test(String(req.headers['transfer-encoding'] ?? ''));
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isSafeInteger(length) || length < 0)
      return refuse(req, res, 400, 'البيانات المرسلة غير صالحة.', 0);
    return length > limit ? refuse(req, res, 413, tooLarge, 0) : req;
  }
  if (!chunked || limit > BUFFER_AT_MOST) return req;
  return new Promise((resolve) => {
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    /** @param {Buffer} chunk */
    const onData = (chunk) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      resolve(refuse(req, res, 413, tooLarge, CHUNKED_DRAIN));
    };
    const onEnd = () => {
      stop();
      resolve(replayedRequest(req, Buffer.concat(chunks)));
    };
    const onError = () => {
      stop();
      res.destroy();
      resolve(null);
    };
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Answers at once, in JSON (`{ ok: false, message }`) on the API as the routes themselves answer, in
 * plain text elsewhere. The answer is complete on the wire before the body is (its length is
 * given), but the response is not ended: Node closes a connection whose answer ended while its
 * request was still arriving, and the client, still writing, then met a reset and never read its
 * 413. A body whose length was declared is then left unread (the socket pauses once Node's small
 * buffer is full, so nothing is allocated for it) until the client hangs up or UNREAD_GRACE_MS
 * pass; reading and dropping it instead churned through what 100 clients sent before they read
 * their answer (about 100 MB of resident memory). A chunked body was already being read: up to
 * `drainAtMost` more bytes are dropped, then the connection is cut.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res @param {number} status @param {string} message
 * @param {number} drainAtMost
 */
function refuse(req, res, status, message, drainAtMost) {
  const path = normalizedPath((req.url ?? '/').split('?')[0] ?? '/');
  const api = path.startsWith('/api/');
  // The public API (/api/v1) answers every refusal as an RFC 9457 problem (lib/shared/problem.ts).
  const problem = path.startsWith('/api/v1/');
  const body = Buffer.from(
    problem
      ? JSON.stringify({
          type: `urn:newsroom:problem:${status === 413 ? 'too-large' : 'malformed-json'}`,
          title: message,
          status,
        })
      : api
        ? JSON.stringify({ ok: false, message })
        : message,
    'utf8',
  );
  res.writeHead(status, {
    'content-type': problem
      ? 'application/problem+json'
      : api
        ? 'application/json; charset=utf-8'
        : 'text/plain; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
  });
  if (req.complete) {
    res.end(body);
    return null;
  }
  res.write(body);
  if (drainAtMost === 0) {
    req.pause();
    const timer = setTimeout(() => req.socket.destroy(), UNREAD_GRACE_MS);
    timer.unref();
    req.socket.once('close', () => clearTimeout(timer));
    return null;
  }
  let dropped = 0;
  req.on('data', (/** @type {Buffer} */ chunk) => {
    dropped += chunk.length;
    if (dropped <= drainAtMost) return;
    res.end();
    req.socket.destroy();
  });
  req.on('end', () => res.end());
  req.on('error', () => res.destroy());
  req.resume();
  return null;
}

// A request with the same headers whose body is the bytes already read from the original (the
// length now known, so Next's readers see a plain body). The action guard replays with it too.
/** @param {import('node:http').IncomingMessage} req @param {Buffer} body */
export function replayedRequest(req, body) {
  const copy = new IncomingMessage(req.socket);
  copy.method = req.method;
  copy.url = req.url;
  copy.headers = { ...req.headers, 'content-length': String(body.length) };
  delete copy.headers['transfer-encoding'];
  copy.rawHeaders = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = /** @type {string} */ (req.rawHeaders[i]);
    if (name.toLowerCase() === 'transfer-encoding') continue;
    copy.rawHeaders.push(name, /** @type {string} */ (req.rawHeaders[i + 1]));
  }
  copy.rawHeaders.push('content-length', String(body.length));
  copy.httpVersion = req.httpVersion;
  copy.httpVersionMajor = req.httpVersionMajor;
  copy.httpVersionMinor = req.httpVersionMinor;
  copy.push(body);
  copy.push(null);
  copy.complete = true;
  return copy;
}
