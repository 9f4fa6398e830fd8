import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createDraft, getArticleForEdit } from '@/lib/newsroom/articles';
import { bumpReaderGeneration } from '@/db/reader-cache';
import { createUser } from '@/lib/auth/users';
import { db } from '@/db';
import { openDatabase, type Db } from '@/db/connection';
import { DatabaseBusyError, isBusy, whenWritable } from '@/db/write-lock';
import type { User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { saveFields } from './fixtures';

// Another connection holding SQLite's write lock (as a backup tool, a migration or a second worker
// process would): the app's writes wait for it asynchronously (db/write-lock.ts), reads go on.

let reporter: User;
let other: Db;

before(async () => {
  reporter = await createUser({
    email: 'lock@test.example',
    name: 'صحفية',
    role: 'reporter',
    password: 'long-enough-password',
  });
  other = openDatabase();
});
after(() => other.$client.close());

function save(articleId: number, baseVersion: number, headline: string) {
  return saveFields(reporter, {
    articleId,
    baseVersion,
    headline,
    body: paragraphsToDocument(['نص']),
  });
}

const later = <T>(ms: number, fn: () => T) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(fn()), ms));

describe('a write while another process holds the lock', () => {
  test('waits without blocking reads, and succeeds once the lock is released', async () => {
    const draft = createDraft(reporter);
    other.$client.exec('BEGIN IMMEDIATE');
    let settled = false;
    const write = whenWritable(() => save(draft.id, draft.version, 'بعد القفل')).finally(
      () => (settled = true),
    );
    // Reads are served while the write waits: the event loop is free.
    const read = await later(50, () => getArticleForEdit(reporter, draft.id));
    assert.equal(read?.headline, '');
    assert.equal(settled, false, 'the write is still waiting for the lock');
    other.$client.exec('COMMIT');
    const saved = await write;
    assert.equal(saved.version, draft.version + 1);
    assert.equal(getArticleForEdit(reporter, draft.id)?.headline, 'بعد القفل');
  });

  test('a lock held past the deadline is refused as busy, and nothing is written', async () => {
    const draft = createDraft(reporter);
    other.$client.exec('BEGIN IMMEDIATE');
    try {
      await assert.rejects(
        whenWritable(() => save(draft.id, draft.version, 'لن يُحفظ'), { deadlineMs: 100 }),
        DatabaseBusyError,
      );
    } finally {
      other.$client.exec('ROLLBACK');
    }
    const row = getArticleForEdit(reporter, draft.id);
    assert.equal(row?.version, draft.version);
    assert.equal(row?.headline, '');
  });

  test('a write whose first transaction committed is not run twice', async () => {
    const draft = createDraft(reporter);
    let runs = 0;
    await assert.rejects(
      whenWritable(() => {
        runs++;
        save(draft.id, draft.version, 'مرة واحدة');
        other.$client.exec('BEGIN IMMEDIATE');
        db.transaction((tx) => bumpReaderGeneration(tx, ['home']), { behavior: 'immediate' });
      }),
      DatabaseBusyError,
    );
    other.$client.exec('ROLLBACK');
    assert.equal(runs, 1);
    assert.equal(getArticleForEdit(reporter, draft.id)?.version, draft.version + 1);
  });

  test('other errors pass through untouched', async () => {
    await assert.rejects(
      whenWritable(() => {
        throw new TypeError('not a lock');
      }),
      TypeError,
    );
  });
});

describe('isBusy', () => {
  test('knows SQLite busy codes, also wrapped as a cause', () => {
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    assert.equal(isBusy(busy), true);
    assert.equal(isBusy(new Error('failed query', { cause: busy })), true);
    assert.equal(isBusy(Object.assign(new Error('x'), { code: 'SQLITE_CONSTRAINT' })), false);
    assert.equal(isBusy('SQLITE_BUSY'), false);
  });
});
