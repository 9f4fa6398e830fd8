import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import { db } from '@/db';
import { articles, events, users, wireItems } from '@/db/schema';
import { transaction } from '@/db/transaction';
import { paragraphsToDocument } from '@/lib/document/check';
import { createDraft } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { ActionError } from '@/lib/shared/errors';
import { assertCanInNewsroom, type Actor } from '@/lib/shared/permissions';
import { BYLINE_MAX, DATELINE_MAX, DECK_MAX, HEADLINE_MAX } from '@/lib/shared/validation/article';
import { z } from '@/lib/shared/validation/zod';

// الوارد من الوكالات: agency items in IPTC ninjs (1.x or 2.x) become drafts in the wire queue,
// with the agency's source, credit, urgency and original time kept beside them. Never published by
// themselves: an editor takes one into the workflow (it becomes theirs, out of the queue). The
// same guid sent again with a higher version updates the queued draft instead of adding one.

const text = (max: number) => z.string().max(max * 4);
const valued = z.looseObject({
  value: z.string(),
  role: z.string().optional(),
  contenttype: z.string().optional(),
});

// Only what the newsroom reads is checked; the rest of a ninjs item is let through (agencies add
// their own fields), but an item without headline or body is refused (422).
export const ninjsInput = z
  .looseObject({
    guid: z.string().min(1).max(500).optional(),
    uri: z.string().min(1).max(2000).optional(),
    version: z.union([z.string().regex(/^\d{1,9}$/), z.number().int().min(0)]).optional(),
    headline: text(HEADLINE_MAX).optional(),
    headlines: z.array(valued).max(20).optional(),
    description_text: text(DECK_MAX).optional(),
    descriptions: z.array(valued).max(20).optional(),
    body_text: z.string().max(500_000).optional(),
    body_html: z.string().max(500_000).optional(),
    bodies: z.array(valued).max(20).optional(),
    by: text(BYLINE_MAX).optional(),
    located: text(DATELINE_MAX).optional(),
    urgency: z.number().int().min(0).max(9).optional(),
    copyrightholder: z.string().max(500).optional(),
    copyrightnotice: z.string().max(2000).optional(),
    usageterms: z.string().max(2000).optional(),
    firstcreated: z.iso.datetime({ offset: true }).optional(),
    versioncreated: z.iso.datetime({ offset: true }).optional(),
    infosources: z
      .array(z.looseObject({ name: z.string().optional() }))
      .max(20)
      .optional(),
    provider: z.union([z.string(), z.looseObject({ name: z.string().optional() })]).optional(),
  })
  .meta({ title: 'NinjsWireItem' });
export type NinjsInput = z.infer<typeof ninjsInput>;

export const WIRE_MESSAGES = {
  guid: 'عنصر الوكالة بلا معرّف (guid أو uri).',
  headline: 'عنصر الوكالة بلا عنوان.',
  body: 'عنصر الوكالة بلا نص.',
} as const;

const mainOf = (list: { value: string; role?: string }[] | undefined) =>
  list?.find((v) => !v.role || v.role === 'main' || v.role === 'summary')?.value ?? list?.[0]?.value;

// Paragraphs of an HTML body: the agency's markup is not the editor's document, so only its
// paragraphs and line breaks are kept, as text (no markup of theirs reaches a reader).
export function htmlParagraphs(html: string): string[] {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<\/(p|div|h[1-6]|li|blockquote)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

export type WireFields = {
  guid: string;
  version: number;
  headline: string;
  deck: string;
  byline: string;
  dateline: string;
  paragraphs: string[];
  source: string;
  credit: string;
  urgency: number | null;
  originalAt: Date | null;
};

// Pure: what the newsroom keeps of a ninjs item (tests/unit/wire.test.ts).
export function wireFieldsOf(item: NinjsInput): WireFields {
  const errors: Record<string, string> = {};
  const guid = (item.guid ?? item.uri ?? '').trim();
  if (!guid) errors.guid = WIRE_MESSAGES.guid;
  const headline = (item.headline ?? mainOf(item.headlines) ?? '').trim().slice(0, HEADLINE_MAX);
  if (!headline) errors.headline = WIRE_MESSAGES.headline;
  const html = item.body_html ?? item.bodies?.find((b) => (b.contenttype ?? '').includes('html'))?.value;
  const plain = item.body_text ?? item.bodies?.find((b) => !(b.contenttype ?? '').includes('html'))?.value;
  const paragraphs = html
    ? htmlParagraphs(html)
    : (plain ?? '')
        .split(/\n+/)
        .map((p) => p.trim())
        .filter(Boolean);
  if (paragraphs.length === 0) errors.body = WIRE_MESSAGES.body;
  if (Object.keys(errors).length > 0) throw new ActionError('invalid_input', errors);
  const provider = typeof item.provider === 'string' ? item.provider : item.provider?.name;
  const source = (provider ?? item.infosources?.[0]?.name ?? '').trim();
  const time = item.versioncreated ?? item.firstcreated;
  return {
    guid,
    version: Number(item.version ?? 1),
    headline,
    deck: (item.description_text ?? mainOf(item.descriptions) ?? '').trim().slice(0, DECK_MAX),
    byline: (item.by ?? '').trim().slice(0, BYLINE_MAX),
    dateline: (item.located ?? '').trim().slice(0, DATELINE_MAX),
    paragraphs,
    source: source.slice(0, 200),
    credit: (item.copyrightholder ?? source).trim().slice(0, 200),
    urgency: item.urgency ?? null,
    originalAt: time ? new Date(time) : null,
  };
}

export type IngestResult = {
  id: number;
  articleId: number;
  outcome: 'created' | 'updated' | 'unchanged' | 'taken';
};

// One item in: a new draft in the queue; a higher version of a queued one updates its draft; the
// same or an older version changes nothing; a version of an item an editor already took is kept
// on the queue row only (the editor's work is not overwritten).
export function ingestWireItem(owner: Actor, item: NinjsInput, now = new Date()): IngestResult {
  const fields = wireFieldsOf(item);
  // One commit for the whole item: the draft, its save and the queue row (the newsroom's own
  // transactions nest inside as savepoints), so a failure leaves nothing and an item costs one
  // fsync, not three.
  return transaction(() => ingestFields(owner, fields, now));
}

function ingestFields(owner: Actor, fields: WireFields, now: Date): IngestResult {
  const changes = {
    headline: fields.headline,
    deck: fields.deck,
    byline: fields.byline,
    dateline: fields.dateline,
    body: JSON.stringify(paragraphsToDocument(fields.paragraphs)),
  };
  // Checked before anything is written: limits, cleaning, the document's schema.
  const checked = parseArticleSave({ articleId: 1, baseVersion: 1, changes });
  const queued = db.select().from(wireItems).where(eq(wireItems.guid, fields.guid)).get();
  const meta = {
    source: fields.source,
    credit: fields.credit,
    urgency: fields.urgency,
    originalAt: fields.originalAt,
    updatedAt: now,
    version: fields.version,
  };
  if (!queued) {
    assertCanInNewsroom(owner, 'createArticle');
    const draft = createDraft(owner, now);
    saveArticle(owner, { ...checked, articleId: draft.id, baseVersion: draft.version }, now);
    const row = transaction((tx) => {
      const row = tx
        .insert(wireItems)
        .values({ guid: fields.guid, articleId: draft.id, receivedAt: now, ...meta })
        .onConflictDoNothing()
        .returning({ id: wireItems.id })
        .get();
      if (row)
        tx.insert(events)
          .values({
            articleId: draft.id,
            actorId: owner.id,
            action: 'wire_in',
            detail: fields.source,
            createdAt: now,
          })
          .run();
      return row;
    });
    // Inside one immediate transaction nobody else can have queued the guid since it was read.
    if (!row) throw new ActionError('conflict');
    return { id: row.id, articleId: draft.id, outcome: 'created' };
  }
  if (fields.version <= queued.version)
    return { id: queued.id, articleId: queued.articleId, outcome: 'unchanged' };
  if (queued.takenAt) {
    db.update(wireItems).set(meta).where(eq(wireItems.id, queued.id)).run();
    return { id: queued.id, articleId: queued.articleId, outcome: 'taken' };
  }
  const article = db
    .select({ version: articles.version, authorId: articles.authorId })
    .from(articles)
    .where(eq(articles.id, queued.articleId))
    .get();
  if (!article) throw new ActionError('not_found');
  const author = db.select().from(users).where(eq(users.id, article.authorId)).get()!;
  saveArticle(author, { ...checked, articleId: queued.articleId, baseVersion: article.version }, now);
  db.update(wireItems).set(meta).where(eq(wireItems.id, queued.id)).run();
  return { id: queued.id, articleId: queued.articleId, outcome: 'updated' };
}

export type WireQueueItem = {
  id: number;
  articleId: number;
  headline: string;
  source: string;
  credit: string;
  urgency: number | null;
  originalAt: Date | null;
  receivedAt: Date;
  version: number;
};

// The wire queue: what waits for an editor, most urgent (1 is the highest) then newest first.
export function listWireQueue(actor: Actor, limit = 100): WireQueueItem[] {
  assertCanInNewsroom(actor, 'viewReviewQueue');
  return db
    .select({
      id: wireItems.id,
      articleId: wireItems.articleId,
      headline: articles.headline,
      source: wireItems.source,
      credit: wireItems.credit,
      urgency: wireItems.urgency,
      originalAt: wireItems.originalAt,
      receivedAt: wireItems.receivedAt,
      version: wireItems.version,
    })
    .from(wireItems)
    .innerJoin(articles, eq(articles.id, wireItems.articleId))
    .where(and(isNull(wireItems.takenAt), isNull(articles.deletedAt)))
    .orderBy(asc(wireItems.urgency), desc(wireItems.receivedAt))
    .limit(limit)
    .all();
}

// One action: the item leaves the queue and its draft becomes the editor's, in the workflow.
export function takeWireItem(actor: Actor, wireId: number, now = new Date()): { articleId: number } {
  return transaction((tx) => {
    assertCanInNewsroom(actor, 'viewReviewQueue');
    const row = tx
      .update(wireItems)
      .set({ takenAt: now, takenBy: actor.id })
      .where(and(eq(wireItems.id, wireId), isNull(wireItems.takenAt)))
      .returning({ articleId: wireItems.articleId })
      .get();
    if (!row) throw new ActionError('not_found');
    tx.update(articles).set({ authorId: actor.id }).where(eq(articles.id, row.articleId)).run();
    tx.insert(events)
      .values({ articleId: row.articleId, actorId: actor.id, action: 'wire_take', createdAt: now })
      .run();
    return row;
  });
}
