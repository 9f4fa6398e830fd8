// Loaded before every test file (node --import): each test process gets its own fresh SQLite
// file, migrated with the committed migrations, so tests use a real database and never share one.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { migrateDatabase, openDatabase } from '@/db/connection';

const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-test-'));
process.env.DATABASE_PATH = path.join(dir, 'newsroom.db');
const db = openDatabase();
migrateDatabase(db);
db.$client.close();
