import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { routeOf } from '@/lib/http/route-kinds.mjs';
import { frontCopy } from '@/lib/server/front-copy.mjs';

// The front copy (lib/server/front-copy.mjs) around a stand-in for Next: a page is copied from the
// answer the first reader got (teed, never rendered twice), served from memory after, forgotten
// when the generation moves, and never kept from an answer during which it moved.

let generation = 1;
let renders = 0;
let publishWhileRendering = false;
let gzipAnswer = false;
const copy = frontCopy({ ttlMs: 60_000, maxBytes: 1024 * 1024, generation: () => generation });
let server: http.Server;
let base = '';

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const route = routeOf(req.method, url.split('?')[0]!, req.headers);
    const started = copy.sync();
    const pathname = url.split('?')[0]!;
    if (copy.eligible(req, route, url.includes('?') ? url.slice(url.indexOf('?')) : '')) {
      if (copy.answer(req, res, pathname) === 'served') return;
      copy.tee(req, res, pathname, started);
    }
    // Next, as far as the copy can tell: headers, then the page in two writes.
    renders++;
    const page = Buffer.from(`<p>صفحة ${pathname} ${generation}</p>`);
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
});
