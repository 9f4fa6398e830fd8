import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { db } from '@/db';
import { saveArticle } from '@/lib/newsroom/save';
import { submitForReview } from '@/lib/newsroom/workflow';
import { articleRevisions, articles, users, type User } from '@/db/schema';
import { checkArticleDocument, paragraphsToDocument } from '@/lib/document/check';
import { blockKeysOf } from '@/lib/document/merge';
import { createCollabServer } from '@/lib/collab/server';
import { revisionContributors } from '@/lib/collab/store';
import { parseArticleSave } from '@/lib/newsroom/save-request';
import {
  connect,
  journalist,
  reporterAndEditor,
  sessionCookie,
  storedParagraphs,
  typeInto,
  until,
  type Client,
} from './collab-helpers';
import { writeArticle } from './fixtures';

// The collaboration server (lib/collab/server.ts) against a real SQLite file, with real
// WebSocket clients (@hocuspocus/provider over `ws`), as two journalists' browsers would be.

let reporter: User;
let colleague: User;
let editor: User;
let outsider: User;
const clients: Client[] = [];
let collab: ReturnType<typeof createCollabServer>;
let port: number;

async function start() {
  collab = createCollabServer({ debounceMs: 200, maxDebounceMs: 1000, pollMs: 100 });
  port = await collab.start();
}

async function open(articleId: number, user: User | null, extra?: { origin?: string }) {
  const client = await connect(port, articleId, user ? await sessionCookie(user) : null, extra);
  clients.push(client);
  return client;
}

// A draft saved through the save door (tests/integration/fixtures.ts).
const draftWith = (author: User, ...paragraphs: string[]) =>
  writeArticle(author, { headline: 'عاجل: زلزال في الشمال', paragraphs }).id;

function stored(articleId: number) {
  return db.select().from(articles).where(eq(articles.id, articleId)).get()!;
}

before(async () => {
  ({ reporter, editor } = await reporterAndEditor('collab.example'));
  [colleague, outsider] = await Promise.all([
    journalist('c@collab.example', 'ليلى', 'reporter'),
    journalist('o@collab.example', 'منى', 'reporter'),
  ]);
  await start();
});

after(async () => {
  for (const client of clients) client.destroy();
  await collab.stop();
});

describe('the collaboration server', () => {
  test('seeds the document once from the stored body, and two people converge', async () => {
    const id = draftWith(reporter, 'الفقرة الأولى.', 'الفقرة الثانية.');
    const [a, b] = [await open(id, reporter), await open(id, editor)];
    await until(() => a.provider.isSynced && b.provider.isSynced, 5000, 'both synced');
    assert.equal(a.text(), 'الفقرة الأولى.\nالفقرة الثانية.');
    assert.equal(b.text(), a.text(), 'seeded once: the second person does not add the body again');
    typeInto(a.doc, 0, ' سطر سارة');
    typeInto(b.doc, 1, ' سطر خالد');
    const both = 'الفقرة الأولى. سطر سارة\nالفقرة الثانية. سطر خالد';
    await until(() => a.text() === both && b.text() === both, 5000, 'convergence');
    const late = await open(id, editor);
    await until(() => late.provider.isSynced, 5000, 'late joiner synced');
    assert.equal(late.text(), both, 'someone joining late sees everything');
  });

  test('stores the body through the save path, with a revision naming every contributor', async () => {
    const id = draftWith(reporter, 'خبر عاجل.');
    const before = stored(id);
    const [a, b] = [await open(id, reporter), await open(id, editor)];
    await until(() => a.provider.isSynced && b.provider.isSynced);
    typeInto(a.doc, 0, ' أضافت سارة.');
    typeInto(b.doc, 0, ' وأضاف خالد.', 0);
    await until(() => a.notices.some((n) => n.type === 'stored'), 5000, 'a stored notice');
    await until(() => storedParagraphs(id)[0] === a.text(), 5000, 'the stored body');
    const after = stored(id);
    assert.ok(after.version > before.version);
    assert.ok(after.wordCount > before.wordCount, 'the word count is derived as in any save');
    assert.match(after.bodyText, /أضافت سارة/);
    const changes = JSON.parse(after.fieldChanges) as Record<string, { by: number }>;
    assert.ok([reporter.id, editor.id].includes(changes.body!.by), 'field_changes names who saved the body');
    const revision = db
      .select()
      .from(articleRevisions)
      .where(eq(articleRevisions.articleId, id))
      .all()
      .at(-1)!;
    assert.deepEqual(
      revisionContributors(revision.id),
      [reporter.id, editor.id].sort((x, y) => x - y),
    );
  });

  test('a restart loses nothing that was stored, and does not seed again', async () => {
    const id = draftWith(reporter, 'قبل إعادة التشغيل.');
    const a = await open(id, reporter);
    await until(() => a.provider.isSynced);
    typeInto(a.doc, 0, ' ثم كتبت سارة.');
    await until(() => a.notices.some((n) => n.type === 'stored'), 5000, 'stored');
    a.destroy();
    await collab.stop();
    await start();
    const b = await open(id, editor);
    await until(() => b.provider.isSynced, 5000, 'synced after restart');
    assert.equal(b.text(), 'قبل إعادة التشغيل. ثم كتبت سارة.');
    // A browser that kept the old document (offline copy) merges into it without a duplicate.
    const c = await open(id, reporter);
    await until(() => c.provider.isSynced);
    assert.equal(c.text(), b.text());
  });

  test('refuses a connection without a session, without permission, or from another site', async () => {
    const id = draftWith(reporter, 'مسودة سارة.');
    const anonymous = await open(id, null);
    const stranger = await open(id, outsider);
    const crossSite = await open(id, reporter, { origin: 'https://evil.example' });
    await until(
      () => anonymous.denied.length > 0 && stranger.denied.length > 0 && crossSite.denied.length > 0,
    );
    assert.deepEqual(
      [anonymous.denied[0], stranger.denied[0], crossSite.denied[0]],
      ['unauthenticated', 'forbidden', 'cross-origin'],
    );
    assert.equal(anonymous.text(), '', 'nothing of the body reaches them');
    assert.equal(stranger.text(), '');
  });

  test('view-only people get a read-only document; a change they send closes them and is not applied', async () => {
    const id = draftWith(reporter, 'نص للقراءة.');
    const author = await open(id, reporter);
    await until(() => author.provider.isSynced);
    const versionBefore = stored(id).version;
    submitForReview(reporter, id);
    // In review, the reporter may only read; the poll turns the open connection read-only.
    await until(() => author.notices.some((n) => n.type === 'readonly'), 5000, 'read-only notice');
    typeInto(author.doc, 0, ' تعديل ممنوع');
    await until(() => author.closes.length > 0, 5000, 'closed');
    assert.equal(author.closes[0]!.reason, 'read-only');
    const viewer = await open(id, reporter);
    await until(() => viewer.provider.isSynced, 5000, 'viewer synced');
    assert.equal(viewer.readOnly(), true);
    assert.equal(viewer.text(), 'نص للقراءة.', 'the refused change was never applied');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(stored(id).version, versionBefore + 1, 'only the submit wrote');
  });

  test('a disabled account and a deleted article close their connections', async () => {
    const id = draftWith(reporter, 'مسودة للحذف.');
    const a = await open(id, colleague);
    // colleague is another reporter: not theirs to open.
    await until(() => a.denied.length > 0);
    const mine = await open(id, reporter);
    const desk = await open(id, editor);
    await until(() => mine.provider.isSynced && desk.provider.isSynced);
    db.update(users).set({ disabled: true }).where(eq(users.id, editor.id)).run();
    await until(() => desk.notices.some((n) => n.type === 'closed'), 5000, 'disabled closed');
    db.update(users).set({ disabled: false }).where(eq(users.id, editor.id)).run();
    db.update(articles).set({ deletedAt: new Date() }).where(eq(articles.id, id)).run();
    await until(() => mine.closes.some((c) => c.reason === 'gone'), 5000, 'deleted closed');
  });

  test('a body the document check refuses is never stored; everyone is told and the document goes back', async () => {
    const id = draftWith(reporter, 'نص سليم.');
    const [a, b] = [await open(id, reporter), await open(id, editor)];
    await until(() => a.provider.isSynced && b.provider.isSynced);
    const versionBefore = stored(id).version;
    // Lists nested past the limit (lib/article-document/check.ts MAX_NESTED_LISTS).
    const fragment = a.doc.getXmlFragment('default');
    a.doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = fragment;
      for (let depth = 0; depth < 15; depth++) {
        const list = new Y.XmlElement('bulletList');
        const item = new Y.XmlElement('listItem');
        const paragraph = new Y.XmlElement('paragraph');
        paragraph.insert(0, [new Y.XmlText('عمق')]);
        item.insert(0, [paragraph]);
        list.insert(0, [item]);
        parent.insert(parent.length, [list]);
        parent = item;
      }
    });
    await until(() => b.notices.some((n) => n.type === 'refused'), 5000, 'refusal notice');
    const refusal = b.notices.find((n) => n.type === 'refused') as { message: string };
    assert.match(refusal.message, /متداخل/);
    await until(() => a.closes.length > 0, 5000, 'the sender closed');
    assert.equal(a.closes[0]!.reason, 'invalid-document');
    await until(() => b.text() === 'نص سليم.', 5000, 'back to the stored body');
    assert.equal(stored(id).version, versionBefore, 'nothing stored');
  });

  test('a body stored by another path (a restore) replaces the live one for everyone', async () => {
    const id = draftWith(reporter, 'النص قبل الاستعادة.');
    const a = await open(id, reporter);
    await until(() => a.provider.isSynced);
    const checked = checkArticleDocument(paragraphsToDocument(['نسخة مستعادة من السجل.']));
    assert.ok(checked.ok);
    saveArticle(
      editor,
      parseArticleSave({
        articleId: id,
        baseVersion: stored(id).version,
        changes: { body: JSON.stringify(checked.json) },
      }),
    );
    await until(() => a.text() === 'نسخة مستعادة من السجل.', 5000, 'the restored body');
    assert.ok(a.notices.some((n) => n.type === 'replaced'));
  });

  test('a body saved without a live connection merges by block with typing not stored yet', async () => {
    // A long debounce: the live typing is in the shared document, not stored, when the other save lands.
    const slow = createCollabServer({ debounceMs: 3000, maxDebounceMs: 6000, pollMs: 100 });
    const slowPort = await slow.start();
    try {
      const id = draftWith(reporter, 'الفقرة الأولى.', 'الفقرة الثانية.', 'الفقرة الثالثة.');
      const a = await connect(slowPort, id, await sessionCookie(reporter));
      clients.push(a);
      await until(() => a.provider.isSynced);
      const base = stored(id);
      typeInto(a.doc, 2, ' كتبتها سارة مباشرة');
      // The editor's page without writing together saves the first paragraph, merged by block.
      const edited = checkArticleDocument(
        paragraphsToDocument(['الفقرة الأولى بعد تعديل خالد.', 'الفقرة الثانية.', 'الفقرة الثالثة.']),
      );
      assert.ok(edited.ok);
      const baseBlocks = (JSON.parse(base.bodyJson) as { content: unknown[] }).content;
      const result = saveArticle(
        editor,
        parseArticleSave({
          articleId: id,
          baseVersion: base.version,
          changes: { body: JSON.stringify(edited.json) },
          bodyBase: blockKeysOf(baseBlocks),
        }),
      );
      assert.deepEqual(result.applied, ['body']);
      const expected = [
        'الفقرة الأولى بعد تعديل خالد.',
        'الفقرة الثانية.',
        'الفقرة الثالثة. كتبتها سارة مباشرة',
      ].join('\n');
      await until(() => a.text() === expected, 5000, 'both in the live document');
      // Then stored by the collaboration server: nothing of either is lost.
      await until(
        () =>
          storedParagraphs(id).join('|') ===
          'الفقرة الأولى بعد تعديل خالد.|الفقرة الثانية.|الفقرة الثالثة. كتبتها سارة مباشرة',
        10_000,
        'both stored',
      );
    } finally {
      await slow.stop();
    }
  });

  test('a store never puts the shared body over one saved by another path that the poll has not merged yet', async () => {
    // The poll practically off: only the store itself can notice the other save.
    const blind = createCollabServer({ debounceMs: 600, maxDebounceMs: 2000, pollMs: 600_000 });
    const blindPort = await blind.start();
    try {
      const id = draftWith(reporter, 'الفقرة الأولى.', 'الفقرة الثانية.');
      const a = await connect(blindPort, id, await sessionCookie(reporter));
      clients.push(a);
      await until(() => a.provider.isSynced);
      const base = stored(id);
      typeInto(a.doc, 1, ' كتبتها سارة مباشرة');
      // An editor whose live connection never came saves the first paragraph before the store.
      const edited = checkArticleDocument(
        paragraphsToDocument(['الفقرة الأولى كما عدّلها خالد.', 'الفقرة الثانية.']),
      );
      assert.ok(edited.ok);
      const result = saveArticle(
        editor,
        parseArticleSave({
          articleId: id,
          baseVersion: base.version,
          changes: { body: JSON.stringify(edited.json) },
          bodyBase: blockKeysOf((JSON.parse(base.bodyJson) as { content: unknown[] }).content),
        }),
      );
      assert.deepEqual(result.applied, ['body']);
      const both = 'الفقرة الأولى كما عدّلها خالد.|الفقرة الثانية. كتبتها سارة مباشرة';
      await until(() => storedParagraphs(id).join('|') === both, 10_000, 'both stored');
      await until(() => a.text() === both.replace('|', '\n'), 5000, 'both in the live document');
    } finally {
      await blind.stop();
    }
  });

  test('a malformed update closes the connection and changes nothing', async () => {
    const id = draftWith(reporter, 'نص.');
    const a = await open(id, reporter);
    await until(() => a.provider.isSynced);
    const versionBefore = stored(id).version;
    // A sync "update" message whose update bytes are garbage.
    const { encoding } = await import('lib0');
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, `article:${id}`);
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
    a.provider.configuration.websocketProvider.send(encoding.toUint8Array(encoder));
    await until(() => a.closes.length > 0, 5000, 'closed');
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(stored(id).version, versionBefore);
    assert.deepEqual(storedParagraphs(id), ['نص.']);
  });
});
