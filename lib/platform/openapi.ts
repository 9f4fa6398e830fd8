import { z } from '@/lib/shared/validation/zod';
import { PROBLEMS, PROBLEM_TYPE_PREFIX } from '@/lib/shared/problem';
import { API_SCOPE_PERMISSIONS, API_SCOPES, type ApiOperation } from '@/lib/shared/permissions';
import * as s from '@/lib/platform/schemas';
import { ninjsInput } from '@/lib/platform/wire';

const wireAnswer = z.object({
  id: z.number(),
  articleId: z.number(),
  outcome: z.enum(['created', 'updated', 'unchanged', 'taken']),
});

// The OpenAPI 3.1 document (/api/v1/openapi.json), GENERATED from the zod schemas the routes
// validate with (lib/platform/schemas.ts), by zod 4's own z.toJSONSchema: no second generator to
// keep in step with zod, and OpenAPI 3.1's schema dialect IS JSON Schema 2020-12, which is what
// z.toJSONSchema writes. tests/unit/openapi.test.ts validates it with an independent validator
// (@seriousme/openapi-schema-validator) and checks every route file is in it.

type Endpoint = {
  method: 'get' | 'post' | 'patch';
  path: string;
  operationId: string;
  summary: string;
  operation: ApiOperation;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType | 'multipart';
  answer: z.ZodType;
  ninjs?: boolean;
  status?: number;
  cached?: boolean;
};

export const ENDPOINTS: Endpoint[] = [
  {
    method: 'get',
    path: '/articles',
    operationId: 'listArticles',
    summary: 'المقالات المنشورة، الأحدث أولاً، مع مؤشر للصفحة التالية',
    operation: 'readContent',
    query: s.articleListQuery,
    answer: s.articleListAnswer,
    ninjs: true,
    cached: true,
  },
  {
    method: 'post',
    path: '/articles',
    operationId: 'createDraft',
    summary: 'مسودة جديدة',
    operation: 'createDraft',
    body: s.draftCreateInput,
    answer: s.draftAnswer,
    status: 201,
  },
  {
    method: 'get',
    path: '/articles/{ref}',
    operationId: 'getArticle',
    summary: 'مقال منشور برقمه أو برابطه المختصر',
    operation: 'readContent',
    params: s.articleRefParams,
    query: s.formatQuery,
    answer: s.articleAnswer,
    ninjs: true,
    cached: true,
  },
  {
    method: 'patch',
    path: '/articles/{ref}',
    operationId: 'updateDraft',
    summary: 'تعديل نسخة العمل على النسخة التي بُني عليها (base_version)',
    operation: 'updateDraft',
    params: s.idParams,
    body: s.draftUpdateInput,
    answer: s.draftAnswer,
  },
  {
    method: 'post',
    path: '/articles/{ref}/submit',
    operationId: 'submitArticle',
    summary: 'الإرسال للمراجعة',
    operation: 'submit',
    params: s.idParams,
    answer: s.transitionAnswer,
    status: 201,
  },
  {
    method: 'post',
    path: '/articles/{ref}/transitions',
    operationId: 'transitionArticle',
    summary: 'نشر، إلغاء نشر، موافقة، جدولة…',
    operation: 'transition',
    params: s.idParams,
    body: s.transitionInput,
    answer: s.transitionAnswer,
    status: 201,
  },
  {
    method: 'get',
    path: '/sections',
    operationId: 'listSections',
    summary: 'الأقسام',
    operation: 'readContent',
    query: s.pageQuery,
    answer: s.sectionsAnswer,
    cached: true,
  },
  {
    method: 'get',
    path: '/tags',
    operationId: 'listTags',
    summary: 'الوسوم المستعملة في المقالات المنشورة',
    operation: 'readContent',
    query: s.pageQuery,
    answer: s.tagsAnswer,
    cached: true,
  },
  {
    method: 'get',
    path: '/authors',
    operationId: 'listAuthors',
    summary: 'الكتّاب الذين لهم مقالات منشورة',
    operation: 'readContent',
    query: s.pageQuery,
    answer: s.authorsAnswer,
    cached: true,
  },
  {
    method: 'get',
    path: '/search',
    operationId: 'search',
    summary: 'البحث في المقالات المنشورة',
    operation: 'readContent',
    query: s.searchQuery,
    answer: s.searchAnswer,
    cached: true,
  },
  {
    method: 'post',
    path: '/images',
    operationId: 'uploadImage',
    summary: 'رفع صورة إلى مكتبة الصور',
    operation: 'uploadImage',
    body: 'multipart',
    answer: s.uploadAnswer,
    status: 201,
  },
  {
    method: 'get',
    path: '/webhooks',
    operationId: 'listWebhooks',
    summary: 'الخطافات',
    operation: 'manageWebhooks',
    answer: s.webhooksAnswer,
  },
  {
    method: 'post',
    path: '/webhooks',
    operationId: 'createWebhook',
    summary: 'تسجيل خطاف (يحمل الجواب سر التوقيع مرة واحدة)',
    operation: 'manageWebhooks',
    body: s.webhookCreateInput,
    answer: s.webhookCreatedAnswer,
    status: 201,
  },
  {
    method: 'post',
    path: '/wire',
    operationId: 'ingestWire',
    summary: 'مادة وكالة بصيغة ninjs إلى الوارد من الوكالات',
    operation: 'ingestWire',
    body: ninjsInput,
    answer: wireAnswer,
    status: 201,
  },
];

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const scopesFor = (operation: ApiOperation) =>
  API_SCOPES.filter((scope) => API_SCOPE_PERMISSIONS[scope][operation]);

const problemRef = { $ref: '#/components/responses/Problem' };

export function openApiDocument(serverUrl = '/api/v1') {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    const content: Record<string, unknown> = { 'application/json': { schema: schemaOf(e.answer, 'output') } };
    if (e.ninjs) content['application/ninjs+json'] = { schema: schemaOf(s.ninjsItem, 'output') };
    const requestBody =
      e.body === 'multipart'
        ? {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  required: ['file'],
                  properties: {
                    file: { type: 'string', contentMediaType: 'application/octet-stream' },
                    alt: { type: 'string' },
                    caption: { type: 'string' },
                    credit: { type: 'string' },
                  },
                },
              },
            },
          }
        : e.body
          ? { required: true, content: { 'application/json': { schema: schemaOf(e.body, 'input') } } }
          : undefined;
    const responses: Record<string, unknown> = {
      [String(e.status ?? 200)]: {
        description: 'OK',
        content,
        ...(e.cached
          ? {
              headers: {
                ETag: { schema: { type: 'string' } },
                'Surrogate-Key': { schema: { type: 'string' } },
              },
            }
          : {}),
      },
      ...(e.cached ? { '304': { description: 'Not Modified (If-None-Match)' } } : {}),
      '400': problemRef,
      '401': problemRef,
      '403': problemRef,
      '404': problemRef,
      '429': { $ref: '#/components/responses/RateLimited' },
      ...(e.body ? { '409': problemRef, '413': problemRef, '415': problemRef, '422': problemRef } : {}),
    };
    paths[e.path] ??= {};
    paths[e.path]![e.method] = {
      operationId: e.operationId,
      summary: e.summary,
      description: `النطاق: ${scopesFor(e.operation).join(' أو ')}`,
      security: [{ bearer: scopesFor(e.operation) }],
      parameters: [...parametersOf(e.params, 'path'), ...parametersOf(e.query, 'query')],
      ...(requestBody ? { requestBody } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'واجهة غرفة الأخبار البرمجية',
      version: '1.0.0',
      description:
        'Content API (قراءة ما يراه القراء فقط) وAdmin API (المسودات والانتقالات بمفتاح نطاقه ودور صاحبه يسمحان). الأخطاء بصيغة RFC 9457.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer nrk_…' },
      },
      schemas: { Problem: schemaOf(s.problemSchema, 'output') },
      responses: {
        Problem: {
          description: 'RFC 9457 problem details',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
        RateLimited: {
          description: 'Too many requests for this key this minute',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        },
      },
    },
    'x-problem-types': Object.fromEntries(
      Object.entries(PROBLEMS).map(([type, p]) => [`${PROBLEM_TYPE_PREFIX}${type}`, p]),
    ),
    paths,
  };
}
