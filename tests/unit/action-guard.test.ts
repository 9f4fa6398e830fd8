import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  hasOverlongSegment,
  isServerActionRequest,
  screenActionBody,
  screenActionForm,
  screenActionHeaders,
} from '@/lib/server/action-guard.mjs';

// The checks server.mjs makes before Next decodes a server action (lib/server/action-guard.mjs).

const LIMIT = 1024;
const headers = (extra: Record<string, string> = {}) => ({
  host: 'news.test',
  'content-length': '10',
  'next-action': 'a'.repeat(42),
  ...extra,
});

describe('which requests are screened', () => {
  const request = (method: string, url: string, h: Record<string, string>) =>
    ({ method, url, headers: h }) as unknown as Parameters<typeof isServerActionRequest>[0];
  test('a fetch action, a multipart form to a page; not an upload to /api/ nor a GET', () => {
    assert.equal(isServerActionRequest(request('POST', '/newsroom', { 'next-action': 'x' })), true);
    assert.equal(
      isServerActionRequest(
        request('POST', '/newsroom', { 'content-type': 'multipart/form-data; boundary=b' }),
      ),
      true,
    );
    assert.equal(
      isServerActionRequest(
        request('POST', '/api/uploads', { 'content-type': 'multipart/form-data; boundary=b' }),
      ),
      false,
    );
    assert.equal(isServerActionRequest(request('GET', '/newsroom', { 'next-action': 'x' })), false);
  });
});

describe('headers', () => {
  test('a same-origin action with a length within the limit passes', () => {
    assert.equal(screenActionHeaders(headers({ origin: 'http://news.test' }), { bodyLimit: LIMIT }), null);
    assert.equal(
      screenActionHeaders(headers(), { bodyLimit: LIMIT }),
      null,
      'no Origin: as Next, let it through',
    );
  });
  test('an unparsable Origin is a 400', () => {
    for (const origin of ['http://[', '%%%', 'http://a b', '']) {
      assert.equal(screenActionHeaders(headers({ origin }), { bodyLimit: LIMIT })?.status, 400, origin);
    }
  });
  test('another origin, or "null", is a 403; x-forwarded-host counts only behind a declared proxy', () => {
    assert.equal(
      screenActionHeaders(headers({ origin: 'http://evil.test' }), { bodyLimit: LIMIT })?.status,
      403,
    );
    assert.equal(screenActionHeaders(headers({ origin: 'null' }), { bodyLimit: LIMIT })?.status, 403);
    const forwarded = headers({ origin: 'https://proxy.test', 'x-forwarded-host': 'proxy.test' });
    assert.equal(screenActionHeaders(forwarded, { bodyLimit: LIMIT, trustProxy: true }), null);
    // Without NEWSROOM_TRUST_PROXY a client writes the header itself, naming its own origin.
    const forged = headers({ origin: 'http://evil.test', 'x-forwarded-host': 'evil.test' });
    assert.equal(screenActionHeaders(forged, { bodyLimit: LIMIT })?.status, 403);
  });
  test('Sec-Fetch-Site: cross-site is a 403 whatever the Origin, or with none (a no-JS form)', () => {
    for (const extra of [{}, { origin: 'http://news.test' }] as Record<string, string>[])
      assert.equal(
        screenActionHeaders(headers({ ...extra, 'sec-fetch-site': 'cross-site' }), { bodyLimit: LIMIT })
          ?.status,
        403,
      );
    assert.equal(
      screenActionHeaders(headers({ 'sec-fetch-site': 'same-origin' }), { bodyLimit: LIMIT }),
      null,
    );
  });
  test('a body over the limit is a 413 before it is read; a chunked one is counted as it is read', () => {
    assert.equal(
      screenActionHeaders(headers({ 'content-length': '1025' }), { bodyLimit: LIMIT })?.status,
      413,
    );
    assert.equal(screenActionHeaders(headers({ 'content-length': '-1' }), { bodyLimit: LIMIT })?.status, 400);
    const chunked = { host: 'news.test', 'next-action': 'x', 'transfer-encoding': 'chunked' };
    assert.equal(screenActionHeaders(chunked, { bodyLimit: LIMIT }), null);
  });
  test('an action id the build does not have is a 409, as Next answers it', () => {
    const known = new Set(['b'.repeat(42)]);
    assert.equal(screenActionHeaders(headers(), { bodyLimit: LIMIT, knownActions: known })?.status, 409);
    assert.equal(
      screenActionHeaders(headers({ 'next-action': 'b'.repeat(42) }), {
        bodyLimit: LIMIT,
        knownActions: known,
      }),
      null,
    );
  });
  test('every refusal carries an Arabic message', () => {
    const refusal = screenActionHeaders(headers({ origin: '%' }), { bodyLimit: LIMIT });
    assert.match(refusal?.message ?? '', /[\u0600-\u06FF]/);
  });
});

describe('text bodies', () => {
  test('what encodeReply writes passes: escaped $ strings, undefined, dates, bigints', () => {
    const ok = JSON.stringify([
      { headline: '$$ثمن', deck: '$undefined', at: '$D2026-01-01T00:00:00.000Z', n: '$n12', x: '$NaN' },
    ]);
    assert.equal(screenActionBody(ok), null);
    assert.equal(screenActionBody('[]'), null);
  });
  test('raw $ references, not JSON, not a list, or too deep: 400', () => {
    for (const body of [
      '["$Q1"]',
      '["$@1"]',
      '[{"a":"$K1"}]',
      '["$h0"]',
      '["$1"]',
      '[{"$a":1}]',
      '{{{',
      '',
      '{"articleId":1}',
      '"text"',
      JSON.stringify(['['.repeat(300) + ']'.repeat(300)].map((s) => JSON.parse(s))),
    ]) {
      assert.equal(screenActionBody(body)?.status, 400, body.slice(0, 40));
    }
  });
  test('nesting far deeper than the stack still answers (iterative walk)', () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    assert.equal(screenActionBody(deep)?.status, 400);
  });
});

describe('multipart bodies', () => {
  test('references to parts that are there pass; to parts that are not, 400', () => {
    const form = new FormData();
    form.append('0', JSON.stringify([{ file: '$K1', list: '$Q2' }]));
    form.append('_1_name', 'x');
    form.append('2', '[]');
    assert.equal(screenActionForm(form, true), null);
    const missing = new FormData();
    missing.append('0', JSON.stringify(['$Q9']));
    assert.equal(screenActionForm(missing, true)?.status, 400);
    const noRoot = new FormData();
    noRoot.append('1', '[]');
    assert.equal(screenActionForm(noRoot, true)?.status, 400);
  });
  test('a form posted without JavaScript is left to Next', () => {
    const form = new FormData();
    form.append('$ACTION_ID_abc', '');
    assert.equal(screenActionForm(form, false), null);
  });
});

describe('overlong path segments', () => {
  test("the site's own addresses pass; a long segment that is no slug is refused", () => {
    const slug = encodeURIComponent('م'.repeat(80));
    assert.equal(hasOverlongSegment(`/news/12/${slug}`), false);
    assert.equal(
      hasOverlongSegment(`/news/12/${encodeURIComponent('𝕬'.repeat(80))}`),
      false,
      'long, but a slug',
    );
    assert.equal(hasOverlongSegment(`/tag/${encodeURIComponent('وسم'.repeat(20))}`), false);
    assert.equal(hasOverlongSegment(`/news/1') AND 8080=(SELECT ${'CHR(113)||'.repeat(30)}/x`), true);
    assert.equal(hasOverlongSegment(`/section/${encodeURIComponent('د) AND '.repeat(40))}`), true);
    assert.equal(hasOverlongSegment(`/x/${'%E0'.repeat(100)}`), true, 'not UTF-8');
  });
});
