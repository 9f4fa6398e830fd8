import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { saveArticle } from '@/lib/newsroom/save';
import { articleRevisions, articles, type User } from '@/db/schema';
import { checkArticleDocument, paragraphsToDocument } from '@/lib/document/check';
import { revisionContributors } from '@/lib/collab/store';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import {
  openSynced,
  reporterAndEditor,
  storedParagraphs,
  typeInto,
  until,
  type Client,
} from './collab-helpers';
import {
  REDIS_SERVER,
  redisMissing as missing,
  startCollab as startCollabProcess,
  startRedis,
  stopEverything,
  type RedisProcess,
} from './collab-redis-helpers';
import { writeArticle } from './fixtures';

// Several machines (docs/collaboration.md, «Several machines»): two collaboration processes, each
// as server.mjs starts it (lib/server/collab-main.ts, its own Node process), sharing one SQLite file
// and Debian's redis-server (NEWSROOM_REDIS_URL). One journalist on each process must share one
// document, the body stored must be what both see, and killing one process must lose nothing.

let reporter: User;
let editor: User;
let redis: RedisProcess | undefined;
let redisUrl = '';
const processes: ChildProcess[] = [];
const clients: Client[] = [];

async function startCollab() {
  const started = await startCollabProcess(redisUrl);
  processes.push(started.child);
  return started;
}

const open = (port: number, articleId: number, user: User) => openSynced(port, articleId, user, clients);

// A draft saved through the save door (tests/integration/fixtures.ts).
const draftWith = (author: User, ...paragraphs: string[]) =>
  writeArticle(author, { headline: 'عاجل: فيضانات في الجنوب', paragraphs }).id;

function revisionsOf(articleId: number) {
  return db.select().from(articleRevisions).where(eq(articleRevisions.articleId, articleId)).all();
}

before(async () => {
  if (missing) return;
  ({ reporter, editor } = await reporterAndEditor('redis.example'));
  redis = await startRedis();
  redisUrl = redis.url;
});

after(() => stopEverything({ clients, processes, redises: [redis] }));

describe(
  'two collaboration processes sharing documents through Redis',
  { skip: missing && `${REDIS_SERVER} is not installed (scripts/install-test-deps.sh)` },
  () => {
    test('a journalist on each process: Arabic typing converges, and the stored body is what both see', async () => {
      const [one, two] = await Promise.all([startCollab(), startCollab()]);
      const id = draftWith(reporter, 'ارتفع منسوب المياه.', 'وأغلقت الطرق.');
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);
      assert.equal(a.text(), 'ارتفع منسوب المياه.\nوأغلقت الطرق.');
      assert.equal(b.text(), a.text(), 'the second process loads the same document, not a second seed');

      // Different paragraphs, then the same one, at the same moment.
      typeInto(a.doc, 0, ' وأجلت السلطات مئات الأسر.');
      typeInto(b.doc, 1, ' وتعطلت الكهرباء في ثلاث مدن.');
      typeInto(a.doc, 1, ' قالت سارة.', 0);
      typeInto(b.doc, 0, 'عاجل: ', 0);
      const expected = [
        'عاجل: ارتفع منسوب المياه. وأجلت السلطات مئات الأسر.',
        ' قالت سارة.وأغلقت الطرق. وتعطلت الكهرباء في ثلاث مدن.',
      ].join('\n');
      await until(() => a.text() === expected && b.text() === expected, 5000, 'both to converge');

      await until(() => storedParagraphs(id).join('\n') === expected, 15_000, 'the stored body');
      await until(
        () => a.notices.some((n) => n.type === 'stored') && b.notices.some((n) => n.type === 'stored'),
        5000,
        'a stored notice on both processes',
      );
      // Both processes had changes to store (each relayed the other's): the one that stores second,
      // under the Redis lock, finds the same body and writes nothing (no version, no revision).
      const version = db.select().from(articles).where(eq(articles.id, id)).get()!.version;
      const count = revisionsOf(id).length;
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.equal(storedParagraphs(id).join('\n'), expected);
      assert.equal(db.select().from(articles).where(eq(articles.id, id)).get()!.version, version);
      assert.equal(revisionsOf(id).length, count, 'no second revision for the same body');
      assert.deepEqual(
        revisionContributors(revisionsOf(id).at(-1)!.id),
        [reporter.id, editor.id].sort((x, y) => x - y),
        'the revision names both, whichever process stored',
      );

      // Someone opening the article later on either process sees everything.
      const late = await open(one.port, id, editor);
      assert.equal(late.text(), expected);
      for (const client of [a, b, late]) client.destroy();
      for (const child of [one.child, two.child]) child.kill('SIGTERM');
    });

    test('a process killed before it stored its journalist’s typing loses nothing: the other stores it', async () => {
      const [one, two] = await Promise.all([startCollab(), startCollab()]);
      const id = draftWith(reporter, 'بدأت جلسة البرلمان.');
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);

      typeInto(a.doc, 0, ' وصوّت النواب على الموازنة.');
      await until(() => b.text() === a.text(), 5000, 'the typing to reach the other process');
      // Killed within the store's 2 s debounce: this process never stored the typing.
      one.child.kill('SIGKILL');
      assert.equal(storedParagraphs(id)[0], 'بدأت جلسة البرلمان.', 'not stored yet when the process dies');

      await until(
        () => storedParagraphs(id)[0] === 'بدأت جلسة البرلمان. وصوّت النواب على الموازنة.',
        15_000,
        'the other process to store the typing',
      );
      const article = db.select().from(articles).where(eq(articles.id, id)).get()!;
      assert.match(article.bodyText, /وصوّت النواب على الموازنة/, 'stored through the save path');
      assert.deepEqual(
        revisionContributors(revisionsOf(id).at(-1)!.id),
        [reporter.id],
        'the typist is named',
      );
      await until(() => b.notices.some((n) => n.type === 'stored'), 5000, 'the stored notice');
      b.destroy();
      a.destroy();
      two.child.kill('SIGTERM');
    });

    test('two people opening one article at the same moment on two processes get it seeded once', async () => {
      const [one, two] = await Promise.all([startCollab(), startCollab()]);
      const id = draftWith(reporter, 'انطلقت القمة العربية.', 'بحضور القادة.');
      const [a, b] = await Promise.all([open(one.port, id, reporter), open(two.port, id, editor)]);
      typeInto(b.doc, 1, ' وغاب اثنان.');
      const expected = 'انطلقت القمة العربية.\nبحضور القادة. وغاب اثنان.';
      await until(() => a.text() === expected && b.text() === expected, 5000, 'one body, once');
      await until(() => storedParagraphs(id).join('\n') === expected, 15_000, 'the stored body');
      for (const client of [a, b]) client.destroy();
      for (const child of [one.child, two.child]) child.kill('SIGTERM');
    });

    test('a body stored by another path while both processes hold the document is merged in once', async () => {
      const [one, two] = await Promise.all([startCollab(), startCollab()]);
      const id = draftWith(reporter, 'الفقرة الأولى.', 'الفقرة الثانية.');
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);
      // A save from an editor without a live connection changes the first paragraph.
      const checked = checkArticleDocument(
        paragraphsToDocument(['الفقرة الأولى بعد التصحيح.', 'الفقرة الثانية.']),
      );
      assert.ok(checked.ok);
      saveArticle(
        editor,
        parseArticleSave({
          articleId: id,
          baseVersion: db.select().from(articles).where(eq(articles.id, id)).get()!.version,
          changes: { body: JSON.stringify(checked.json) },
        }),
      );
      const expected = 'الفقرة الأولى بعد التصحيح.\nالفقرة الثانية.';
      await until(() => a.text() === expected && b.text() === expected, 5000, 'the stored body in both');
      // Each process's poll saw it; had both merged it, the corrected paragraph would be there twice.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      assert.equal(a.text(), expected);
      assert.equal(b.text(), expected);
      typeInto(a.doc, 1, ' وأضيفت جملة.');
      await until(
        () => storedParagraphs(id).join('\n') === `${expected} وأضيفت جملة.`,
        15_000,
        'the typing after it stored',
      );
      for (const client of [a, b]) client.destroy();
      for (const child of [one.child, two.child]) child.kill('SIGTERM');
    });
  },
);
