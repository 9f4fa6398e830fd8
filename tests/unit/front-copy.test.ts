import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { routeOf } from '@/lib/http/route-kinds.mjs';
import { frontCopy } from '@/lib/server/front-copy.mjs';
import { searchQueryOf } from '@/lib/shared/search-query.mjs';

// The front copy (lib/server/front-copy.mjs) around a stand-in for Next: a page is copied from the
// answer the first reader got (teed, never rendered twice), served from memory after, forgotten
// when the generation moves, and never kept from an answer during which it moved; search answers
// are kept per query, in a budget of their own.

let generation = 1;
let renders = 0;
let publishWhileRendering = false;
let gzipAnswer = false;
let padding = '';
const copy = frontCopy({ ttlMs: 60_000, maxBytes: 1024 * 1024, generation: () => generation });
let server: http.Server;
let base = '';

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const route = routeOf(req.method, url.split('?')[0]!, req.headers);
    const started = copy.sync();
    const pathname = url.split('?')[0]!;
    const key = copy.keyOf(req, route, pathname, url.includes('?') ? url.slice(url.indexOf('?')) : '');
    if (key) {
      if (copy.answer(req, res, key) === 'served') return;
      copy.tee(req, res, key, started);
    }
    // Next, as far as the copy can tell: headers, then the page in two writes.
    renders++;
    // As the search page reads its query (lib/shared/search-query.mjs).
    const params = new URL(url, base).searchParams;
    const q = params.has('q') ? searchQueryOf(params).query : null;
    const page = Buffer.from(`<p>صفحة ${pathname}${q === null ? '' : ` ${q}`} ${generation}</p>${padding}`);
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.setHeader('cache-control', 'public, max-age=0, s-maxage=60, stale-while-revalidate=60');
    res.setHeader('surrogate-key', route.keys.join(' '));
    if (publishWhileRendering) generation++;
    if (gzipAnswer) {
      res.setHeader('content-encoding', 'gzip');
      return res.end(gzipSync(page));
    }
    res.write(page.subarray(0, 5));
    res.end(page.subarray(5));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });

describe('the front copy', () => {
  test('the first reader’s answer is the copy: one render, then served from memory with the same headers', async () => {
    renders = 0;
    const first = await get('/news/1/x');
    const text = await first.text();
    assert.equal(first.headers.get('x-front-cache'), null);
    const second = await get('/news/1/x');
    assert.equal(second.headers.get('x-front-cache'), 'hit');
    assert.equal(await second.text(), text);
    assert.equal(second.headers.get('surrogate-key'), 'article-1');
    assert.equal(second.headers.get('cache-control'), first.headers.get('cache-control'));
    assert.equal(renders, 1, 'never rendered a second time to fill the copy');
    // Gzipped for a browser that takes it (fetch asks for gzip and undoes it).
    const raw = await new Promise<http.IncomingMessage>((resolve) =>
      http.get(`${base}/news/1/x`, { headers: { 'accept-encoding': 'gzip' } }, resolve),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of raw) chunks.push(chunk as Buffer);
    assert.equal(raw.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(Buffer.concat(chunks)).toString(), text);
  });

  test('a publication anywhere empties it', async () => {
    generation++;
    renders = 0;
    const answer = await get('/news/1/x');
    assert.equal(answer.headers.get('x-front-cache'), null);
    assert.match(await answer.text(), new RegExp(` ${generation}<`));
    assert.equal(renders, 1);
  });

  test('an answer during which the generation moved is never kept', async () => {
    publishWhileRendering = true;
    await (await get('/news/2/y')).text();
    publishWhileRendering = false;
    const next = await get('/news/2/y');
    assert.equal(next.headers.get('x-front-cache'), null);
  });

  test('a compressed answer is kept as the page itself', async () => {
    gzipAnswer = true;
    const first = await (await get('/news/3/z')).text();
    gzipAnswer = false;
    const second = await get('/news/3/z');
    assert.equal(second.headers.get('x-front-cache'), 'hit');
    assert.equal(await second.text(), first);
  });

  test('a query, another spelling, a bypass header or a newsroom page is never copied', async () => {
    for (const [path, headers] of [
      ['/news/1/x?a=1', {}],
      ['/news/1/%d8%b9', {}],
      ['/news/4/w', { 'x-front-copy-bypass': '1' }],
      ['/newsroom', {}],
    ] as const) {
      await (await get(path, headers)).text();
      assert.equal((await get(path, headers)).headers.get('x-front-cache'), null, path);
    }
  });

  test('search is kept per query: every spelling of one query shares a copy, other parameters never', async () => {
    const q = 'مكافحة الإرهاب';
    renders = 0;
    const first = await get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(first.headers.get('x-front-cache'), null);
    const text = await first.text();
    assert.match(text, new RegExp(q));
    // The link's spelling, the form's ("+" for a space, parameters in another order), and what
    // the page reads the same (spaces around the query, the first page named or not a number):
    // one copy.
    const form = `/search?page=&q=${new URLSearchParams({ q }).toString().slice(2)}`;
    for (const path of [
      `/search?q=${encodeURIComponent(q)}`,
      form,
      `/search?q=${encodeURIComponent(q)}&page=`,
      `/search?q=${encodeURIComponent(` ${q} `)}&page=1`,
      `/search?page=x&q=${encodeURIComponent(q)}`,
    ]) {
      const again = await get(path);
      assert.equal(again.headers.get('x-front-cache'), 'hit', path);
      assert.equal(await again.text(), text, path);
      assert.equal(again.headers.get('surrogate-key'), 'search');
    }
    assert.equal(renders, 1);
    // Another query or page is another answer; an unknown or repeated parameter is never copied.
    for (const path of [
      `/search?q=${encodeURIComponent('قمة')}`,
      `/search?q=${encodeURIComponent(q)}&page=2`,
      `/search?q=${encodeURIComponent(q)}&x=1`,
      `/search?q=${encodeURIComponent(q)}&q=x`,
    ])
      assert.equal((await get(path)).headers.get('x-front-cache'), null, path);
    assert.equal((await get(`/search?q=${encodeURIComponent(q)}&x=1`)).headers.get('x-front-cache'), null);
    assert.equal((await get(`/search?q=${encodeURIComponent(q)}&q=x`)).headers.get('x-front-cache'), null);
    assert.equal((await get(`/search?q=${encodeURIComponent('قمة')}`)).headers.get('x-front-cache'), 'hit');
    // A publication forgets the answers too.
    generation++;
    const after = await get(`/search?q=${encodeURIComponent(q)}`);
    assert.equal(after.headers.get('x-front-cache'), null);
    assert.match(await after.text(), new RegExp(` ${generation}<`));
  });

  test('made-up queries fill their own budget and never push the pages out', async () => {
    await (await get('/news/5/v')).text();
    assert.equal((await get('/news/5/v')).headers.get('x-front-cache'), 'hit');
    // An eighth of the 1 MB copy for queries: 40 answers of 40 kB are far more than it holds.
    padding = 'ـ'.repeat(20_000);
    try {
      for (let i = 0; i < 40; i++) await (await get(`/search?q=${i}`)).text();
    } finally {
      padding = '';
    }
    assert.equal((await get('/search?q=39')).headers.get('x-front-cache'), 'hit', 'the newest kept');
    assert.equal((await get('/search?q=0')).headers.get('x-front-cache'), null, 'the oldest let go');
    assert.equal((await get('/news/5/v')).headers.get('x-front-cache'), 'hit', 'the page kept');
  });
});
