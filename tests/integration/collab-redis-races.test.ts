import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '@/db';
import { openDatabase } from '@/db/connection';
import { saveArticle } from '@/lib/newsroom/save';
import { createUser } from '@/lib/auth/users';
import { articles, type User } from '@/db/schema';
import { checkArticleDocument, paragraphsToDocument } from '@/lib/document/check';
import { createCollabServer } from '@/lib/collab/server';
import { documentNameOf } from '@/lib/shared/collab-protocol';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import { connect, sessionCookie, until, type Client } from './collab-helpers';
import { REDIS_SERVER, redisMissing, startRedis, type RedisProcess } from './collab-redis-helpers';
import { writeArticle } from './fixtures';

// The two guards of several collaboration processes (docs/collaboration.md, «Several machines»),
// each made to meet its race on purpose rather than by luck. Two collaboration servers in this
// process (lib/collab/server.ts, each with its own Hocuspocus and its own Redis extension, as two
// machines would have), one SQLite file, Debian's redis-server.
// - The merge claim: a body stored by another path, seen by both processes' polls before either
//   merged it, is merged into the shared document by one of them only. The polls are run by the
//   test, in the same turn (pollMs is an hour).
// - The load key: two processes opening an article nobody had open seed it once. The first is held
//   inside its load (it has read the stored body, and waits to keep the state it seeded from it) by
//   the SQLite write lock, which the test takes on its own connection, while the second opens the
//   article; the lock is let go once the second has begun loading.
// Without either guard the body shows a paragraph twice (tried: claim() always true; onLoadDocument
// calling load() directly).

let reporter: User;
let editor: User;
let redis: RedisProcess;
const servers: ReturnType<typeof createCollabServer>[] = [];
const clients: Client[] = [];

async function server() {
  const collab = createCollabServer({
    redisUrl: redis.url,
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

before(async () => {
  if (redisMissing) return;
  const person = (email: string, name: string, role: 'reporter' | 'editor') =>
    createUser({ email, name, role, password: 'long-enough-password' });
  [reporter, editor] = await Promise.all([
    person('r@redis-races.example', 'سارة', 'reporter'),
    person('e@redis-races.example', 'خالد', 'editor'),
  ]);
  redis = await startRedis();
});

after(async () => {
  for (const client of clients) client.destroy();
  for (const collab of servers) await collab.stop();
  await redis?.stop();
});

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
      // Both polls in the same turn: each sees the stored body before the other merged it.
      one.collab.recheck();
      two.collab.recheck();
      const states = [one, two].map((s) => s.collab.documents.get(name)!);
      assert.ok(
        states.every((state) => state.merging),
        'both processes saw the stored body and are deciding who merges it',
      );
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

    test('two processes opening an article nobody had open seed it once, even when the first is slow', async () => {
      const [one, two] = await Promise.all([server(), server()]);
      const id = draftWith(reporter, 'ارتفعت أسعار الوقود.', 'بنسبة عشرة في المئة.');
      const name = documentNameOf(id);
      // The SQLite write lock, on a connection of the test's own: the first process can read the
      // stored body but not keep the state it seeds from it.
      const lock = openDatabase(undefined, { lockWaitMs: 0 }).$client;
      lock.exec('BEGIN IMMEDIATE');
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        lock.exec('COMMIT');
        lock.close();
      };
      try {
        const a = await open(one.port, id, reporter);
        // The first process is inside its load: it has read the stored body (its state for the
        // document exists) and waits for the database to keep what it seeded.
        await until(
          () => one.collab.documents.has(name) && one.collab.server.hocuspocus.loadingDocuments.has(name),
          5000,
          'the first process to read the stored body',
        );
        assert.equal(
          db.$client
            .prepare('SELECT count(*) FROM article_collab_states WHERE article_id = ?')
            .pluck()
            .get(id),
          0,
          'nothing kept yet',
        );

        const b = await open(two.port, id, editor);
        // The second process has begun its load (from here to the guard or to the stored body
        // there are only promise callbacks, all run before the check below sees it).
        await until(() => two.collab.server.hocuspocus.loadingDocuments.has(name), 5000, 'the second load');
        await new Promise((resolve) => setImmediate(resolve));
        release();

        await until(() => a.provider.isSynced && b.provider.isSynced, 10_000, 'both clients synced');
        await until(() => settled(name, [one, two], [a.doc, b.doc]), 5000, 'every copy holds every change');
        const expected = 'ارتفعت أسعار الوقود.\nبنسبة عشرة في المئة.';
        assert.equal(a.text(), expected, 'the body once, not two seeds merged');
        assert.equal(b.text(), expected);
        a.destroy();
        b.destroy();
      } finally {
        release();
      }
    });
  },
);
