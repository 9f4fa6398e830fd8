// A consistent copy of the database and the uploaded images, taken while the newsroom runs:
//   npm run backup                    → data/backups/newsroom-<time>/ (BACKUP_DIR changes the folder)
//   npm run backup -- --out /mnt/backups
// Prints the folder it wrote; restore it with `npm run restore -- <folder>`.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath } from '@/db/connection';
import { backupNewsroom } from '@/db/backup';
import { mediaStore } from '@/db/media-store';

const { values } = parseArgs({ options: { out: { type: 'string' } } });
const outDir = path.resolve(values.out ?? process.env.BACKUP_DIR ?? path.join('data', 'backups'));
const result = await backupNewsroom({ databaseFile: databasePath(), media: mediaStore(), outDir });
console.log(
  `backup written: ${result.dir} (${result.counts.articles ?? 0} articles, ${result.mediaFiles} image files)`,
);
