// Brings a backup made by `npm run backup` back, while the newsroom runs or not:
//   npm run restore -- data/backups/newsroom-<time>
// The images the backup holds are put back into the picture store (MEDIA_DIR or the bucket) where
// missing, the database is replaced through SQLite's backup API, and every reader page cached
// before the restore is expired, so none is served.
import path from 'node:path';
import { databasePath } from '@/db/connection';
import { restoreNewsroom } from '@/db/backup';
import { mediaStore } from '@/db/media-store';

const from = process.argv.slice(2).find((arg) => !arg.startsWith('-'));
if (!from) {
  console.error('usage: npm run restore -- <backup folder>');
  process.exit(2);
}
const result = await restoreNewsroom({
  from: path.resolve(from),
  databaseFile: databasePath(),
  media: mediaStore(),
});
console.log(
  `restored ${path.resolve(from)} into ${databasePath()}: ${result.counts.articles ?? 0} articles, ${result.mediaFiles} image files; ${result.expiredTags} reader cache tags expired`,
);
