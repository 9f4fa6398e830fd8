import Database from 'better-sqlite3';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '@/db/connection';
import { directoryStore, type MediaStore } from '@/db/media-store';

// Backup and restore of the newsroom while it runs (scripts/backup.ts, scripts/restore.ts).
//
// The database is copied with SQLite's online backup API (better-sqlite3's `.backup()`): a
// consistent snapshot taken through a read transaction, which in WAL mode never blocks the app's
// writers, and restarted by SQLite if another connection writes mid-copy. The images follow, from
// the picture store (MEDIA_DIR or a bucket, db/media-store.ts) into the backup's own folder:
// pictures are stored before their `media` row and never rewritten (names are random and carry
// their width), so every image the copied rows name is already stored when the pictures are copied.

export type TableCounts = Record<string, number>;
export type BackupResult = { dir: string; counts: TableCounts; mediaFiles: number };

const DATABASE_FILE = 'newsroom.db';
const MEDIA_FOLDER = 'media';

export function tableCounts(client: Database.Database): TableCounts {
  const tables = client
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%search%' ORDER BY name",
    )
    .pluck()
    .all() as string[];
  return Object.fromEntries(
    tables.map((name) => [name, Number(client.prepare(`SELECT count(*) FROM "${name}"`).pluck().get())]),
  );
}

// PRAGMA integrity_check says 'ok' and foreign_key_check lists nothing.
export function checkDatabase(client: Database.Database): {
  integrity: string;
  foreignKeyViolations: number;
} {
  const integrity = (client.prepare('PRAGMA integrity_check').pluck().all() as string[]).join('; ');
  const foreignKeyViolations = client.prepare('PRAGMA foreign_key_check').all().length;
  return { integrity, foreignKeyViolations };
}

// Every picture of `from` that `to` does not hold yet, copied whole (a few at a time: a bucket
// answers each request in tens of milliseconds); returns how many pictures `from` holds. Only
// finished pictures are listed: an upload in progress writes under a temporary name first.
const COPIES_AT_ONCE = 8;
async function copyPictures(from: MediaStore, to: MediaStore): Promise<number> {
  const present = new Set(await to.list());
  const names = await from.list();
  const missing = names.filter((name) => !present.has(name));
  for (let at = 0; at < missing.length; at += COPIES_AT_ONCE) {
    await Promise.all(
      missing.slice(at, at + COPIES_AT_ONCE).map(async (name) => {
        const bytes = await from.get(name);
        if (bytes)
          await to.put(name, bytes, name.endsWith('.webp') ? 'image/webp' : 'application/octet-stream');
      }),
    );
  }
  return names.length;
}

export async function backupNewsroom({
  databaseFile,
  media,
  outDir,
  now = new Date(),
}: {
  databaseFile: string;
  media: MediaStore;
  outDir: string;
  now?: Date;
}): Promise<BackupResult> {
  const dir = path.join(outDir, `newsroom-${now.toISOString().replace(/[:.]/g, '-')}`);
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(path.join(partial, MEDIA_FOLDER), { recursive: true });

  const source = openDatabase(databaseFile);
  try {
    // After the first 100 pages, the rest in one step: a copy restarted by a concurrent write then
    // finishes at the next attempt instead of chasing the writers.
    await source.$client.backup(path.join(partial, DATABASE_FILE), { progress: () => 1 << 30 });
  } finally {
    source.$client.close();
  }
  const copy = new Database(path.join(partial, DATABASE_FILE), { readonly: true, fileMustExist: true });
  let counts: TableCounts;
  try {
    const check = checkDatabase(copy);
    if (check.integrity !== 'ok' || check.foreignKeyViolations > 0) {
      throw new Error(
        `the copy is not sound: ${check.integrity}, ${check.foreignKeyViolations} foreign key violations`,
      );
    }
    counts = tableCounts(copy);
  } finally {
    copy.close();
  }

  const mediaFiles = await copyPictures(media, directoryStore(path.join(partial, MEDIA_FOLDER)));
  writeFileSync(
    path.join(partial, 'backup.json'),
    JSON.stringify({ createdAt: now.toISOString(), counts, mediaFiles }, null, 2),
  );
  renameSync(partial, dir);
  return { dir, counts, mediaFiles };
}

// Every reader page's Surrogate-Key name (lib/http/route-kinds.mjs, db/reader-cache.ts),
// for a CDN's purge.
function everyReaderTag(client: Database.Database): string[] {
  const ids = (sql: string) => client.prepare(sql).pluck().all() as number[];
  const slugs = (sql: string) => (client.prepare(sql).pluck().all() as string[]).map(encodeURIComponent);
  return [
    'home',
    'feeds',
    'search',
    ...ids('SELECT id FROM articles').map((id) => `article-${id}`),
    ...slugs('SELECT slug FROM sections').map((slug) => `section-${slug}`),
    ...slugs('SELECT slug FROM tags').map((slug) => `tag-${slug}`),
    ...ids('SELECT id FROM users').map((id) => `author-${id}`),
  ];
}

const hasTable = (client: Database.Database, name: string) =>
  client.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;

function readerGeneration(client: Database.Database): number {
  if (!hasTable(client, 'reader_cache_generation')) return 0;
  return Number(client.prepare('SELECT max(generation) FROM reader_cache_generation').pluck().get() ?? 0);
}

// Every reader page cached before the restore shows a state the database no longer has: the
// generation every worker watches moves past both the live one and the restored one, so running
// servers drop their front copies at their next request, and every page's Surrogate-Key name is
// listed as changed for a CDN's purge.
function expireEveryReaderPage(
  client: Database.Database,
  tagsBefore: readonly string[],
  generationBefore: number,
  now: number,
): number {
  // The tags of what readers could see before (pages of articles the backup does not have) and of
  // what they will see now.
  const tags = [...new Set([...tagsBefore, ...everyReaderTag(client)])];
  const withGeneration = hasTable(client, 'reader_cache_generation');
  const generation = Math.max(generationBefore, readerGeneration(client)) + 1;
  client.transaction(() => {
    if (withGeneration) {
      client
        .prepare(
          'INSERT INTO reader_cache_generation (id, generation) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET generation = excluded.generation',
        )
        .run(generation);
    }
    const columns = withGeneration
      ? '(tag, expired_at, generation) VALUES (?, ?, ?)'
      : '(tag, expired_at) VALUES (?, ?)';
    const update = withGeneration
      ? 'expired_at = max(expired_at, excluded.expired_at), generation = excluded.generation'
      : 'expired_at = max(expired_at, excluded.expired_at)';
    const expire = client.prepare(
      `INSERT INTO reader_cache_expiries ${columns} ON CONFLICT (tag) DO UPDATE SET ${update}`,
    );
    for (const tag of tags) expire.run(...(withGeneration ? [tag, now, generation] : [tag, now]));
  })();
  return tags.length;
}

export type RestoreResult = { counts: TableCounts; mediaFiles: number; expiredTags: number };

export async function restoreNewsroom({
  from,
  databaseFile,
  media,
  now = Date.now(),
}: {
  from: string;
  databaseFile: string;
  media: MediaStore;
  now?: number;
}): Promise<RestoreResult> {
  const backupFile = path.join(from, DATABASE_FILE);
  const source = new Database(backupFile, { readonly: true, fileMustExist: true });
  try {
    const check = checkDatabase(source);
    if (check.integrity !== 'ok') throw new Error(`the backup is not sound: ${check.integrity}`);
    // The pictures first, as an upload does, so no restored row names a picture not yet stored
    // (and a store that does not answer stops the restore before the database is touched). Those
    // the store already holds are left as they are: a name is never reused.
    const mediaFiles = await copyPictures(directoryStore(path.join(from, MEDIA_FOLDER)), media);
    const live = openDatabase(databaseFile);
    const generationBefore = readerGeneration(live.$client);
    const tagsBefore = everyReaderTag(live.$client);
    live.$client.close();
    // The backup API again, now into the live file: it takes the live database's write lock, so
    // a running server's connections see the restored pages at their next transaction.
    for (let attempt = 1; ; attempt++) {
      try {
        await source.backup(databaseFile);
        break;
      } catch (error) {
        if (attempt >= 20 || !/busy|locked/i.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    const restored = openDatabase(databaseFile);
    try {
      const expiredTags = expireEveryReaderPage(restored.$client, tagsBefore, generationBefore, now);
      const after = checkDatabase(restored.$client);
      if (after.integrity !== 'ok') throw new Error(`the restored database is not sound: ${after.integrity}`);
      return { counts: tableCounts(restored.$client), mediaFiles, expiredTags };
    } finally {
      restored.$client.close();
    }
  } finally {
    source.close();
  }
}
