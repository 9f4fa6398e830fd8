import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { db } from '@/db';
import { articles, type User } from '@/db/schema';
import {
  openSynced,
  reporterAndEditor,
  storedParagraphs,
  typeInto,
  until,
  type Client,
} from './collab-helpers';
import {
  freePort,
  REDIS_SERVER,
  redisMissing,
  startCollab,
  startRedis,
  stopEverything,
  type CollabProcess,
  type RedisProcess,
} from './collab-redis-helpers';
import { writeArticle } from './fixtures';

// Redis unreachable (docs/collaboration.md, «Several machines»): two collaboration processes
// sharing documents through Debian's redis-server, which is then killed. Each process goes on
// alone: its journalists keep typing, every store goes through the save door, nothing acknowledged
// is lost and nothing crashes; the stores carry each process's typing to the other through the
// database; when Redis is back, typing travels live again. A process started while Redis is down
// starts, says so, and serves its journalists.

let reporter: User;
let editor: User;
const redises: RedisProcess[] = [];
const collabs: CollabProcess[] = [];
const clients: Client[] = [];

async function collab(url: string) {
  const started = await startCollab(url);
  collabs.push(started);
  return started;
}

const open = (port: number, articleId: number, user: User) => openSynced(port, articleId, user, clients);

const draftWith = (author: User, ...paragraphs: string[]) =>
  writeArticle(author, { headline: 'انقطاع الكهرباء في العاصمة', paragraphs }).id;

const alive = (process: CollabProcess) =>
  process.child.exitCode === null && process.child.signalCode === null;
// What a process must never print: a rejection nobody handled, an uncaught exception (Node ends
// the process with its version after either).
const troubled = (process: CollabProcess) =>
  process.output.filter((line) => /unhandled|uncaught|^Node\.js v\d/i.test(line));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  if (redisMissing) return;
  ({ reporter, editor } = await reporterAndEditor('redis-down.example'));
});

after(() => stopEverything({ clients, processes: collabs.map((c) => c.child), redises }));

describe(
  'collaboration processes when Redis is unreachable',
  { skip: redisMissing && `${REDIS_SERVER} is not installed (scripts/install-test-deps.sh)` },
  () => {
    test('Redis killed mid-session: each process goes on alone, nothing is lost, and typing travels live again once it is back', async () => {
      const redis = await startRedis();
      redises.push(redis);
      const [one, two] = await Promise.all([collab(redis.url), collab(redis.url)]);
      const id = draftWith(reporter, 'انقطعت الكهرباء عن أحياء العاصمة.', 'وقالت الشركة إن العطل فني.');
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);
      typeInto(a.doc, 0, ' منذ الفجر.');
      await until(() => b.text() === a.text(), 5000, 'live typing through Redis before it goes');

      await redis.stop();
      // Both keep typing, each in their paragraph, over several stores' worth of time.
      const reporterWords = [' وتوقفت', ' إشارات', ' المرور.'];
      const editorWords = [' وسيعود', ' التيار', ' مساءً.'];
      for (let i = 0; i < reporterWords.length; i++) {
        typeInto(a.doc, 0, reporterWords[i]!);
        typeInto(b.doc, 1, editorWords[i]!);
        await pause(700);
      }
      const expected = [
        'انقطعت الكهرباء عن أحياء العاصمة. منذ الفجر. وتوقفت إشارات المرور.',
        'وقالت الشركة إن العطل فني. وسيعود التيار مساءً.',
      ].join('\n');
      // Stored through the save door by each process, and each process's store reaches the other's
      // document through the database (its kept Yjs state), so both journalists see everything.
      await until(() => storedParagraphs(id).join('\n') === expected, 20_000, 'the stored body with both');
      await until(() => a.text() === expected && b.text() === expected, 10_000, 'both documents to converge');
      const article = db.select().from(articles).where(eq(articles.id, id)).get()!;
      assert.match(article.bodyText, /وتوقفت إشارات المرور/);
      assert.match(article.bodyText, /وسيعود التيار مساءً/);
      assert.ok(
        a.notices.some((n) => n.type === 'stored'),
        'the reporter’s typing acknowledged',
      );
      assert.ok(
        b.notices.some((n) => n.type === 'stored'),
        'the editor’s typing acknowledged',
      );

      for (const process of [one, two]) {
        assert.ok(alive(process), 'the collaboration process is still running');
        assert.deepEqual(troubled(process), [], 'no crash, no unhandled rejection');
        assert.ok(
          process.output.some((line) => line.includes('Redis unreachable')),
          'one clear line says Redis is unreachable',
        );
      }

      // Redis back on the same port: the processes reconnect by themselves, and typing travels
      // live again (seen by the other before any store could have carried it).
      redises.push(await startRedis(redis.port));
      await until(
        () => [one, two].every((p) => p.output.some((line) => line.includes('Redis reachable again'))),
        15_000,
        'both processes back on Redis',
      );
      typeInto(a.doc, 1, ' وفق الشركة.');
      await until(() => b.text().endsWith('وفق الشركة.'), 5000, 'live typing through Redis again');
      assert.doesNotMatch(storedParagraphs(id).join('\n'), /وفق الشركة/, 'arrived live, not through a store');
      typeInto(b.doc, 0, ' بحسب الشهود.');
      const after = expected.replace('المرور.', 'المرور. بحسب الشهود.') + ' وفق الشركة.';
      await until(() => a.text() === after && b.text() === after, 5000, 'both ways');
      await until(() => storedParagraphs(id).join('\n') === after, 20_000, 'stored');
      for (const process of [one, two]) assert.deepEqual(troubled(process), []);
    });

    test('typing done apart while Redis was down meets again as soon as it is back, before any store', async () => {
      const redis = await startRedis();
      redises.push(redis);
      const [one, two] = await Promise.all([collab(redis.url), collab(redis.url)]);
      const id = draftWith(reporter, 'أعلنت الحكومة خطة طوارئ.', 'وتبدأ غداً.');
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);
      await redis.stop();
      await until(
        () => [one, two].every((p) => p.output.some((line) => line.includes('Redis unreachable'))),
        10_000,
        'both processes to notice',
      );
      // No store can land while the test holds SQLite's write lock: whatever reaches the other
      // document now travels through Redis alone.
      db.$client.exec('BEGIN IMMEDIATE');
      try {
        typeInto(a.doc, 0, ' لمواجهة الفيضانات.');
        typeInto(b.doc, 1, ' في المحافظات الشمالية.');
        await pause(500);
        assert.notEqual(a.text(), b.text(), 'apart while Redis is down');
        redises.push(await startRedis(redis.port));
        // Nobody types: each process announces its state when Redis is back.
        const expected = 'أعلنت الحكومة خطة طوارئ. لمواجهة الفيضانات.\nوتبدأ غداً. في المحافظات الشمالية.';
        await until(
          () => a.text() === expected && b.text() === expected,
          6000,
          'the documents to meet again',
        );
        assert.equal(
          storedParagraphs(id).join('\n'),
          'أعلنت الحكومة خطة طوارئ.\nوتبدأ غداً.',
          'nothing stored yet',
        );
      } finally {
        db.$client.exec('COMMIT');
      }
      await until(
        () => storedParagraphs(id).join('\n') === a.text(),
        20_000,
        'the stored body with both, once the database is free',
      );
      for (const process of [one, two]) {
        assert.ok(alive(process));
        assert.deepEqual(troubled(process), []);
      }
    });

    test('Redis that stops answering (a network cut): each process goes on alone within seconds, and they meet again when it answers', async () => {
      const redis = await startRedis();
      redises.push(redis);
      const [one, two] = await Promise.all([collab(redis.url), collab(redis.url)]);
      const id = draftWith(reporter, 'تعطلت شبكة الهاتف في المدينة.', 'وتعمل الفرق على إصلاحها.');
      const a = await open(one.port, id, reporter);
      const b = await open(two.port, id, editor);
      // Stopped, not killed: its connections stay open and nothing answers, as across a cut network.
      redis.child.kill('SIGSTOP');
      try {
        typeInto(a.doc, 0, ' منذ الصباح.');
        typeInto(b.doc, 1, ' قبل المساء.');
        const expected = 'تعطلت شبكة الهاتف في المدينة. منذ الصباح.\nوتعمل الفرق على إصلاحها. قبل المساء.';
        await until(() => storedParagraphs(id).join('\n') === expected, 20_000, 'both stored without Redis');
        await until(() => a.text() === expected && b.text() === expected, 10_000, 'through the database');
        // An article opened meanwhile loads at once, unshared.
        const other = await open(one.port, draftWith(reporter, 'خبر آخر.'), reporter);
        assert.equal(other.text(), 'خبر آخر.');
        for (const process of [one, two]) {
          assert.ok(process.output.some((line) => line.includes('Redis unreachable (no answer')));
        }
      } finally {
        redis.child.kill('SIGCONT');
      }
      await until(
        () => [one, two].every((p) => p.output.some((line) => line.includes('Redis reachable again'))),
        15_000,
        'both processes back on Redis',
      );
      typeInto(b.doc, 0, ' وفق الشركة.');
      await until(() => a.text().includes('وفق الشركة.'), 5000, 'live through Redis again');
      assert.doesNotMatch(storedParagraphs(id).join('\n'), /وفق الشركة/, 'arrived live, not through a store');
      for (const process of [one, two]) {
        assert.ok(alive(process));
        assert.deepEqual(troubled(process), []);
      }
    });

    test('a process started while Redis is down starts, says so, serves its journalists, and joins the others once Redis is up', async () => {
      const port = await freePort();
      const url = `redis://127.0.0.1:${port}`;
      const one = await collab(url);
      const id = draftWith(reporter, 'بدأ الإضراب في الموانئ.');
      const a = await open(one.port, id, reporter);
      assert.equal(a.text(), 'بدأ الإضراب في الموانئ.');
      typeInto(a.doc, 0, ' وتوقفت السفن.');
      await until(
        () => storedParagraphs(id)[0] === 'بدأ الإضراب في الموانئ. وتوقفت السفن.',
        20_000,
        'stored without Redis',
      );
      assert.ok(
        one.output.some((line) => line.includes('Redis unreachable')),
        'a clear line',
      );
      assert.ok(alive(one));
      assert.deepEqual(troubled(one), []);

      redises.push(await startRedis(port));
      await until(
        () => one.output.some((line) => line.includes('Redis reachable again')),
        15_000,
        'on Redis',
      );
      const two = await collab(url);
      const b = await open(two.port, id, editor);
      assert.equal(b.text(), a.text());
      typeInto(b.doc, 0, ' وتكدست الحاويات.');
      await until(() => a.text().endsWith('وتكدست الحاويات.'), 5000, 'live between the two processes');
      typeInto(a.doc, 0, ' قال النقابيون.');
      await until(() => b.text().endsWith('قال النقابيون.'), 5000, 'and back');
      for (const process of [one, two]) assert.deepEqual(troubled(process), []);
    });
  },
);
