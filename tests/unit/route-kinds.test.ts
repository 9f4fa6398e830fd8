import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ROUTES, routeOf, routeOfPath } from '@/lib/http/route-kinds.mjs';
import { routeKindOf } from '@/lib/http/security-headers';

// The one table of route kinds (lib/http/route-kinds.mjs): every reader of it gets the same answer
// for the same address, and what it does not know fails closed.

describe('the route kinds table', () => {
  test('each address has its kind, policy, line, copy and Surrogate-Key names', () => {
    const cases: [string, string, string, string, boolean, string[]][] = [
      // path, kind, headers, line, front copy, keys
      ['/', 'reader-home', 'reader-html', 'reader', true, ['home']],
      ['/page/2', 'reader-home', 'reader-html', 'reader', true, ['home']],
      [
        '/news/12/%D8%B9%D9%86%D9%88%D8%A7%D9%86',
        'reader-article',
        'reader-html',
        'reader',
        true,
        ['article-12'],
      ],
      // Another spelling of the same slug is the same page, never a second copy.
      [
        '/news/12/%d8%b9%d9%86%d9%88%d8%a7%d9%86',
        'reader-article',
        'reader-html',
        'reader',
        false,
        ['article-12'],
      ],
      ['/news/12', 'reader-page', 'reader-html', 'reader', false, ['article-12']],
      [
        '/section/%D8%AF%D9%88%D9%84%D9%8A',
        'reader-list',
        'reader-html',
        'reader',
        true,
        ['section-%D8%AF%D9%88%D9%84%D9%8A'],
      ],
      ['/section/politics/page/3', 'reader-list', 'reader-html', 'reader', true, ['section-politics']],
      ['/tag/x/feed.xml', 'reader-feed', 'resource', 'reader', true, ['feeds', 'tag-x']],
      ['/author/7', 'reader-list', 'reader-html', 'reader', true, ['author-7']],
      ['/search', 'reader-search', 'reader-html', 'reader', true, ['search']],
      ['/feed.xml', 'reader-feed', 'resource', 'reader', true, ['feeds']],
      ['/news-sitemap.xml', 'reader-feed', 'resource', 'reader', true, ['feeds']],
      ['/robots.txt', 'reader-file', 'resource', 'reader', true, []],
      [
        '/api/articles/5/engagement',
        'api-engagement',
        'resource',
        'reader',
        true,
        ['article-5', 'engagement'],
      ],
      ['/api/views/5', 'api-beacon', 'resource', 'reader', false, []],
      ['/api/stats/5', 'api', 'resource', 'reader', false, []],
      ['/media/a-320.webp', 'public-file', 'resource', 'reader', false, []],
      ['/newsroom', 'newsroom-page', 'newsroom', 'newsroom', false, []],
      ['/newsroom/articles/3/preview/document', 'newsroom-preview', 'preview', 'newsroom', false, []],
      ['/signin', 'auth-page', 'newsroom', 'newsroom', false, []],
      ['/change-password', 'auth-page', 'newsroom', 'newsroom', false, []],
      ['/api/auth/session', 'api-auth', 'resource', 'newsroom', false, []],
      ['/api/uploads', 'api-uploads', 'resource', 'newsroom', false, []],
      ['/_next/static/chunks/a.js', 'next-files', 'resource', 'newsroom', false, []],
    ];
    for (const [path, kind, headers, line, copy, keys] of cases) {
      const route = routeOfPath(path);
      assert.deepEqual(
        { kind: route.kind, headers: route.headers, line: route.line, copy: route.copy, keys: route.keys },
        { kind, headers, line, copy, keys },
        path,
      );
      // The security headers read the same row.
      assert.equal(routeKindOf(path), headers, path);
    }
  });

  test('an address nobody listed fails closed: the newsroom’s policy, the readers’ line, no copy', () => {
    for (const path of ['/no-such-page', '/newsroom-admin', '/admin', '/signin/other', '/.env']) {
      const route = routeOfPath(path);
      assert.equal(route.kind, 'unknown', path);
      assert.equal(route.headers, 'newsroom', path);
      assert.equal(route.line, 'reader', path);
      assert.equal(route.copy, false, path);
    }
  });

  test('the request line is classified by its normalised path and method, never by a header alone', () => {
    assert.equal(routeOf('GET', '/_next/../search', { 'next-action': 'x' }).kind, 'reader-search');
    assert.equal(routeOf('GET', '/_next/../search', { 'next-action': 'x' }).line, 'reader');
    assert.equal(routeOf('POST', '/newsroom/articles/3', { 'next-action': 'x' }).line, 'newsroom');
    assert.equal(routeOf('GET', '/newsroom/../news/1/x').kind, 'reader-article');
  });

  test('the Surrogate-Key names of the answers are the ones a publication lists for a purge', () => {
    // db/reader-cache.ts readerKeysOf writes article-, section-, tag-, author-, home,
    // feeds and search; every row with keys, on an address of its own, gives only those.
    const source = readFileSync('db/reader-cache.ts', 'utf8');
    for (const name of ['`article-', '`section-', '`tag-', '`author-', "'home'", "'feeds'", "'search'"])
      assert.ok(source.includes(name), name);
    const samples = [
      '/',
      '/news/1',
      '/news/1/x',
      '/section/a',
      '/tag/b/atom.xml',
      '/author/2',
      '/search',
      '/feed.xml',
    ];
    const withKeys = ROUTES.filter((row) => row.keys);
    for (const row of withKeys)
      assert.ok(samples.some((path) => row.path.test(path)) || row.kind === 'api-engagement', row.kind);
    for (const path of [...samples, '/api/articles/3/engagement'])
      for (const key of routeOfPath(path).keys)
        assert.match(key, /^(?:(?:article|section|tag|author)-[^\s]+|home|feeds|search|engagement)$/, path);
  });
});
