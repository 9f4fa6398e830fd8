import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { db } from '@/db';
import { createDraft, getArticleForEdit } from '@/lib/newsroom/articles';
import { getPublishedArticle, listLatestPublished } from '@/lib/reader/queries';
import { currentReaderGeneration, listChangedReaderKeys } from '@/db/reader-cache';
import { createUser } from '@/lib/auth/users';
import { publishedArticle, saveFields } from './fixtures';
import type { User } from '@/db/schema';
import { checkDatabase, tableCounts } from '@/db/backup';
import { paragraphsToDocument } from '@/lib/document/check';
import { uploadMedia } from '@/lib/newsroom/uploads';

// `npm run backup` taken while this process keeps writing (as the running app would), then
// `npm run restore` of it while this process's connection stays open: the restored database is
// sound, has the backup's rows, readers see the backup's articles and not the later one, and every
// reader cache tag is expired at the restore, so no page cached before it can be served.

const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-backup-'));
const mediaDir = path.join(dir, 'media');
const outDir = path.join(dir, 'backups');

function run(
  script: string,
  args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  // Asynchronous, so the writes below go on while the script runs.
  const child = spawn('npx', ['tsx', '--conditions=react-server', script, ...args], {
    env: { ...process.env, MEDIA_DIR: mediaDir, BACKUP_DIR: outDir },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

function publish(editor: User, headline: string): number {
  return publishedArticle({ reporter: editor, editor }, headline);
}

const counted = (counts: Record<string, number>) =>
  Object.fromEntries(Object.entries(counts).filter(([table]) => !table.startsWith('reader_cache')));

test('a backup taken under writes restores to a sound database that readers see as it was', async () => {
  const editor = await createUser({
    email: 'b@test.example',
    name: 'محررة',
    role: 'editor',
    password: 'long-enough-password',
  });
  const before = [publish(editor, 'خبر أول'), publish(editor, 'خبر ثان')];
  const png = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#a33' } })
    .png()
    .toBuffer();
  const image = await uploadMedia(editor, png, 'a.png', { alt: '', caption: '', credit: '' }, mediaDir);

  // Autosaves every few milliseconds for as long as the backup runs.
  const draft = createDraft(editor);
  let version = draft.version;
  let saves = 0;
  let writing = true;
  const writer = (async () => {
    while (writing) {
      version = saveFields(editor, {
        articleId: draft.id,
        baseVersion: version,
        headline: `مسودة ${saves}`,
        body: paragraphsToDocument([`فقرة ${saves}`]),
      }).version;
      saves++;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  const backup = await run('scripts/backup.ts', []);
  writing = false;
  await writer;
  assert.equal(backup.status, 0, backup.stderr);
  assert.ok(saves > 0, 'the writes ran during the backup');
  const backupDir = /backup written: (.+?) \(/.exec(backup.stdout)![1]!;
  const manifest = JSON.parse(readFileSync(path.join(backupDir, 'backup.json'), 'utf8')) as {
    counts: Record<string, number>;
    mediaFiles: number;
  };
  const copy = new Database(path.join(backupDir, 'newsroom.db'), { readonly: true });
  assert.deepEqual(checkDatabase(copy), { integrity: 'ok', foreignKeyViolations: 0 });
  const backedUp = tableCounts(copy);
  const draftInBackup = copy.prepare('SELECT headline, version FROM articles WHERE id = ?').get(draft.id) as {
    headline: string;
    version: number;
  };
  copy.close();
  assert.deepEqual(backedUp, manifest.counts);
  assert.equal(manifest.mediaFiles, image.variants.length);
  // The snapshot holds one whole save: its headline and version belong together.
  assert.equal(draftInBackup.headline, `مسودة ${draftInBackup.version - draft.version - 1}`);

  // After the backup: one more article is published, and the image files are lost.
  const later = publish(editor, 'خبر بعد النسخة');
  assert.ok(getPublishedArticle(later));
  rmSync(mediaDir, { recursive: true, force: true });
  const restoreStarted = Date.now();
  const generationBefore = currentReaderGeneration();

  const restore = await run('scripts/restore.ts', [backupDir]);
  assert.equal(restore.status, 0, restore.stderr);

  // This process's connection (the running app's) sees the restored database.
  assert.deepEqual(checkDatabase(db.$client), { integrity: 'ok', foreignKeyViolations: 0 });
  assert.deepEqual(counted(tableCounts(db.$client)), counted(backedUp));
  assert.equal(getPublishedArticle(later), undefined, 'the article published after the backup is gone');
  for (const id of before) assert.ok(getPublishedArticle(id), `article ${id} is back`);
  assert.deepEqual(
    listLatestPublished()
      .map((a) => a.id)
      .sort(),
    [...before].sort(),
  );
  assert.equal(getArticleForEdit(editor, draft.id)?.headline, draftInBackup.headline);
  for (const variant of image.variants)
    assert.ok(existsSync(path.join(mediaDir, variant.file)), variant.file);

  // Every worker sees the generation move (past the live one, which the backup's is behind), and
  // every page cached before the restore is expired, the later article's included.
  assert.ok(currentReaderGeneration() > generationBefore);
  const expired = new Map(listChangedReaderKeys().map((t) => [t.key, t.changedAt]));
  for (const tag of [
    'home',
    `article-${later}`,
    ...before.map((id) => `article-${id}`),
    `author-${editor.id}`,
  ]) {
    assert.ok((expired.get(tag) ?? 0) >= restoreStarted, `${tag} expired at the restore`);
  }
});

test('a broken backup is refused and the live database is left alone', async () => {
  const broken = path.join(dir, 'broken');
  rmSync(broken, { recursive: true, force: true });
  const restore = await run('scripts/restore.ts', [broken]);
  assert.notEqual(restore.status, 0);
  assert.deepEqual(checkDatabase(db.$client), { integrity: 'ok', foreignKeyViolations: 0 });
});
