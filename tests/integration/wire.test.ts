import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { db } from '@/db';
import { articles, wireItems, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { ingestWireItem, listWireQueue, takeWireItem } from '@/lib/platform/wire';
import { wireFolderTurn } from '@/lib/platform/wire-folder';
import { call, createKeyFor } from './api-helpers';
import * as wireRoute from '@/app/api/v1/wire/route';

// الوارد من الوكالات on a real SQLite file: drafts in the queue, never published; the same guid
// updates instead of duplicating; an editor takes one in one action; the watched folder.

let editor: User;
let reporter: User;
before(async () => {
  editor = await createUser({
    email: 'wire-editor@newsroom.test',
    name: 'محرر الوارد',
    role: 'editor',
    password: 'x'.repeat(12),
  });
  reporter = await createUser({
    email: 'wire-reporter@newsroom.test',
    name: 'مراسل',
    role: 'reporter',
    password: 'x'.repeat(12),
  });
});

const item = (version: number, headline = 'انتخابات بلدية في ثلاث محافظات') => ({
  guid: 'urn:agency:ar:777',
  version,
  headlines: [{ value: headline }],
  bodies: [{ value: `<p>نص الإصدار ${version}</p>`, contenttype: 'text/html' }],
  urgency: 3,
  provider: 'وكالة الأنباء',
  firstcreated: '2026-12-07T08:00:00Z',
});

test('by POST with a wire key: a draft in the queue; the same guid updates it; an older version changes nothing', async () => {
  const key = createKeyFor(editor, ['wire']);
  const first = await call(wireRoute.POST, { method: 'POST', key, json: item(1) });
  assert.equal(first.status, 201);
  const { articleId } = (await first.json()) as { articleId: number };
  const draft = db.select().from(articles).where(eq(articles.id, articleId)).get()!;
  assert.equal(draft.status, 'draft');
  assert.equal(draft.publishedAt, null);
  const second = await call(wireRoute.POST, {
    method: 'POST',
    key,
    json: item(2, 'انتخابات بلدية: النتائج الأولى'),
  });
  assert.equal(second.status, 200);
  assert.equal(((await second.json()) as { outcome: string }).outcome, 'updated');
  const older = await call(wireRoute.POST, { method: 'POST', key, json: item(1) });
  assert.equal(((await older.json()) as { outcome: string }).outcome, 'unchanged');
  assert.equal(db.select().from(wireItems).where(eq(wireItems.guid, 'urn:agency:ar:777')).all().length, 1);
  const updated = db.select().from(articles).where(eq(articles.id, articleId)).get()!;
  assert.equal(updated.headline, 'انتخابات بلدية: النتائج الأولى');
  assert.match(updated.bodyText, /الإصدار 2/);
  const [queued] = listWireQueue(editor).filter((q) => q.articleId === articleId);
  assert.equal(queued!.source, 'وكالة الأنباء');
  assert.equal(queued!.urgency, 3);
  assert.equal(queued!.originalAt!.toISOString(), '2026-12-07T08:00:00.000Z');
  // Without headline or body: 422, nothing written.
  const bad = await call(wireRoute.POST, {
    method: 'POST',
    key,
    json: { guid: 'urn:agency:ar:778', headline: 'عنوان فقط' },
  });
  assert.equal(bad.status, 422);
  assert.equal(db.select().from(wireItems).where(eq(wireItems.guid, 'urn:agency:ar:778')).get(), undefined);
});

test('an editor takes an item into the workflow in one action; a later version no longer overwrites it', () => {
  const { id, articleId } = ingestWireItem(editor, { ...item(1), guid: 'urn:agency:ar:900' });
  assert.throws(() => takeWireItem(reporter, id));
  takeWireItem(editor, id);
  assert.equal(db.select().from(articles).where(eq(articles.id, articleId)).get()!.authorId, editor.id);
  assert.ok(!listWireQueue(editor).some((q) => q.id === id));
  const later = ingestWireItem(editor, { ...item(5, 'عنوان الوكالة الجديد'), guid: 'urn:agency:ar:900' });
  assert.equal(later.outcome, 'taken');
  assert.notEqual(
    db.select().from(articles).where(eq(articles.id, articleId)).get()!.headline,
    'عنوان الوكالة الجديد',
  );
});

test('the watched folder takes each file once, and puts a bad one aside with its reason', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'wire-'));
  writeFileSync(path.join(dir, 'a.json'), JSON.stringify({ ...item(1), guid: 'urn:agency:folder:1' }));
  writeFileSync(
    path.join(dir, 'b.json'),
    JSON.stringify({ guid: 'urn:agency:folder:2', headline: 'بلا نص' }),
  );
  writeFileSync(path.join(dir, 'c.json'), '{ not json');
  assert.deepEqual(wireFolderTurn(dir, 'wire-editor@newsroom.test'), { done: 1, failed: 2 });
  assert.deepEqual(wireFolderTurn(dir, 'wire-editor@newsroom.test'), { done: 0, failed: 0 });
  assert.deepEqual(readdirSync(path.join(dir, 'done')), ['a.json']);
  assert.ok(readdirSync(path.join(dir, 'failed')).includes('b.json.error.txt'));
  assert.ok(db.select().from(wireItems).where(eq(wireItems.guid, 'urn:agency:folder:1')).get());
});
