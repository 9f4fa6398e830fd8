// Screens server-action requests in server.mjs before Next decodes them.
//
// Why here: Next 16 answers a malformed action request with a 500 and logs a stack trace for it —
// an unparsable `Origin` (`new URL(origin)` throws in its action handler), another site's
// `Origin`, a body over `serverActions.bodySizeLimit` (its 413 becomes a 500), a body that is not
// JSON, or a `$`-prefixed string React's reply decoder takes for a reference to a part that does
// not exist ("Connection closed"). Nothing is written in any of these cases, but anonymous
// clients could fill the log. The checks below refuse them with a 4xx and one short Arabic line,
// at the cost of reading the (bounded) body once more; a well-formed request is handed to Next
// unchanged.
import { replayedRequest } from './body-limit.mjs';

const MESSAGES = {
  // Next's own words for an unknown action: its client router reloads the page on this answer.
  409: 'Server Action unavailable.',
  400: 'البيانات المرسلة غير صالحة.',
  403: 'طلب من موقع آخر؛ رُفض.',
  413: 'الطلب أكبر من الحد المسموح به.',
};

// React's reply encoder (encodeReply) writes a user string that starts with `$` as `$$…`; the
// other `$` forms a plain-text body can hold stand for values JSON has no word for. Every other
// `$` form points at another part of a multipart body, which a text body does not have.
const PLAIN_TEXT_FORMS = /^\$(?:\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d+$|T)/s;
// React's decoder recurses, so a deep body could overflow its stack. Autosaves carry TipTap nodes
// (a body patch), and a list nested past the document's own limit (12) must still reach the action
// so that it answers next to the body, in Arabic: 256 levels is about 60 nested lists.
const MAX_DEPTH = 256;

/** @typedef {400 | 403 | 409 | 413} RefusalStatus */
/** @typedef {{ status: RefusalStatus; message: string; reason: string }} Refusal */
/** @typedef {{ bodyLimit: number; knownActions?: ReadonlySet<string> | null; trustProxy?: boolean }} GuardOptions */

/** @param {RefusalStatus} status @param {string} reason @returns {Refusal} */
function refuse(status, reason) {
  return { status, message: MESSAGES[status], reason };
}

/**
 * Whether Next would try to run this request as a server action: a fetch action (the
 * `Next-Action` header) or a multipart form posted to a page (route handlers under /api/ read
 * their own bodies).
 * @param {import('node:http').IncomingMessage} req
 */
export function isServerActionRequest(req) {
  if (req.method !== 'POST') return false;
  if (typeof req.headers['next-action'] === 'string') return true;
  const type = req.headers['content-type'] ?? '';
  return type.startsWith('multipart/form-data') && !(req.url ?? '').startsWith('/api/');
}

/**
 * The checks that need only the headers.
 * @param {import('node:http').IncomingHttpHeaders} headers
 * @param {GuardOptions} options the body limit in bytes; the build's action ids, when known
 * @returns {Refusal | null}
 */
export function screenActionHeaders(headers, { bodyLimit, knownActions, trustProxy = false }) {
  const action = headers['next-action'];
  // Next answers an unknown id the same way, after logging a stack trace for it.
  if (typeof action === 'string' && knownActions && !knownActions.has(action)) {
    return refuse(409, 'unknown action');
  }
  // The browser says the post comes from another site: refused whatever its Origin says, or
  // without one (a form posted without JavaScript reached an action with neither checked).
  if (headers['sec-fetch-site'] === 'cross-site') return refuse(403, 'cross-site');
  const origin = headers.origin;
  if (origin !== undefined) {
    let originHost;
    try {
      originHost = origin === 'null' ? 'null' : new URL(origin).host;
    } catch {
      return refuse(400, 'unparsable origin');
    }
    // The host Next compares the origin with (its action handler's parseHostHeader); a
    // forwarded host only from a proxy the deployment declared.
    const forwarded = trustProxy ? headers['x-forwarded-host'] : undefined;
    const host = (Array.isArray(forwarded) ? forwarded[0] : forwarded?.split(',')[0]?.trim()) || headers.host;
    if (!host || originHost !== host) return refuse(403, 'cross-origin');
  }
  // A chunked body (Next forwards an action to the page that has it that way) is counted as it is
  // read, below.
  if (headers['content-length'] === undefined) return null;
  const length = Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0) return refuse(400, 'bad content-length');
  if (length > bodyLimit) return refuse(413, 'too large');
  return null;
}

/**
 * The checks of a plain-text (JSON) action body: the argument list as React's encodeReply writes it.
 * @param {string} text
 * @returns {Refusal | null}
 */
export function screenActionBody(text) {
  return screenReply(text, null);
}

/**
 * The checks of a multipart action body: a well-formed form whose root part (`0`) is the argument
 * list, and whose `$` references name parts that are there (encodeReply writes a part's id in hex
 * in the reference and in decimal in the field's name: `0`, `_1_…` for a FormData, `S2` for a
 * stream).
 * @param {FormData} form
 * @param {boolean} fetchAction
 * @returns {Refusal | null}
 */
export function screenActionForm(form, fetchAction) {
  // A form posted without JavaScript carries Next's own `$ACTION_…` fields; Next checks those.
  if (!fetchAction) return null;
  const root = form.get('0');
  if (typeof root !== 'string') return refuse(400, 'no root part');
  /** @type {Set<number>} */
  const parts = new Set();
  for (const name of form.keys()) {
    const id = /^(?:_|S)?(\d+)/.exec(name)?.[1];
    if (id !== undefined) parts.add(Number(id));
  }
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || !/^\d+$/.test(name)) continue;
    const refusal = screenReply(value, parts);
    if (refusal) return refusal;
  }
  return null;
}

/**
 * @param {string} text one JSON part of a reply
 * @param {Set<number> | null} parts the ids of a multipart body's parts; null for a text body
 * @returns {Refusal | null}
 */
function screenReply(text, parts) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(400, 'not JSON');
  }
  if (parts === null && !Array.isArray(value)) return refuse(400, 'arguments are not a list');
  // Iterative, so a deep body cannot overflow this stack either.
  /** @type {[unknown, number][]} */
  const pending = [[value, 0]];
  while (pending.length > 0) {
    const [item, depth] = /** @type {[unknown, number]} */ (pending.pop());
    if (typeof item === 'string') {
      if (item.startsWith('$') && !PLAIN_TEXT_FORMS.test(item) && !isPartReference(item, parts)) {
        return refuse(400, 'reference to a missing part');
      }
    } else if (item !== null && typeof item === 'object') {
      if (depth >= MAX_DEPTH) return refuse(400, 'too deep');
      for (const [key, child] of Object.entries(item)) {
        // Keys are decoded as they are, but a `$` key is never written by encodeReply either.
        if (key.startsWith('$') && !Array.isArray(item)) return refuse(400, 'reference in a key');
        pending.push([child, depth + 1]);
      }
    }
  }
  return null;
}

/** @param {string} item @param {Set<number> | null} parts */
function isPartReference(item, parts) {
  const id = /^\$[A-Za-z@]?([0-9a-f]+)$/.exec(item)?.[1];
  return parts !== null && id !== undefined && parts.has(parseInt(id, 16));
}

/**
 * Screens one request. Resolves to the request Next should get (the same one, or a copy that
 * replays the body already read), or answers the client itself and resolves to null.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {GuardOptions} options
 * @returns {Promise<import('node:http').IncomingMessage | null>}
 */
export async function guardActionRequest(req, res, options) {
  if (!isServerActionRequest(req)) return req;
  const { bodyLimit } = options;
  const early = screenActionHeaders(req.headers, options);
  if (early) return answer(req, res, early, bodyLimit);
  /** @type {Buffer[]} */
  const chunks = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += chunk.length;
      if (size > bodyLimit) return answer(req, res, refuse(413, 'longer than its content-length'), 0);
      chunks.push(chunk);
    }
  } catch {
    res.destroy();
    return null;
  }
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  let refusal;
  if (type.startsWith('multipart/form-data')) {
    let form;
    try {
      // Node's own multipart parser (undici), on bytes already bounded by the limit.
      form = await new Response(body, { headers: { 'content-type': type } }).formData();
    } catch {
      return answer(req, res, refuse(400, 'malformed form'), bodyLimit);
    }
    refusal = screenActionForm(form, typeof req.headers['next-action'] === 'string');
  } else refusal = screenActionBody(body.toString('utf8'));
  if (refusal) return answer(req, res, refusal, bodyLimit);
  return replayedRequest(req, body);
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 * @param {Refusal} refusal
 * @param {number} drainLimit an unread body up to 8 times this is read and dropped by Node after
 *   the answer, so the client gets to read it; a longer one closes the connection
 */
function answer(req, res, refusal, drainLimit) {
  // One line, no stack: enough to see a probe in the log without letting it fill the log.
  console.warn(`server action refused (${refusal.status}, ${refusal.reason}): ${req.method} ${req.url}`);
  const body = Buffer.from(refusal.message, 'utf8');
  res.writeHead(refusal.status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': body.length,
    'cache-control': 'no-store',
    ...(refusal.status === 409 ? { 'x-nextjs-action-not-found': '1' } : {}),
    ...(req.complete || Number(req.headers['content-length']) <= 8 * drainLimit
      ? {}
      : { connection: 'close' }),
  });
  res.end(body);
  return null;
}

// Next caches a dynamic page under a file named by its path; a path segment longer than a file
// name may be (255 bytes, less Next's longest suffix, `.segments`) makes that write fail with
// ENAMETOOLONG and a stack trace in the log. Such a segment that is not even slug-shaped (the
// site's slugs are letters, marks, digits and hyphens) cannot be one of the site's pages: 404.
const MAX_SEGMENT_BYTES = 246;
const NOT_SLUG = /[^\p{L}\p{M}\p{N}-]/u;

/** @param {string} pathname the request's path, still percent-encoded */
export function hasOverlongSegment(pathname) {
  for (const segment of pathname.split('/')) {
    if (segment.length <= MAX_SEGMENT_BYTES) continue; // encoded is never shorter than decoded
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return true; // not even UTF-8
    }
    if (Buffer.byteLength(decoded) > MAX_SEGMENT_BYTES && NOT_SLUG.test(decoded)) return true;
  }
  return false;
}
