import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { apiKeys, articles, outbox, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { call, createKeyFor } from './api-helpers';
import { createApiKey, callerOfKey, hashKey, revokeApiKey } from '@/lib/platform/keys';
import { setEmbargo, unpublishArticle } from '@/lib/newsroom/workflow';
import { publishedArticle, writeArticle } from './fixtures';
import { AUTHORIZATION_MATRIX } from '../authorization/matrix';
import {
  API_SCOPE_PERMISSIONS,
  API_SCOPES,
  type ApiOperation,
  type ApiScope,
} from '@/lib/shared/permissions';
import * as articlesRoute from '@/app/api/v1/articles/route';
import * as articleRoute from '@/app/api/v1/articles/[ref]/route';
import * as submitRoute from '@/app/api/v1/articles/[ref]/submit/route';
import * as transitionsRoute from '@/app/api/v1/articles/[ref]/transitions/route';
import * as sectionsRoute from '@/app/api/v1/sections/route';
import * as tagsRoute from '@/app/api/v1/tags/route';
import * as authorsRoute from '@/app/api/v1/authors/route';
import * as searchRoute from '@/app/api/v1/search/route';
import * as imagesRoute from '@/app/api/v1/images/route';
import * as webhooksRoute from '@/app/api/v1/webhooks/route';
import * as openapiRoute from '@/app/api/v1/openapi.json/route';
import * as wireRoute from '@/app/api/v1/wire/route';
import { testSection } from './section';

// The API through its own route handlers (lib/http/api-route.ts and app/api/v1/), on a real SQLite
// file: the authorization matrix's API rows, what readers may see and nothing else, the save
// contract on a base version, and every refusal as an RFC 9457 problem.

const MODULES: Record<string, Record<string, unknown>> = {
  'app/api/v1/articles/route.ts': articlesRoute,
  'app/api/v1/articles/[ref]/route.ts': articleRoute,
  'app/api/v1/articles/[ref]/submit/route.ts': submitRoute,
  'app/api/v1/articles/[ref]/transitions/route.ts': transitionsRoute,
  'app/api/v1/sections/route.ts': sectionsRoute,
  'app/api/v1/tags/route.ts': tagsRoute,
  'app/api/v1/authors/route.ts': authorsRoute,
  'app/api/v1/search/route.ts': searchRoute,
  'app/api/v1/images/route.ts': imagesRoute,
  'app/api/v1/webhooks/route.ts': webhooksRoute,
  'app/api/v1/openapi.json/route.ts': openapiRoute,
  'app/api/v1/wire/route.ts': wireRoute,
};

let reporter: User;
let editor: User;
let admin: User;
let people: { reporter: User; editor: User };
let visible: number;
let embargoed: number;
let draft: number;
let unpublished: number;
const keys: Partial<Record<ApiScope | 'all', string>> = {};

before(async () => {
  reporter = await createUser({
    email: 'api-reporter@newsroom.test',
    name: 'مراسلة الواجهة',
    role: 'reporter',
    password: 'x'.repeat(12),
  });
  editor = await createUser({
    email: 'api-editor@newsroom.test',
    name: 'محرر الواجهة',
    role: 'editor',
    password: 'x'.repeat(12),
  });
  admin = await createUser({
    email: 'api-admin@newsroom.test',
    name: 'مديرة الواجهة',
    role: 'admin',
    password: 'x'.repeat(12),
  });
  people = { reporter, editor };
  visible = publishedArticle(people, 'خبر منشور للواجهة', { tags: ['اقتصاد'] });
  embargoed = publishedArticle(people, 'خبر محظور حتى الغد', { tags: ['وسم-محظور'] });
  setEmbargo(editor, embargoed, new Date(Date.now() + 86_400_000));
  unpublished = publishedArticle(people, 'خبر سُحب من النشر');
  unpublishArticle(editor, unpublished);
  draft = writeArticle(reporter, { headline: 'مسودة سرية للواجهة', paragraphs: ['نص المسودة'] }).id;
  for (const scope of API_SCOPES) keys[scope] = createKeyFor(admin, [scope]);
  keys.all = createKeyFor(admin, [...API_SCOPES]);
});

const matrixRows = Object.entries(AUTHORIZATION_MATRIX).filter(([, row]) => row.probe === 'api');

describe('the authorization matrix, API rows', () => {
  for (const [key, row] of matrixRows) {
    const [, file, method] = key.split(' ') as [string, string, string];
    const handler = MODULES[file]?.[method];
    test(`${key}: no key, a wrong scope, a revoked key are refused; the right scope passes`, async () => {
      assert.ok(handler, `add ${file} to MODULES`);
      const params: Record<string, string> = file.includes('[ref]') ? { ref: String(draft) } : {};
      if (row.who === 'anyone') {
        assert.equal((await call(handler, { method, params })).status, 200);
        return;
      }
      const operation = (row.who as { apiKey: ApiOperation }).apiKey;
      const none = await call(handler, { method, params });
      assert.equal(none.status, 401);
      assert.equal(none.headers.get('content-type'), 'application/problem+json');
      assert.equal((await none.json()).type, 'urn:newsroom:problem:missing-key');
      const wrong = API_SCOPES.find((s) => !API_SCOPE_PERMISSIONS[s][operation])!;
      const refused = await call(handler, { method, params, key: keys[wrong] });
      assert.equal(refused.status, 403);
      assert.equal((await refused.json()).type, 'urn:newsroom:problem:insufficient-scope');
      const right = API_SCOPES.find((s) => API_SCOPE_PERMISSIONS[s][operation])!;
      const passed = await call(handler, { method, params, key: keys[right] });
      assert.ok(![401, 403, 429, 500].includes(passed.status), `${key} answered ${passed.status}`);
    });
  }
});

describe('keys', () => {
  test('stored as the SHA-256 of the key, never the key; revoked keys are refused at once', async () => {
    const created = createApiKey(admin, {
      name: 'تطبيق الهاتف',
      scopes: ['content:read'],
      ownerId: admin.id,
    });
    const row = db.select().from(apiKeys).where(eq(apiKeys.id, created.id)).get()!;
    assert.equal(row.keyHash, hashKey(created.key));
    assert.notEqual(row.keyHash, created.key);
    assert.ok(!JSON.stringify(row).includes(created.key));
    assert.ok(created.key.length >= 40);
    assert.ok(callerOfKey(created.key));
    assert.equal((await call(articlesRoute.GET, { key: created.key })).status, 200);
    revokeApiKey(admin, created.id);
    assert.equal(callerOfKey(created.key), null);
    const refused = await call(articlesRoute.GET, { key: created.key });
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).type, 'urn:newsroom:problem:invalid-key');
  });

  test("a key never holds more than its owner's role: a reporter's key cannot publish", () => {
    assert.throws(() => createApiKey(admin, { name: 'x', scopes: ['publish'], ownerId: reporter.id }));
    assert.throws(() => createApiKey(admin, { name: 'x', scopes: ['webhooks'], ownerId: editor.id }));
    assert.throws(() => createApiKey(editor, { name: 'x', scopes: ['content:read'], ownerId: editor.id }));
  });

  test('the rate limit answers 429 with Retry-After, counted in the database', async () => {
    const { key } = createApiKey(admin, {
      name: 'محدود',
      scopes: ['content:read'],
      ownerId: admin.id,
      ratePerMinute: 3,
    });
    for (let i = 0; i < 3; i++) assert.equal((await call(sectionsRoute.GET, { key })).status, 200);
    const limited = await call(sectionsRoute.GET, { key });
    assert.equal(limited.status, 429);
    const retry = Number(limited.headers.get('retry-after'));
    assert.ok(retry >= 1 && retry <= 60, `Retry-After ${retry}`);
    assert.equal((await limited.json()).type, 'urn:newsroom:problem:rate-limited');
  });
});

describe('the Content API shows exactly what readers see', () => {
  test('the list holds the published article and none of the embargoed, unpublished or draft ones', async () => {
    const answer = await call(articlesRoute.GET, {
      key: keys['content:read'],
      path: '/api/v1/articles?limit=100',
    });
    assert.equal(answer.status, 200);
    const text = await answer.text();
    const ids = (JSON.parse(text) as { articles: { id: number }[] }).articles.map((a) => a.id);
    assert.ok(ids.includes(visible));
    for (const hidden of [embargoed, unpublished, draft])
      assert.ok(!ids.includes(hidden), `article ${hidden} leaked`);
    assert.ok(!text.includes('محظور') && !text.includes('سرية'));
  });

  test('an embargoed article is absent from every answer: by id, by slug, search, tags, ninjs', async () => {
    const key = keys['content:read'];
    const slug = db.select({ slug: articles.slug }).from(articles).where(eq(articles.id, embargoed)).get()!
      .slug;
    for (const ref of [String(embargoed), encodeURIComponent(slug), String(draft), String(unpublished)])
      assert.equal((await call(articleRoute.GET, { key, params: { ref } })).status, 404, ref);
    const answers = [
      await call(searchRoute.GET, { key, path: `/api/v1/search?q=${encodeURIComponent('محظور')}` }),
      await call(tagsRoute.GET, { key, path: '/api/v1/tags' }),
      await call(authorsRoute.GET, { key, path: '/api/v1/authors' }),
      await call(articlesRoute.GET, { key, path: '/api/v1/articles?format=ninjs&limit=100' }),
      await call(articlesRoute.GET, { key, path: `/api/v1/articles?tag=${encodeURIComponent('وسم-محظور')}` }),
    ];
    for (const answer of answers) {
      assert.equal(answer.status, 200);
      const text = await answer.text();
      assert.ok(!text.includes('محظور'), text.slice(0, 300));
    }
  });

  test('one article by id and by slug, in app JSON and in ninjs; ETag and 304; the reader keys', async () => {
    const key = keys['content:read'];
    const byId = await call(articleRoute.GET, { key, params: { ref: String(visible) } });
    assert.equal(byId.status, 200);
    assert.match(byId.headers.get('cache-control')!, /s-maxage/);
    assert.equal(byId.headers.get('surrogate-key'), `article-${visible}`);
    const { article } = (await byId.json()) as {
      article: { slug: string; headline: string; body_html: string };
    };
    assert.equal(article.headline, 'خبر منشور للواجهة');
    const bySlug = await call(articleRoute.GET, { key, params: { ref: encodeURIComponent(article.slug) } });
    assert.equal(bySlug.status, 200);
    const etag = byId.headers.get('etag')!;
    const again = await call(articleRoute.GET, {
      key,
      params: { ref: String(visible) },
      headers: { 'if-none-match': etag },
    });
    assert.equal(again.status, 304);
    const ninjs = await call(articleRoute.GET, {
      key,
      params: { ref: String(visible) },
      headers: { accept: 'application/ninjs+json' },
    });
    assert.match(ninjs.headers.get('content-type')!, /ninjs/);
    const item = (await ninjs.json()) as { headlines: { value: string }[]; $standard: { version: string } };
    assert.equal(item.headlines[0]!.value, 'خبر منشور للواجهة');
    assert.equal(item.$standard.version, '2.1');
  });

  test('cursor paging walks every published article once', async () => {
    for (let i = 0; i < 4; i++)
      publishedArticle(people, `خبر للتصفح ${i}`, { at: new Date(Date.now() - i * 1000) });
    const key = keys['content:read'];
    const seen: number[] = [];
    let cursor: string | null = '';
    for (let page = 0; page < 50 && cursor !== null; page++) {
      const answer = await call(articlesRoute.GET, {
        key,
        path: `/api/v1/articles?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      });
      const body = (await answer.json()) as { articles: { id: number }[]; next_cursor: string | null };
      seen.push(...body.articles.map((a) => a.id));
      cursor = body.next_cursor;
    }
    assert.equal(new Set(seen).size, seen.length);
    assert.ok(seen.length >= 5);
    const bad = await call(articlesRoute.GET, { key, path: '/api/v1/articles?cursor=zzz' });
    assert.equal(bad.status, 400);
  });
});

describe('the Admin API writes through the editor’s save contract', () => {
  test('create, update on the base version; a stale version that overlaps someone’s edit is a 409 that writes nothing', async () => {
    const { key } = createApiKey(admin, {
      name: 'نظام الوكالة',
      scopes: ['drafts:write'],
      ownerId: reporter.id,
    });
    const created = await call(articlesRoute.POST, {
      method: 'POST',
      key,
      json: { headline: 'مسودة من الواجهة', paragraphs: ['الفقرة الأولى'], sectionId: testSection() },
    });
    assert.equal(created.status, 201);
    const draft = (await created.json()) as { id: number; version: number; status: string };
    assert.equal(draft.status, 'draft');
    const base = draft.version;
    const first = await call(articleRoute.PATCH, {
      method: 'PATCH',
      key,
      params: { ref: String(draft.id) },
      json: { base_version: base, headline: 'عنوان عدّلته الصحفية' },
    });
    assert.equal(first.status, 200);
    const stale = await call(articleRoute.PATCH, {
      method: 'PATCH',
      key,
      params: { ref: String(draft.id) },
      json: { base_version: base, headline: 'عنوان الدمج الآلي', deck: 'سطر' },
    });
    assert.equal(stale.status, 409);
    assert.equal((await stale.json()).type, 'urn:newsroom:problem:stale-version');
    const row = db.select().from(articles).where(eq(articles.id, draft.id)).get()!;
    assert.equal(row.headline, 'عنوان عدّلته الصحفية');
    assert.equal(row.deck, '');
    // A field nobody else touched merges on the old base, as the editor's autosave does.
    const merged = await call(articleRoute.PATCH, {
      method: 'PATCH',
      key,
      params: { ref: String(draft.id) },
      json: { base_version: base, deck: 'سطر' },
    });
    assert.equal(merged.status, 200);
    const submitted = await call(submitRoute.POST, {
      method: 'POST',
      key,
      params: { ref: String(draft.id) },
    });
    assert.equal(submitted.status, 201);
    // Publishing needs the publish scope, and a reporter's key can never have it.
    const denied = await call(transitionsRoute.POST, {
      method: 'POST',
      key,
      params: { ref: String(draft.id) },
      json: { action: 'publish' },
    });
    assert.equal(denied.status, 403);
  });

  test('publish with a publish-scoped key of an editor, and the outbox row is written with it', async () => {
    const { key } = createApiKey(admin, {
      name: 'مكتب التحرير',
      scopes: ['publish', 'drafts:write'],
      ownerId: editor.id,
    });
    const { id } = writeArticle(reporter, {
      headline: 'خبر يُنشر من الواجهة',
      paragraphs: ['نص'],
      sectionId: testSection(),
    });
    const before = db.select().from(outbox).all().length;
    assert.equal(
      (await call(submitRoute.POST, { method: 'POST', key, params: { ref: String(id) } })).status,
      201,
    );
    for (const action of ['approve', 'publish'])
      assert.equal(
        (
          await call(transitionsRoute.POST, {
            method: 'POST',
            key,
            params: { ref: String(id) },
            json: { action },
          })
        ).status,
        201,
      );
    const rows = db.select().from(outbox).all().slice(before);
    assert.deepEqual(
      rows.map((r) => r.eventType),
      ['article.published'],
    );
    // The reporter's own key (drafts:write) may not approve, whatever it asks.
    const { key: reporterKey } = createApiKey(admin, {
      name: 'x',
      scopes: ['drafts:write'],
      ownerId: reporter.id,
    });
    const refused = await call(transitionsRoute.POST, {
      method: 'POST',
      key: reporterKey,
      params: { ref: String(id) },
      json: { action: 'unpublish' },
    });
    assert.equal(refused.status, 403);
  });

  test('bad input: each a problem with its status, nothing changed', async () => {
    const key = keys['drafts:write'];
    const count = () => db.select().from(articles).all().length;
    const n = count();
    const malformed = await call(articlesRoute.POST, {
      method: 'POST',
      key,
      body: '{"headline": ',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(malformed.status, 400);
    assert.equal((await malformed.json()).type, 'urn:newsroom:problem:malformed-json');
    const unknown = await call(articlesRoute.POST, {
      method: 'POST',
      key,
      json: { headline: 'س', colour: 'أحمر' },
    });
    assert.equal(unknown.status, 422);
    const problem = (await unknown.json()) as { errors: Record<string, string>; title: string };
    assert.ok('colour' in problem.errors);
    assert.match(problem.title, /[\u0600-\u06FF]/);
    const wrongType = await call(articlesRoute.POST, {
      method: 'POST',
      key,
      body: 'headline=x',
      headers: { 'content-type': 'text/plain' },
    });
    assert.equal(wrongType.status, 415);
    const huge = await call(articlesRoute.POST, {
      method: 'POST',
      key,
      json: { headline: 'س', paragraphs: ['ن'.repeat(300_000)] },
    });
    assert.equal(huge.status, 413);
    const badSection = await call(articlesRoute.POST, {
      method: 'POST',
      key,
      json: { headline: 'س', sectionId: 999_999 },
    });
    assert.equal(badSection.status, 422);
    assert.equal(count(), n);
    const unsafe = await call(webhooksRoute.POST, {
      method: 'POST',
      key: keys.webhooks,
      json: { url: 'http://169.254.169.254/latest/meta-data', events: ['article.published'] },
    });
    assert.equal(unsafe.status, 422);
    assert.equal((await unsafe.json()).type, 'urn:newsroom:problem:unsafe-webhook-url');
  });

  test('POST /api/v1/webhooks answers the signing secret once; GET never shows it', async () => {
    const created = await call(webhooksRoute.POST, {
      method: 'POST',
      key: keys.webhooks,
      json: { url: 'https://hooks.example.com/newsroom', events: ['article.published', 'article.updated'] },
    });
    assert.equal(created.status, 201);
    const body = (await created.json()) as { secret: string; id: number };
    assert.match(body.secret, /^whsec_/);
    const listed = await (await call(webhooksRoute.GET, { key: keys.webhooks })).text();
    assert.ok(!listed.includes(body.secret));
    assert.ok(!listed.includes('whsec_'));
  });
});
