import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { MAX_UPLOAD_BYTES, UPLOAD_MESSAGES } from '@/lib/shared/media-urls';
import {
  bodyLimitOf,
  DEFAULT_BODY_LIMIT,
  isNewsroomRequest,
  tooLargeMessageOf,
} from '@/lib/http/route-kinds.mjs';
import { publicAuthUrl } from '@/lib/server/config.mjs';

// server.mjs's two decisions before Next, both read from the route kinds table
// (lib/http/route-kinds.mjs): the line a request waits in, and the size its body may have.

describe('the readers’ line and the newsroom’s', () => {
  test('a reader page waits its turn whatever header it carries or however its path is spelled', () => {
    // A client chooses its headers: a GET with Next-Action is still a reader page (no action runs
    // for a GET), and "/_next/../search" is /search once Next resolves it.
    for (const [method, path, headers] of [
      ['GET', '/search', { 'next-action': 'x' }],
      ['HEAD', '/', { 'next-action': 'x' }],
      ['GET', '/_next/../search', {}],
      ['GET', '/_next/%2e%2e/search', {}],
      ['GET', '/newsroom/../news/1/x', {}],
      ['POST', '/api/views/1', {}],
      ['POST', '/api/articles/1/comments', {}],
      ['GET', '/section/politics', {}],
    ] as const)
      assert.equal(isNewsroomRequest(method, path, headers), false, `${method} ${path}`);
  });

  test('the newsroom never waits: its pages, actions (POSTs), sign-in, uploads and Next’s files', () => {
    for (const [method, path, headers] of [
      ['GET', '/newsroom', {}],
      ['GET', '/newsroom/articles/3', {}],
      ['POST', '/newsroom/articles/3', { 'next-action': 'abc' }],
      ['POST', '/change-password', { 'next-action': 'abc' }],
      ['GET', '/signin', {}],
      ['GET', '/change-password', {}],
      ['POST', '/api/auth/callback/credentials', {}],
      ['POST', '/api/uploads', {}],
      ['GET', '/api/media', {}],
      ['GET', '/_next/static/chunks/app.js', {}],
    ] as const)
      assert.equal(isNewsroomRequest(method, path, headers), true, `${method} ${path}`);
  });
});

describe('body limits, one per route', () => {
  test('each route’s own limit, by method and normalised path; everything else a small default', () => {
    assert.equal(bodyLimitOf('POST', '/api/uploads'), MAX_UPLOAD_BYTES + 64 * 1024);
    assert.equal(bodyLimitOf('POST', '/api/articles/12/comments'), 32 * 1024);
    assert.equal(bodyLimitOf('POST', '/api/views/12'), 0);
    assert.equal(bodyLimitOf('POST', '/api/shares/12'), 0);
    assert.equal(bodyLimitOf('POST', '/api/auth/callback/credentials'), 4096);
    assert.equal(bodyLimitOf('PATCH', '/api/media/3'), 64 * 1024);
    // Not the upload's limit by a path that only resolves to it.
    assert.equal(bodyLimitOf('POST', '/api/views/../uploads'), MAX_UPLOAD_BYTES + 64 * 1024);
    assert.equal(bodyLimitOf('POST', '/search'), DEFAULT_BODY_LIMIT);
    assert.equal(bodyLimitOf('POST', '/'), DEFAULT_BODY_LIMIT);
    assert.ok(DEFAULT_BODY_LIMIT <= 64 * 1024);
  });

  test('an upload refused by size before the route is told the route’s own words', () => {
    assert.equal(tooLargeMessageOf('POST', '/api/uploads'), UPLOAD_MESSAGES.too_large);
    assert.equal(tooLargeMessageOf('POST', '/api/views/../uploads'), UPLOAD_MESSAGES.too_large);
    assert.equal(tooLargeMessageOf('POST', '/api/articles/1/comments'), 'الطلب أكبر من الحد المسموح به.');
  });
});

describe('next-auth’s public address (NEXTAUTH_URL) at start', () => {
  const local = { hostname: '127.0.0.1', self: '127.0.0.1', port: 4000 };
  test('as given; else the site URL’s origin; else, on this machine only, the address served', () => {
    assert.deepEqual(publicAuthUrl({ NEXTAUTH_URL: 'https://a.example' }, local), {
      ok: true,
      url: 'https://a.example',
      derived: false,
    });
    assert.deepEqual(publicAuthUrl({ NEWSROOM_SITE_URL: 'https://news.example/x' }, local), {
      ok: true,
      url: 'https://news.example',
      derived: true,
    });
    assert.deepEqual(publicAuthUrl({}, local), { ok: true, url: 'http://127.0.0.1:4000', derived: true });
  });
  test('listening on every interface with neither set, or a value that is no address: refuse to start', () => {
    assert.equal(publicAuthUrl({}, { hostname: '0.0.0.0', self: '127.0.0.1', port: 80 }).ok, false);
    assert.equal(publicAuthUrl({ NEWSROOM_SITE_URL: 'news.example' }, local).ok, false);
  });
});
