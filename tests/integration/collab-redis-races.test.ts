import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '@/db';
import { openDatabase } from '@/db/connection';
import { saveArticle } from '@/lib/newsroom/save';
import { articles, type User } from '@/db/schema';
import { checkArticleDocument, paragraphsToDocument } from '@/lib/document/check';
import { createCollabServer } from '@/lib/collab/server';
import { newsroomRedis } from '@/lib/collab/redis';
import { documentNameOf } from '@/lib/shared/collab-protocol';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { connect, reporterAndEditor, sessionCookie, until, type Client } from './collab-helpers';
import {
  REDIS_SERVER,
  redisMissing,
  startRedis,
  stopEverything,
  type RedisProcess,
} from './collab-redis-helpers';
import { writeArticle } from './fixtures';

// The two guards of several collaboration processes (docs/collaboration.md, «Several machines»),
// each made to meet its race on purpose rather than by luck. Two collaboration servers in this
// process (lib/collab/server.ts, each with its own Hocuspocus and its own Redis extension, as two
// machines would have), one SQLite file, Debian's redis-server. Both guards are write transactions
// that read again before they write; the race is to have both processes read before either writes,
// so the test takes SQLite's write lock on a connection of its own, lets both processes reach the
// guard (each has looked and found nothing done yet), and lets go.
// - A body stored by another path, seen by both processes' polls (run by the test; pollMs is an
//   hour), is merged into the shared document by one of them only (server.ts takeOnce).
// - Two processes opening an article nobody had open seed it once (store.ts seedOnce).
// Without either guard the body shows a paragraph twice (tried: mergeStoredBody without the check
// for a peer's merge in its transaction; seedOnce keeping the seed read before its transaction).

let reporter: User;
let editor: User;
let redis: RedisProcess;
const servers: ReturnType<typeof createCollabServer>[] = [];
const clients: Client[] = [];

async function server() {
  const collab = createCollabServer({
    redis: { url: redis.url, connect: newsroomRedis },
    debounceMs: 200,
    maxDebounceMs: 1000,
    pollMs: 3_600_000,
  });
  servers.push(collab);
  return { collab, port: await collab.start() };
}

async function open(port: number, articleId: number, user: User) {
  const client = await connect(port, articleId, await sessionCookie(user));
  clients.push(client);
  return client;
}

const draftWith = (author: User, ...paragraphs: string[]) =>
  writeArticle(author, { headline: 'اجتماع طارئ لمجلس الوزراء', paragraphs }).id;

// Every copy of the document (both servers', both browsers') holds every change the others made:
// nothing is still on its way.
type Started = Awaited<ReturnType<typeof server>>;
function settled(name: string, processes: Started[], docs: Y.Doc[]): boolean {
  const all = [...processes.map((s) => s.collab.server.hocuspocus.documents.get(name)), ...docs];
  if (all.some((doc) => !doc)) return false;
  const vectors = all.map((doc) => Buffer.from(Y.encodeStateVector(doc!)).toString('base64'));
  return vectors.every((vector) => vector === vectors[0]);
}

// SQLite's write lock, held by the test on its own connection until `release`.
function holdWriteLock() {
  const lock = openDatabase(undefined, { lockWaitMs: 0 }).$client;
  lock.exec('BEGIN IMMEDIATE');
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      lock.exec('COMMIT');
      lock.close();
    },
  };
}

before(async () => {
  if (redisMissing) return;
  ({ reporter, editor } = await reporterAndEditor('redis-races.example'));
  redis = await startRedis();
});

after(() => stopEverything({ clients, servers, redises: [redis] }));

describe(
  'the guards of several collaboration processes, each meeting its race',
  { skip: redisMissing && `${REDIS_SERVER} is not installed (scripts/install-test-deps.sh)` },
  () => {
    test('a body stored by another path, seen by both processes at once, is merged in by one only', async () => {
      const [one, two] = await Promise.all([server(), server()]);
      const id = draftWith(reporter, 'اجتمع المجلس صباحاً.', 'وناقش الموازنة.');
      const name = documentNameOf(id);
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);
      await until(() => a.provider.isSynced && b.provider.isSynced, 10_000, 'both clients synced');
      await until(() => settled(name, [one, two], [a.doc, b.doc]), 5000, 'one document on both processes');

      // Saved by another path (an editor without a live connection): the first paragraph corrected.
      const checked = checkArticleDocument(paragraphsToDocument(['اجتمع المجلس مساءً.', 'وناقش الموازنة.']));
      assert.ok(checked.ok);
      saveArticle(
        editor,
        parseArticleSave({
          articleId: id,
          baseVersion: db.select().from(articles).where(eq(articles.id, id)).get()!.version,
          changes: { body: JSON.stringify(checked.json) },
        }),
      );
      // Both polls see it while neither can write: each has checked for a peer's merge and found none.
      const lock = holdWriteLock();
      const states = [one, two].map((s) => s.collab.documents.get(name)!);
      try {
        one.collab.recheck();
        two.collab.recheck();
        assert.ok(
          states.every((state) => state.merging),
          'both processes saw the stored body and wait for the database to merge it',
        );
        assert.equal(a.text(), 'اجتمع المجلس صباحاً.\nوناقش الموازنة.', 'not merged yet');
      } finally {
        lock.release();
      }
      await until(
        () => states.every((state) => !state.merging) && settled(name, [one, two], [a.doc, b.doc]),
        10_000,
        'both decided, and every copy holds every change',
      );
      const expected = 'اجتمع المجلس مساءً.\nوناقش الموازنة.';
      assert.equal(a.text(), expected, 'the corrected paragraph once');
      assert.equal(b.text(), expected);
      for (const { collab } of [one, two]) {
        assert.equal(collab.documents.get(name)!.bodyHash, states[0]!.bodyHash, 'both know the stored body');
      }
      a.destroy();
      b.destroy();
    });

    test('two processes opening an article nobody had open at the same moment seed it once', async () => {
      const [one, two] = await Promise.all([server(), server()]);
      const id = draftWith(reporter, 'ارتفعت أسعار الوقود.', 'بنسبة عشرة في المئة.');
      const name = documentNameOf(id);
      // Neither process can keep a seed: both open the article and find nothing kept.
      const lock = holdWriteLock();
      try {
        const a = await open(one.port, id, reporter);
        const b = await open(two.port, id, editor);
        // From a load's start to its check there are only promise callbacks, all run before this
        // check sees both loads.
        await until(
          () => [one, two].every((s) => s.collab.server.hocuspocus.loadingDocuments.has(name)),
          5000,
          'both processes loading',
        );
        assert.equal(
          db.$client
            .prepare('SELECT count(*) FROM article_collab_states WHERE article_id = ?')
            .pluck()
            .get(id),
          0,
          'nothing kept yet',
        );
        lock.release();

        await until(() => a.provider.isSynced && b.provider.isSynced, 10_000, 'both clients synced');
        await until(() => settled(name, [one, two], [a.doc, b.doc]), 5000, 'every copy holds every change');
        const expected = 'ارتفعت أسعار الوقود.\nبنسبة عشرة في المئة.';
        assert.equal(a.text(), expected, 'the body once, not two seeds merged');
        assert.equal(b.text(), expected);
        a.destroy();
        b.destroy();
      } finally {
        lock.release();
      }
    });
  },
);
