import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import { ENDPOINTS, openApiDocument } from '@/lib/platform/openapi';
import { NINJS_STANDARD, toNinjs, wantsNinjs } from '@/lib/platform/ninjs';
import type { ApiArticle } from '@/lib/platform/content';
import { problem, problemOfErrorCode, PROBLEMS, PROBLEM_TYPE_PREFIX } from '@/lib/shared/problem';
import { ERROR_MESSAGES, type ErrorCode } from '@/lib/shared/errors';

// The pure parts of the platform: the ninjs mapping field by field, the problem details' one
// shape, and the OpenAPI document, validated by an independent validator.

const article: ApiArticle = {
  id: 7,
  slug: 'الحكومة-تقر-الموازنة',
  url: 'https://news.example/news/7/الحكومة-تقر-الموازنة',
  headline: 'الحكومة تقرّ الموازنة العامة',
  deck: 'زيادة في مخصصات التعليم',
  dateline: 'عمّان',
  byline: 'سلمى الخطيب',
  section: { slug: 'اقتصاد', name: 'اقتصاد', url: 'https://news.example/section/اقتصاد' },
  published_at: '2026-12-07T10:00:00.000Z',
  updated_at: '2026-12-07T12:30:00.000Z',
  image: null,
  author: { id: 3, name: 'سلمى الخطيب', url: 'https://news.example/author/3' },
  tags: [{ name: 'الموازنة', slug: 'الموازنة', url: 'https://news.example/tag/الموازنة' }],
  lead_image: {
    url: 'https://news.example/media/a-1200.webp',
    width: 1200,
    height: 800,
    alt: 'مجلس الوزراء',
    caption: 'جلسة المجلس',
    credit: 'وكالة الأنباء',
    renditions: [
      { url: 'https://news.example/media/a-400.webp', width: 400, height: 267 },
      { url: 'https://news.example/media/a-1200.webp', width: 1200, height: 800 },
    ],
  },
  body_html: '<p>أقرّت الحكومة اليوم الموازنة.</p>',
  body_text: 'أقرّت الحكومة اليوم الموازنة.',
};

describe('ninjs 2.1 mapping', () => {
  const item = toNinjs(article);
  test('identity, times, status and language', () => {
    assert.deepEqual(item.$standard, NINJS_STANDARD);
    assert.equal(item.uri, article.url);
    assert.equal(item.type, 'text');
    assert.equal(item.firstcreated, article.published_at);
    assert.equal(item.versioncreated, article.updated_at);
    assert.equal(item.pubstatus, 'usable');
    assert.equal(item.language, 'ar');
  });
  test('headline, deck, byline, dateline, body with its counts', () => {
    assert.deepEqual(item.headlines, [{ value: article.headline, role: 'main', contenttype: 'text/plain' }]);
    assert.deepEqual(item.descriptions, [
      { value: article.deck, role: 'summary', contenttype: 'text/plain' },
    ]);
    assert.equal(item.by, 'سلمى الخطيب');
    assert.equal(item.located, 'عمّان');
    assert.equal(item.bodies![0]!.value, article.body_html);
    assert.equal(item.bodies![0]!.contenttype, 'text/html');
    assert.equal(item.bodies![0]!.wordcount, 4);
  });
  test('section and tags as subjects, the author as a person, the lead image as featureimage', () => {
    assert.deepEqual(
      item.subjects!.map((s) => [s.name, s.rel]),
      [
        ['اقتصاد', 'section'],
        ['الموازنة', 'tag'],
      ],
    );
    assert.deepEqual(item.people, [{ name: 'سلمى الخطيب', uri: article.author.url, rel: 'author' }]);
    const picture = item.associations!.featureimage!;
    assert.equal(picture.type, 'picture');
    assert.equal(picture.copyrightholder, 'وكالة الأنباء');
    assert.deepEqual(picture.descriptions, [{ value: 'جلسة المجلس', role: 'caption' }]);
    assert.deepEqual(Object.keys(picture.renditions), ['w400', 'w1200']);
  });
  test('an article never updated has versioncreated = firstcreated; empty fields are left out', () => {
    const plain = toNinjs({
      ...article,
      updated_at: null,
      deck: '',
      dateline: '',
      lead_image: null,
      tags: [],
      section: null,
    });
    assert.equal(plain.versioncreated, article.published_at);
    for (const field of ['descriptions', 'located', 'associations', 'subjects'] as const)
      assert.equal(plain[field], undefined, field);
  });
  test('chosen by the parameter first, then by Accept', () => {
    assert.equal(wantsNinjs('ninjs', null), true);
    assert.equal(wantsNinjs('json', 'application/ninjs+json'), false);
    assert.equal(wantsNinjs(undefined, 'application/ninjs+json, application/json;q=0.5'), true);
    assert.equal(wantsNinjs(undefined, 'application/json'), false);
  });
});

describe('problem details', () => {
  test('every type has one shape: a stable URN, an Arabic title, its status', () => {
    for (const [type, { status }] of Object.entries(PROBLEMS)) {
      const p = problem(type as keyof typeof PROBLEMS, 'تفصيل');
      assert.equal(p.type, `${PROBLEM_TYPE_PREFIX}${type}`);
      assert.equal(p.status, status);
      assert.match(p.title, /[\u0600-\u06FF]/, type);
      assert.equal(p.detail, 'تفصيل');
    }
  });
  test('the statuses the API promises, and errors only when there are some', () => {
    const statuses = new Set<number>(Object.values(PROBLEMS).map((p) => p.status));
    for (const status of [400, 401, 403, 404, 409, 413, 415, 422, 429])
      assert.ok(statuses.has(status), String(status));
    assert.equal('errors' in problem('validation-failed', undefined, {}), false);
    assert.deepEqual(problem('validation-failed', undefined, { headline: 'مطلوب' }).errors, {
      headline: 'مطلوب',
    });
  });
  test("every newsroom refusal has its problem, with the newsroom's words as the detail", () => {
    for (const code of Object.keys(ERROR_MESSAGES) as ErrorCode[]) {
      const p = problemOfErrorCode(code);
      assert.ok(p.type.startsWith(PROBLEM_TYPE_PREFIX));
      assert.equal(p.detail, ERROR_MESSAGES[code]);
    }
    assert.equal(problemOfErrorCode('conflict').status, 409);
    assert.equal(problemOfErrorCode('forbidden').status, 403);
  });
});

describe('the OpenAPI document', () => {
  test('is valid OpenAPI 3.1 (checked by @seriousme/openapi-schema-validator)', async () => {
    const validator = new Validator();
    const result = await validator.validate(openApiDocument() as never);
    assert.equal(result.valid, true, JSON.stringify(result.errors, null, 1)?.slice(0, 2000));
    assert.equal(validator.version, '3.1');
  });
  test('lists every route file under app/api/v1 with each of its methods', () => {
    const root = path.join(process.cwd(), 'app/api/v1');
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && e.name === 'route.ts')
      .map((e) => path.relative(root, e.parentPath).replace(/\[(\w+)\]/g, '{$1}'))
      .filter((p) => p !== 'openapi.json');
    const documented = new Set(ENDPOINTS.map((e) => e.path.slice(1)));
    for (const file of files) assert.ok(documented.has(file), `${file} is not in lib/platform/openapi.ts`);
  });
  test('its request schemas are the routes’ own: an unknown field is refused in both', () => {
    const doc = openApiDocument();
    const create = doc.paths['/articles']!.post as {
      requestBody: { content: { 'application/json': { schema: { additionalProperties: boolean } } } };
    };
    assert.equal(create.requestBody.content['application/json'].schema.additionalProperties, false);
  });
});
