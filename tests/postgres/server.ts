// A throwaway PostgreSQL for the tests: its own data directory in a temp folder, its own port on
// 127.0.0.1 and its own unix socket directory, so it never meets a Postgres the machine already
// runs nor another test file's. Debian's server (the reference, /usr/lib/postgresql/<v>/bin),
// never PGlite. initdb refuses to run as root, so as root every server command runs as the
// `postgres` account (runuser) on a directory handed to it; as anyone else, as that user.
import { execFile, execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestPostgres = {
  port: number;
  // A connection address for one database of this server (default: the `newsroom` database).
  url: (database?: string) => string;
  // The server's own temp folder (owned by the server's account): where a dump may be written.
  dir: string;
  // Runs one of the server's command-line tools (pg_dump, pg_restore, psql) as the server's
  // owner, without blocking the event loop (a test may write while a dump runs).
  tool: (tool: string, args: string[]) => Promise<string>;
  createDatabase: (name: string) => Promise<string>;
  // True when this start made the data directory (always, unless `keepIn` held one already).
  fresh: boolean;
  stop: () => void;
};

const MISSING =
  'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run `npm run test:deps` ' +
  '(it installs Debian\'s "postgresql"), or set PG_BIN to the directory of initdb.';

// The newest installed major version, or PG_BIN.
export function postgresBinDir(): string {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) {
    if (!existsSync(path.join(fromEnv, 'initdb')))
      throw new Error(`PG_BIN=${fromEnv}: no initdb there. ${MISSING}`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(MISSING);
  return path.join(root, versions[0]!, 'bin');
}

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });

const asRoot = process.getuid?.() === 0;

function runAsOwner(bin: string, args: string[], options: { cwd?: string } = {}): string {
  const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...options });
}

// Starts a fresh server and creates its `newsroom` database. PG_TEST_PORT (default 55432) is the
// first port tried; the next free one is taken when two test files run at once. With `keepIn`
// (a benchmark's corpus in tmp/), the data directory lives there and outlives the server: a later
// start on the same folder finds its data again instead of making it anew.
export async function startPostgres({ keepIn }: { keepIn?: string } = {}): Promise<TestPostgres> {
  const binDir = postgresBinDir();
  const bin = (tool: string) => path.join(binDir, tool);
  if (keepIn) mkdirSync(keepIn, { recursive: true });
  const dir = keepIn ? path.resolve(keepIn) : mkdtempSync(path.join(tmpdir(), 'newsroom-pg-'));
  const data = path.join(dir, 'data');
  const socket = dir;
  const fresh = !existsSync(path.join(data, 'PG_VERSION'));
  if (fresh) rmSync(data, { recursive: true, force: true });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
    chownSync(dir, uid, gid);
  }
  const user = 'newsroom';
  // Trust on a server that listens on 127.0.0.1 only and lives for one test file.
  if (fresh)
    runAsOwner(bin('initdb'), [
      '-D',
      data,
      '-U',
      user,
      '--auth=trust',
      '--encoding=UTF8',
      '--locale=C.UTF-8',
      '--no-sync',
    ]);
  const log = path.join(dir, 'server.log');
  let port = Number(process.env.PG_TEST_PORT ?? 55432);
  let started = false;
  for (let attempt = 0; attempt < 40 && !started; attempt++, port++) {
    if (!(await portIsFree(port))) continue;
    try {
      runAsOwner(bin('pg_ctl'), [
        'start',
        '-w',
        '-t',
        '30',
        '-D',
        data,
        '-l',
        log,
        '-o',
        // fsync off: a test server's data is thrown away; it only makes the tests slower.
        `-p ${port} -k ${socket} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      ]);
      started = true;
    } catch {
      // Taken between the probe and the start by another test file: try the next port.
    }
  }
  port--;
  if (!started) {
    const tail = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    if (!keepIn) rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `PostgreSQL did not start (data in a temp folder, ports from ${process.env.PG_TEST_PORT ?? 55432}):\n${tail}`,
    );
  }

  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stop);
    try {
      // Fast: rolls back open transactions and stops; the postmaster's id is in its pid file.
      runAsOwner(bin('pg_ctl'), ['stop', '-m', 'fast', '-w', '-D', data]);
    } finally {
      if (!keepIn) rmSync(dir, { recursive: true, force: true });
    }
  };
  // Stopped even when a test throws before its `after` runs, or the process exits early.
  process.on('exit', stop);

  const url = (database = 'newsroom') => `postgres://${user}@127.0.0.1:${port}/${database}`;
  const createDatabase = async (name: string) => {
    const client = new pg.Client({ connectionString: url('postgres') });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
    return url(name);
  };
  try {
    if (fresh) await createDatabase('newsroom');
  } catch (error) {
    stop();
    throw error;
  }
  return {
    port,
    url,
    dir,
    tool: (tool, args) => {
      const [file, argv] = asRoot
        ? ['runuser', ['-u', 'postgres', '--', bin(tool), ...args]]
        : [bin(tool), args];
      return new Promise((resolve, reject) =>
        execFile(file, argv, { cwd: dir, encoding: 'utf8' }, (error, stdout, stderr) =>
          error ? reject(new Error(`${tool} failed: ${stderr || error.message}`)) : resolve(stdout),
        ),
      );
    },
    createDatabase,
    fresh,
    stop,
  };
}
