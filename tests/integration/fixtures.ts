import type { JSONContent } from '@tiptap/core';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { articles, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import type { Actor } from '@/lib/shared/permissions';
import type { ArticleChanges, SaveArticleResult } from '@/lib/shared/validation/article-save';
import { createDraft } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import type { SessionClaims } from '@/lib/auth/session';
import { DOOR, type RequestFacts } from '@/lib/http/door';
import { testSection } from './section';

// The integration tests write articles through the code journalists run: the save door's own
// parse (lib/newsroom/save-request.ts: limits, Arabic cleaning, the document's schema, its text
// and word count) and saveArticle (permission inside the write transaction, the three-way merge,
// the coalesced revision). There is no second save path for tests.

// What a test saves: the fields of the save contract, the body as a document or as paragraphs.
export type ArticleFields = Omit<ArticleChanges, 'body'> & { body?: JSONContent; paragraphs?: string[] };

export type SaveFields = ArticleFields & {
  articleId: number;
  // The version the journalist's editor last saw; by default the article's current one.
  baseVersion?: number;
};

// One autosave: the fields sent, merged by field onto the version `baseVersion`. A field someone
// else changed since then comes back in `conflicts` and is not applied.
export function saveFields(actor: Actor, save: SaveFields, now = new Date()): SaveArticleResult {
  const { articleId, baseVersion, body, paragraphs, ...changes } = save;
  const document = body ?? (paragraphs && paragraphsToDocument(paragraphs));
  const version =
    baseVersion ??
    db.select({ v: articles.version }).from(articles).where(eq(articles.id, articleId)).get()!.v;
  const raw = {
    articleId,
    baseVersion: version,
    changes: { ...changes, ...(document ? { body: JSON.stringify(document) } : {}) },
  };
  return saveArticle(actor, parseArticleSave(raw), now);
}

// A new draft by `author` with these fields saved. Returns its id and what the save answered.
export function writeArticle(author: Actor, fields: ArticleFields, now = new Date()) {
  const draft = createDraft(author, now);
  const saved = saveFields(author, { articleId: draft.id, baseVersion: draft.version, ...fields }, now);
  return { id: draft.id, ...saved };
}

// An article written by `reporter` and published by `editor` through the workflow's own queries
// (draft → review → approved → published), as the integration tests need one: its paragraphs
// (by default one naming the headline), in the test section unless `fields` says otherwise,
// published at `at`. Returns its id.
export function publishedArticle(
  people: { reporter: User; editor: User },
  headline: string,
  {
    paragraphs = [`نص ${headline}`],
    at = new Date(),
    ...fields
  }: { paragraphs?: string[]; at?: Date } & Omit<ArticleFields, 'paragraphs'> = {},
): number {
  const { reporter, editor } = people;
  const { id } = writeArticle(reporter, { headline, paragraphs, sectionId: testSection(), ...fields });
  submitForReview(reporter, id);
  approveArticle(editor, id);
  publishArticle(editor, id, at);
  return id;
}

// A request as a signed-in person's browser sends it from the newsroom's own pages: the claims
// their session token carries (a User's current ones, or claims kept from before a change), same
// origin. The door checks everything else as it would (lib/http/door.ts, runAs).
export function sameOriginFacts(who: User | SessionClaims): RequestFacts {
  return {
    claims: 'userId' in who ? who : { userId: who.id, sessionVersion: who.sessionVersion },
    origin: 'http://127.0.0.1:3000',
    host: '127.0.0.1:3000',
    fetchSite: 'same-origin',
  };
}

// What a server action answers (lib/shared/errors.ts ActionResult), loosely typed for asserting.
export type ActionAnswer<T = unknown> = {
  ok: boolean;
  code?: string;
  message?: string;
  data?: T;
  current?: unknown;
  fieldErrors?: Record<string, string>;
};

// Calls a server action through its door as `who`.
export function callAction<T = unknown>(
  action: unknown,
  who: User | SessionClaims,
  raw: unknown,
): Promise<ActionAnswer<T>> {
  const door = (
    action as { [DOOR]: { runAs: (facts: RequestFacts, raw: unknown) => Promise<ActionAnswer<T>> } }
  )[DOOR];
  return door.runAs(sameOriginFacts(who), raw);
}
