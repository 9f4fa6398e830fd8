import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { html } from '@/lib/reader/html';
import { readerDocument } from '@/lib/reader/templates';
import { ARTICLE_SCRIPT, READER_INLINE_SCRIPTS } from '@/lib/reader/scripts';
import {
  contentSecurityPolicy,
  routeKindOf,
  securityHeaders,
  staticSecurityHeaders,
  type RouteKind,
} from '@/lib/http/security-headers';

// The headers of every route kind (proxy.ts sets them; e2e/door.spec.ts checks them on the
// production server).

const ROUTES: Record<string, RouteKind> = {
  '/newsroom': 'newsroom',
  '/newsroom/articles/12': 'newsroom',
  '/signin': 'newsroom',
  '/newsroom/articles/12/preview': 'newsroom',
  '/newsroom/articles/12/preview/document': 'preview',
  '/news/12/%D8%B9%D9%86%D9%88%D8%A7%D9%86': 'reader-html',
  '/': 'reader-html',
  '/section/politics': 'reader-html',
  '/search': 'reader-html',
  '/page/2': 'reader-html',
  '/author/3': 'reader-html',
  '/tag/%D8%A7/feed.xml': 'resource',
  // Not a reader page: the newsroom's nonce policy (a direct load of it must run its scripts).
  '/change-password': 'newsroom',
  // Unknown addresses fail closed: the newsroom's policy, never framed (their 404 runs no script).
  '/no-such-page': 'newsroom',
  '/newsroom-admin': 'newsroom',
  '/api/media': 'resource',
  '/api/auth/session': 'resource',
  '/media/abc-320.webp': 'resource',
  '/feed.xml': 'resource',
  '/robots.txt': 'resource',
};

describe('security headers by route kind', () => {
  test('every path has its kind', () => {
    for (const [path, kind] of Object.entries(ROUTES)) assert.equal(routeKindOf(path), kind, path);
  });

  test('every kind has nosniff, a referrer policy, a permissions policy and a CSP', () => {
    for (const kind of new Set(Object.values(ROUTES))) {
      const headers = securityHeaders(kind, 'bm9uY2U=');
      assert.equal(headers['X-Content-Type-Options'], 'nosniff');
      assert.ok(headers['Referrer-Policy']);
      assert.match(headers['Permissions-Policy']!, /camera=\(\)/);
      assert.match(headers['Content-Security-Policy']!, /object-src 'none'|default-src 'none'/);
      // Plain http here: no HSTS, and no upgrade of requests.
      assert.equal(headers['Strict-Transport-Security'], undefined);
      assert.doesNotMatch(headers['Content-Security-Policy']!, /upgrade-insecure-requests/);
    }
  });

  test('the newsroom and sign-in: a nonce, and no framing by anyone', () => {
    const headers = securityHeaders('newsroom', 'bm9uY2U=');
    assert.match(headers['Content-Security-Policy']!, /script-src 'self' 'nonce-bm9uY2U=' 'strict-dynamic'/);
    assert.match(headers['Content-Security-Policy']!, /frame-ancestors 'none'/);
    assert.equal(headers['X-Frame-Options'], 'DENY');
    assert.equal(headers['Referrer-Policy'], 'same-origin');
  });

  test('the preview document: no script, framed by this site only', () => {
    const headers = securityHeaders('preview');
    assert.match(headers['Content-Security-Policy']!, /script-src 'none'/);
    assert.match(headers['Content-Security-Policy']!, /frame-ancestors 'self'/);
    assert.equal(headers['X-Frame-Options'], 'SAMEORIGIN');
  });

  test("a plain-HTML reader page's inline scripts are exactly the ones its CSP allows by hash", () => {
    const page = readerDocument({ title: 'عنوان', main: html`<p>نص</p>`, script: ARTICLE_SCRIPT });
    const inline = [
      ...page.matchAll(/<script(?![^>]*type="application\/ld\+json")[^>]*>([\s\S]*?)<\/script>/g),
    ].map((m) => m[1]!);
    assert.equal(inline.length, 1);
    const csp = contentSecurityPolicy('reader-html');
    for (const script of inline) {
      const hash = createHash('sha256').update(script, 'utf8').digest('base64');
      assert.ok(csp.includes(`'sha256-${hash}'`), 'the inline script is allowed by its hash');
    }
    assert.doesNotMatch(csp, /unsafe-inline'[^;]*;[^;]*script-src|script-src[^;]*unsafe-inline/);
    assert.equal(securityHeaders('reader-html')['X-Frame-Options'], 'SAMEORIGIN');
    assert.equal(csp.match(/'sha256-/g)!.length, READER_INLINE_SCRIPTS.length);
  });

  test('behind https: HSTS and upgraded requests (settings read at start, not at build)', () => {
    const out = execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--conditions=react-server',
        '-e',
        "import('@/lib/http/security-headers').then((m) => console.log(JSON.stringify(m.securityHeaders('reader-html'))))",
      ],
      { env: { ...process.env, NEWSROOM_SITE_URL: 'https://news.example' }, encoding: 'utf8' },
    );
    const headers = JSON.parse(out) as Record<string, string>;
    assert.equal(headers['Strict-Transport-Security'], 'max-age=31536000; includeSubDomains');
    assert.match(headers['Content-Security-Policy']!, /upgrade-insecure-requests/);
  });

  test('next.config.js sends the static headers of each kind, on every path of it', async () => {
    const file = '../../next.config.js';
    // A variable specifier: the config is plain JavaScript without type declarations.
    const config = ((await import(file)) as { default: unknown }).default as {
      headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]>;
    };
    const rules = await config.headers();
    const matches = (source: string, path: string) =>
      new RegExp(`^${source.replace(/\/:\w+\*/g, '(?:/.*)?').replace(/:\w+/g, '[^/]+')}$`).test(path);
    for (const [path, kind] of Object.entries(ROUTES)) {
      const sent: Record<string, string> = {};
      for (const rule of rules)
        if (matches(rule.source, path)) for (const { key, value } of rule.headers) sent[key] = value;
      delete sent['Cache-Control'];
      assert.deepEqual(sent, staticSecurityHeaders(kind), path);
    }
  });
});
