import 'server-only';
import * as Y from 'yjs';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { bodyHashOf } from '@/lib/newsroom/articles';
import { saveArticle } from '@/lib/newsroom/save';
import type { Article, User } from '@/db/schema';
import { ActionError, ERROR_MESSAGES } from '@/lib/shared/errors';
import { can, ForbiddenError, type Actor } from '@/lib/shared/permissions';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import type { JSONContent } from '@tiptap/core';
import { articleSchema, bodyOf, replaceBody, seededState } from './document';

// The collaboration server's only ways to read and write the database: loading a shared body
// (seeded from the stored one, or the Yjs state kept beside it), and storing it through the same
// door as every autosave (parseArticleSave, then saveArticle: the document check and limits, the
// word count, field_changes, the coalesced revision, permission inside the transaction).

type StateRow = { state: Buffer; bodyHash: string };

const stateOf = prepareOnFirstUse(() =>
  db.$client.prepare<{ articleId: number }, StateRow>(
    'SELECT state, body_hash AS bodyHash FROM article_collab_states WHERE article_id = @articleId',
  ),
);
const writeState = prepareOnFirstUse(() =>
  db.$client.prepare<{ articleId: number; state: Buffer; bodyHash: string; at: number }>(
    `INSERT INTO article_collab_states (article_id, state, body_hash, updated_at)
       VALUES (@articleId, @state, @bodyHash, @at)
       ON CONFLICT (article_id) DO UPDATE
         SET state = excluded.state, body_hash = excluded.body_hash, updated_at = excluded.updated_at`,
  ),
);
const articleRow = prepareOnFirstUse(() =>
  db.$client.prepare<
    { id: number },
    Pick<Article, 'id' | 'authorId' | 'status' | 'version'> & {
      bodyJson: string;
      deletedAt: number | null;
    }
  >(
    `SELECT id, author_id AS authorId, status, version, body_json AS bodyJson, deleted_at AS deletedAt
       FROM articles WHERE id = @id`,
  ),
);
const userRow = prepareOnFirstUse(() =>
  db.$client.prepare<
    { id: number },
    Pick<User, 'id' | 'role' | 'name' | 'sessionVersion'> & {
      disabled: number;
    }
  >('SELECT id, role, name, disabled, session_version AS sessionVersion FROM users WHERE id = @id'),
);
const lastRevision = prepareOnFirstUse(() =>
  db.$client.prepare<{ articleId: number }, { id: number; createdBy: number }>(
    `SELECT id, created_by AS createdBy FROM article_revisions
       WHERE article_id = @articleId ORDER BY id DESC LIMIT 1`,
  ),
);
const addContributor = prepareOnFirstUse(() =>
  db.$client.prepare<{ revisionId: number; userId: number }>(
    'INSERT OR IGNORE INTO article_revision_contributors (revision_id, user_id) VALUES (@revisionId, @userId)',
  ),
);
const contributorsOf = prepareOnFirstUse(() =>
  db.$client.prepare<{ revisionId: number }, { userId: number }>(
    'SELECT user_id AS userId FROM article_revision_contributors WHERE revision_id = @revisionId ORDER BY user_id',
  ),
);

export type ArticleAccess = 'edit' | 'view' | 'none';

type ArticleRow = NonNullable<ReturnType<ReturnType<typeof articleRow>['get']>>;

export type LiveArticle = {
  id: number;
  status: Article['status'];
  version: number;
  bodyHash: () => string;
  // The row itself, so the poll checks each connection's access against it without reading it again.
  row: ArticleRow;
};

// The article as the collaboration server watches it (undefined once it is gone or deleted); the
// body's hash is computed only when asked (the poll asks when the version moved).
// The body stored now, as JSON (the base of the next merge of a body stored by another path).
export function storedBodyOf(articleId: number): JSONContent | undefined {
  const row = articleRow().get({ id: articleId });
  // Through the schema, so that it compares block by block with bodyOf() of a live document.
  return row ? (articleSchema().nodeFromJSON(JSON.parse(row.bodyJson)).toJSON() as JSONContent) : undefined;
}

export function liveArticle(articleId: number): LiveArticle | undefined {
  const row = articleRow().get({ id: articleId });
  if (!row || row.deletedAt !== null) return undefined;
  return {
    id: row.id,
    status: row.status,
    version: row.version,
    bodyHash: () => bodyHashOf(row.bodyJson),
    row,
  };
}

// What a person may do with an article's body now: the permission table (lib/permissions.ts)
// read against the database as it is, so a disabled account, a changed role, a submitted or
// deleted article take effect at the next check.
// `article`: the row when the caller has just read it (the poll, once per document).
export function accessTo(
  userId: number,
  sessionVersion: number | null,
  articleId: number,
  article: ArticleRow | undefined = articleRow().get({ id: articleId }),
): ArticleAccess {
  const user = userRow().get({ id: userId });
  if (!user || user.disabled) return 'none';
  if (sessionVersion !== null && user.sessionVersion !== sessionVersion) return 'none';
  if (!article || article.deletedAt !== null) return 'none';
  const actor: Actor = { id: user.id, role: user.role };
  if (can(actor, 'edit', article)) return 'edit';
  return can(actor, 'view', article) ? 'view' : 'none';
}

export function userName(userId: number): string {
  return userRow().get({ id: userId })?.name ?? '';
}

export type LoadedBody = { state: Uint8Array; bodyHash: string; version: number; seeded: boolean };

// The shared document of an article when its first person opens it. The kept Yjs state, when it
// was last reconciled with the body stored now; otherwise (never opened together, or the body
// changed by another path since: a restore, a save from an editor without collaboration) that
// body, replacing the shared one as ordinary edits so that browsers holding the old document
// (offline copies) merge into it instead of duplicating it.
export function loadBody(articleId: number): LoadedBody | undefined {
  const row = articleRow().get({ id: articleId });
  if (!row || row.deletedAt !== null) return undefined;
  const bodyHash = bodyHashOf(row.bodyJson);
  const kept = stateOf().get({ articleId });
  const version = row.version;
  if (kept && kept.bodyHash === bodyHash) return { state: kept.state, bodyHash, version, seeded: false };
  const body = JSON.parse(row.bodyJson);
  if (!kept) return { state: seededState(body), bodyHash, version, seeded: true };
  const doc = new Y.Doc();
  Y.applyUpdate(doc, kept.state);
  replaceBody(doc, body, 'stored-body');
  return { state: Y.encodeStateAsUpdate(doc), bodyHash, version, seeded: true };
}

// The shared document when it must be seeded (loadBody said `seeded`), seeded at most once: read
// again and kept in one write transaction, so that of two processes opening the article at the
// same moment (several collaboration processes on one database) the second finds the first's seed
// and loads it, rather than keeping a second history of the same text (merged through Redis, the
// body would show twice). The database decides, so this holds while Redis is unreachable too.
export function seedOnce(articleId: number, now = new Date()): LoadedBody | undefined {
  return inWriteTransaction(() => {
    const loaded = loadBody(articleId);
    if (loaded?.seeded) {
      writeState().run({
        articleId,
        state: Buffer.from(loaded.state),
        bodyHash: loaded.bodyHash,
        at: now.getTime(),
      });
    }
    return loaded;
  });
}

// `work` in one immediate transaction: what it reads is not changed by another process before
// what it writes is committed. Synchronous; SQLITE_BUSY when another process holds the write
// lock (callers go through whenWritable).
export function inWriteTransaction<T>(work: () => T): T {
  return db.$client.transaction(work).immediate();
}

export type StoreOutcome =
  | { ok: true; version: number; bodyHash: string; changed: boolean; savedAt: number }
  | { ok: false; code: string; message: string; unauthorized: number[] };
// code 'stale': the stored body is no longer the one this document was last reconciled with
// (`knownBodyHash`), someone saved it by another path since. Nothing written: storing now would
// put the shared body over theirs; it is merged in first (server.ts).

// Stores the shared body through the autosave's door, under the people whose typing it holds.
// The actor of the save (whose permission saveArticle checks inside its transaction, and whose
// coalesced revision it extends) is the author of the last revision if they typed, else the
// first contributor; every contributor is checked in the same transaction and named on the
// revision. Nothing is written when the document check or any permission refuses.
export function storeBody(
  articleId: number,
  doc: Y.Doc,
  contributors: readonly number[],
  now = new Date(),
  knownBodyHash?: string,
): StoreOutcome {
  let save;
  try {
    save = parseArticleSave({
      articleId,
      baseVersion: 1,
      changes: { body: JSON.stringify(bodyOf(doc)) },
    });
  } catch (error) {
    return refusal(error, []);
  }
  const state = Buffer.from(Y.encodeStateAsUpdate(doc));
  try {
    return db.transaction(
      () => {
        const article = articleRow().get({ id: articleId });
        if (!article || article.deletedAt !== null) throw new ActionError('not_found');
        if (knownBodyHash !== undefined && bodyHashOf(article.bodyJson) !== knownBodyHash) {
          return { ok: false as const, code: 'stale', message: '', unauthorized: [] as number[] };
        }
        const people = [...new Set(contributors)];
        const unauthorized = people.filter((id) => accessTo(id, null, articleId) !== 'edit');
        if (unauthorized.length) throw Object.assign(new ForbiddenError('edit'), { unauthorized });
        const last = lastRevision().get({ articleId });
        const actorId = people.includes(last?.createdBy ?? -1) ? last!.createdBy : people[0];
        if (actorId === undefined) throw new ActionError('forbidden');
        const user = userRow().get({ id: actorId })!;
        const result = saveArticle(
          { id: user.id, role: user.role },
          { ...save, baseVersion: article.version },
          now,
        );
        const revision = lastRevision().get({ articleId });
        if (revision && result.applied.includes('body')) {
          for (const userId of people) addContributor().run({ revisionId: revision.id, userId });
        }
        writeState().run({ articleId, state, bodyHash: result.bodyHash, at: now.getTime() });
        return {
          ok: true as const,
          version: result.version,
          bodyHash: result.bodyHash,
          changed: result.version !== article.version,
          savedAt: now.getTime(),
        };
      },
      { behavior: 'immediate' },
    );
  } catch (error) {
    return refusal(error, (error as { unauthorized?: number[] }).unauthorized ?? []);
  }
}

// Kept without storing the body: a document nobody typed in since it was loaded (seeded, or
// replaced by a stored body) is written as is, so its history is the one every browser shares.
export function keepState(articleId: number, doc: Y.Doc, bodyHash: string, now = new Date()): void {
  writeState().run({
    articleId,
    state: Buffer.from(Y.encodeStateAsUpdate(doc)),
    bodyHash,
    at: now.getTime(),
  });
}

// The article's body and its kept Yjs state, read together, when that state is the one the body
// was stored from (a store by a collaboration process, this one or a peer); undefined when the
// body was stored by another path since (an autosave, a restore) or the article is gone.
export function storedFromSharedState(
  articleId: number,
): { state: Uint8Array; bodyHash: string; version: number; body: JSONContent } | undefined {
  // One read transaction: the body and the state as one process committed them together.
  return db.$client.transaction(() => {
    const row = articleRow().get({ id: articleId });
    const kept = stateOf().get({ articleId });
    if (!row || row.deletedAt !== null || !kept) return undefined;
    const bodyHash = bodyHashOf(row.bodyJson);
    if (kept.bodyHash !== bodyHash) return undefined;
    const body = articleSchema().nodeFromJSON(JSON.parse(row.bodyJson)).toJSON() as JSONContent;
    return { state: kept.state, bodyHash, version: row.version, body };
  })();
}

export function revisionContributors(revisionId: number): number[] {
  return contributorsOf()
    .all({ revisionId })
    .map((row) => row.userId);
}

function refusal(error: unknown, unauthorized: number[]): StoreOutcome {
  if (error instanceof ActionError) {
    const message =
      error.fieldErrors?.body ?? Object.values(error.fieldErrors ?? {})[0] ?? ERROR_MESSAGES[error.code];
    return { ok: false, code: error.code, message, unauthorized };
  }
  if (error instanceof ForbiddenError) {
    return { ok: false, code: 'forbidden', message: ERROR_MESSAGES.forbidden, unauthorized };
  }
  throw error;
}
