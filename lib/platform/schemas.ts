import { z } from '@/lib/shared/validation/zod';
import { articleChanges } from '@/lib/newsroom/save-request';
import { API_SCOPES } from '@/lib/shared/permissions';
import { WEBHOOK_EVENTS } from '@/lib/shared/webhook-events';

// The API's contracts (docs/api.md): what each route validates its input with AND what
// lib/platform/openapi.ts turns into the OpenAPI document, so the two cannot drift. Every input
// object is strict: an unknown field is a 422, never silently ignored.

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const slug = z.string().min(1).max(300);
export const formatParam = z.enum(['json', 'ninjs']).optional().meta({
  description: 'ninjs: IPTC ninjs 2.1 instead of the app JSON (or send Accept: application/ninjs+json)',
});

export const articleListQuery = z.strictObject({
  section: slug.optional().meta({ description: 'section slug' }),
  tag: slug.optional().meta({ description: 'tag slug' }),
  author: id.optional().meta({ description: 'author id' }),
  updated_since: z.iso.datetime({ offset: true }).optional(),
  cursor: z.string().max(100).optional().meta({ description: 'next_cursor of the previous page' }),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  format: formatParam,
});

export const formatQuery = z.strictObject({ format: formatParam });
export const pageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(100),
  format: formatParam,
});
export const searchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  page: z.coerce.number().int().min(1).max(100).default(1),
  format: formatParam,
});

// /api/v1/articles/{ref}: an id (digits) or a slug.
export const articleRefParams = z.object({ ref: z.string().min(1).max(1000) });
export const idParams = z
  .object({ ref: id.meta({ description: 'the article id' }) })
  .transform((p) => ({ id: p.ref }));

const isoDate = z.iso.datetime();
export const apiSection = z.object({ slug: z.string(), name: z.string(), url: z.string() });
export const apiTag = z.object({ name: z.string(), slug: z.string(), url: z.string() });
export const apiAuthor = z.object({ id: z.number(), name: z.string(), url: z.string() });
export const apiImage = z.object({
  url: z.string(),
  width: z.number(),
  height: z.number(),
  alt: z.string(),
  caption: z.string(),
  credit: z.string(),
  renditions: z.array(z.object({ url: z.string(), width: z.number(), height: z.number() })),
});
export const apiArticleSummary = z
  .object({
    id: z.number(),
    slug: z.string(),
    url: z.string(),
    headline: z.string(),
    deck: z.string(),
    dateline: z.string(),
    byline: z.string(),
    section: apiSection.nullable(),
    published_at: isoDate,
    updated_at: isoDate.nullable(),
    image: z.object({ url: z.string(), width: z.number(), height: z.number(), alt: z.string() }).nullable(),
  })
  .meta({ title: 'ArticleSummary' });
export const apiArticle = apiArticleSummary
  .extend({
    author: apiAuthor,
    tags: z.array(apiTag),
    lead_image: apiImage.nullable(),
    body_html: z.string(),
    body_text: z.string(),
  })
  .meta({ title: 'Article' });
export const articleListAnswer = z.object({
  articles: z.array(apiArticleSummary),
  next_cursor: z.string().nullable(),
});
export const articleAnswer = z.object({ article: apiArticle });
export const sectionsAnswer = z.object({ sections: z.array(apiSection.extend({ id: z.number() })) });
export const tagsAnswer = z.object({ tags: z.array(apiTag.extend({ count: z.number() })) });
export const authorsAnswer = z.object({ authors: z.array(apiAuthor) });
export const searchAnswer = z.object({
  articles: z.array(
    apiArticleSummary.pick({
      id: true,
      slug: true,
      url: true,
      headline: true,
      deck: true,
      published_at: true,
    }),
  ),
  total: z.number(),
  page: z.number(),
  page_count: z.number(),
});
export const ninjsItem = z
  .looseObject({
    uri: z.string(),
    type: z.literal('text'),
    headlines: z.array(z.object({ value: z.string() })),
  })
  .meta({ title: 'NinjsItem', description: 'IPTC ninjs 2.1 (https://www.iptc.org/std/ninjs/)' });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    errors: z.record(z.string(), z.string()).optional(),
  })
  .meta({ title: 'Problem', description: 'RFC 9457 problem details (application/problem+json)' });

// Writes. The fields are the editor's save contract (lib/newsroom/save-request.ts articleChanges),
// with the body as the editor's document (TipTap JSON) or as plain paragraphs.
const draftFields = articleChanges.omit({ body: true }).extend({
  body: z.unknown().optional().meta({ description: 'the article document (TipTap JSON)' }),
  paragraphs: z.array(z.string().max(20_000)).max(2000).optional(),
});
export const draftCreateInput = draftFields.strict().meta({ title: 'DraftCreate' });
export const draftUpdateInput = draftFields
  .extend({
    base_version: z.number().int().positive().meta({ description: 'the version this change was based on' }),
  })
  .strict()
  .meta({ title: 'DraftUpdate' });
export const draftAnswer = z
  .object({
    id: z.number(),
    version: z.number(),
    status: z.string(),
    slug: z.string(),
    applied: z.array(z.string()),
  })
  .meta({ title: 'Draft' });

export const TRANSITIONS = [
  'approve',
  'publish',
  'unpublish',
  'schedule',
  'unschedule',
  'requestChanges',
] as const;
export const transitionInput = z
  .strictObject({
    action: z.enum(TRANSITIONS),
    scheduled_at: z.iso.datetime({ offset: true }).optional(),
    note: z.string().max(2000).optional(),
  })
  .meta({ title: 'Transition' });
export const transitionAnswer = z.object({ id: z.number(), status: z.string(), version: z.number() });

export const webhookCreateInput = z
  .strictObject({
    url: z.string().max(2000),
    events: z.array(z.enum(WEBHOOK_EVENTS)).min(1).max(WEBHOOK_EVENTS.length),
    description: z.string().max(200).optional(),
  })
  .meta({ title: 'WebhookCreate' });
export const webhookAnswer = z
  .object({
    id: z.number(),
    url: z.string(),
    events: z.array(z.enum(WEBHOOK_EVENTS)),
    description: z.string(),
    disabled: z.boolean(),
  })
  .meta({ title: 'Webhook' });
export const webhookCreatedAnswer = webhookAnswer.extend({
  secret: z.string().meta({ description: 'the Standard Webhooks signing secret (whsec_…): shown once' }),
});
export const webhooksAnswer = z.object({ webhooks: z.array(webhookAnswer) });
export const uploadAnswer = z.object({
  id: z.number(),
  url: z.string(),
  width: z.number(),
  height: z.number(),
});

export const scopeSchema = z.enum(API_SCOPES);
