import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { startPostgres, type TestPostgres } from '../postgres/server';

// The operator's side of PostgreSQL, on a real PostgreSQL 15: `npm run db:setup` applies its
// migrations (and refuses, plainly, to seed what the synchronous query layer would write), the
// server refuses to start on it rather than run on SQLite, and a pg_dump taken while writes go on
// restores into a fresh database with the same rows (the SQLite drill is backup-restore.test.ts).

let server: TestPostgres;
before(async () => {
  server = await startPostgres();
});
after(() => server?.stop());

type Run = { status: number | null; stdout: string; stderr: string };
function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  const child = spawn(command, args, { env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}
const setup = (url: string, args: string[], env: Record<string, string> = {}) =>
  run('npx', ['tsx', '--conditions=react-server', 'scripts/db-setup.ts', ...args], {
    DATABASE_URL: url,
    ...env,
  });

async function query<T extends pg.QueryResultRow>(
  url: string,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

describe('db:setup and the server on a postgres:// DATABASE_URL', () => {
  test('db:migrate applies drizzle/pg/, twice without change; the seed is refused and writes nothing', async () => {
    const url = await server.createDatabase('setup');
    const first = await setup(url, ['--no-seed']);
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /PostgreSQL migrated/);
    const applied = await query<{ n: number }>(
      url,
      'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations',
    );
    const second = await setup(url, ['--no-seed']);
    assert.equal(second.status, 0, second.stderr);
    assert.deepEqual(
      await query<{ n: number }>(url, 'SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations'),
      applied,
    );

    // `npm run db:setup` (the demo seed by default): migrations yes, a half-seeded database no.
    const seeded = await setup(url, [], { NEWSROOM_DEMO: '1' });
    assert.equal(seeded.status, 1);
    assert.match(seeded.stderr, /The demo newsroom cannot be loaded into PostgreSQL yet/);
    assert.match(seeded.stderr, /لا يمكن تحميل غرفة الأخبار التجريبية/);
    const rows = await query<{ users: number; articles: number; sections: number }>(
      url,
      'SELECT (SELECT count(*) FROM users)::int AS users, (SELECT count(*) FROM articles)::int AS articles, (SELECT count(*) FROM sections)::int AS sections',
    );
    assert.deepEqual(rows, [{ users: 0, articles: 0, sections: 0 }]);
  });

  test('the server stops at start with a clear message, before anything opens SQLite', async () => {
    const node = path.join(process.cwd(), 'node_modules', '.bin', 'node');
    const started = await run(node, ['server.mjs', '-p', '0'], {
      DATABASE_URL: server.url(),
      DATABASE_PATH: '/nonexistent/never-opened.db',
    });
    assert.equal(started.status, 1, started.stdout + started.stderr);
    assert.match(started.stderr, /PostgreSQL is not yet supported by the query layer/);
    assert.match(started.stderr, /قاعدة PostgreSQL غير مدعومة بعد/);
  });
});

describe('backup and restore drill (pg_dump -Fc / pg_restore)', () => {
  test('a dump taken while articles are written restores to a fresh database with the same rows', async () => {
    const source = await server.createDatabase('drill');
    const migrated = await setup(source, ['--no-seed']);
    assert.equal(migrated.status, 0, migrated.stderr);

    const client = new pg.Client({ connectionString: source });
    await client.connect();
    const [{ id: author }] = (
      await client.query<{ id: number }>(
        `INSERT INTO users (email, name, role, password_hash) VALUES ('chief@example.org', 'رئيسة التحرير', 'admin', 'argon2-hash') RETURNING id`,
      )
    ).rows as [{ id: number }];
    await client.query(`INSERT INTO sections (slug, name, position) VALUES ('اقتصاد', 'اقتصاد', 1)`);
    await client.query(
      `WITH a AS (INSERT INTO articles (headline, body_json, author_id, updated_at, status, field_changes)
                  VALUES ('أوزبكستان تُصدِّر القطن', '{"type":"doc"}', $1, now(), 'published', '{}') RETURNING id)
       INSERT INTO article_collab_states (article_id, state, body_hash, updated_at)
       SELECT a.id, '\\x00ff10'::bytea, 'hash', 1796000000000 FROM a`,
      [author],
    );
    // One article and its revision per transaction, for as long as the dump runs: the restored
    // database must hold whole transactions only.
    const write = async (n: number) => {
      await client.query('BEGIN');
      const article = await client.query<{ id: number }>(
        `INSERT INTO articles (headline, body_json, author_id, updated_at) VALUES ($1, '{}', $2, now()) RETURNING id`,
        [`مسودة رقم ${n}`, author],
      );
      await client.query(
        `INSERT INTO article_revisions (article_id, article_version, reason, headline, deck, slug, dateline, body_json, body_text, author_id, created_by)
         VALUES ($1, 1, 'autosave', $2, '', '', '', '{}', 'نص', $3, $3)`,
        [article.rows[0]!.id, `مسودة رقم ${n}`, author],
      );
      await client.query('COMMIT');
    };
    for (let n = 0; n < 20; n++) await write(n);

    let writing = true;
    let written = 20;
    const writer = (async () => {
      while (writing) await write(written++);
    })();
    const dump = path.join(server.dir, 'newsroom.dump');
    try {
      await server.tool('pg_dump', ['--format=custom', '--file', dump, '--dbname', source]);
    } finally {
      writing = false;
      await writer;
      await client.end();
    }

    const restored = await server.createDatabase('restored');
    await server.tool('pg_restore', ['--exit-on-error', '--no-owner', '--dbname', restored, dump]);

    const tables = (
      await query<{ table_name: string }>(
        source,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
      )
    ).map((r) => r.table_name);
    const snapshot = async (url: string) => {
      const out: Record<string, string[]> = {};
      for (const table of tables) {
        out[table] = (
          await query<{ row: string }>(url, `SELECT row_to_json(t)::text AS row FROM ${table} t ORDER BY 1`)
        ).map((r) => r.row);
      }
      return out;
    };
    const after = await snapshot(restored);
    // Whole transactions only: every article written by the loop has its revision, and the dump
    // holds at least the rows written before it began.
    const articleIds = new Set(after.articles!.map((r) => (JSON.parse(r) as { id: number }).id));
    const revisionOf = new Set(
      after.article_revisions!.map((r) => (JSON.parse(r) as { article_id: number }).article_id),
    );
    assert.equal(articleIds.size, revisionOf.size + 1); // the published one was written without a revision
    assert.ok(articleIds.size >= 21, `${articleIds.size} articles restored`);
    assert.ok(written > 20, 'no write went on during the dump');
    // The same rows as the source had up to the dump: each restored table is what the source holds
    // now, less the articles (and their revisions) written after the dump's snapshot.
    const now = await snapshot(source);
    const kept = (rows: string[], key: 'id' | 'article_id') =>
      rows.filter((r) => articleIds.has((JSON.parse(r) as Record<string, number>)[key]!));
    assert.deepEqual(after.articles, kept(now.articles!, 'id'));
    assert.deepEqual(after.article_revisions, kept(now.article_revisions!, 'article_id'));
    for (const table of tables.filter((t) => t !== 'articles' && t !== 'article_revisions')) {
      assert.deepEqual(after[table], now[table], table);
    }
    assert.match(after.article_collab_states![0]!, /\\\\x00ff10/);

    // The restored database works as the source did: ids continue, revisions stay append-only.
    const [next] = await query<{ id: number }>(
      restored,
      `INSERT INTO articles (body_json, author_id, updated_at) VALUES ('{}', $1, now()) RETURNING id`,
      [author],
    );
    assert.ok(next!.id > Math.max(...articleIds), `new id ${next!.id}`);
    await assert.rejects(query(restored, "UPDATE article_revisions SET headline = 'x'"), /append-only/);
  });
});
