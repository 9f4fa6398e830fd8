import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { waitFor } from '../bench/lib';
import { expect, test } from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';

// server.mjs keeps readers out of Next beyond a few at a time (NEWSROOM_READER_SLOTS), turns them
// away with 503 and Retry-After once its waiting line is full (NEWSROOM_READER_QUEUE), and never
// makes the newsroom wait; and it caps each worker's V8 heap (NEWSROOM_HEAP_MB). A server of its
// own on the suite's build and database for each test, stopped by its id.

const PORT = E2E_PORT + 5;

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path, headers, agent: false }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      })
      .on('error', reject);
  });
}

function startServer(env: Record<string, string>) {
  return spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...process.env, ...e2eServerEnv, ...env },
    detached: true,
    stdio: 'ignore',
  });
}

// A reader request that stays inside Next until `finish` is called: a comment whose announced body
// has not arrived yet (the door waits to read it). Not a beacon: a beacon takes no body, and
// server.mjs now refuses one that announces any before it reaches the line (lib/server/body-limit.mjs, limits from lib/http/route-kinds.mjs).
function pendingReader(): { finish: () => Promise<number> } {
  let answered!: (status: number) => void;
  const status = new Promise<number>((resolve) => (answered = resolve));
  const request = http.request(
    {
      host: '127.0.0.1',
      port: PORT,
      path: '/api/articles/1/comments',
      method: 'POST',
      agent: false,
      headers: {
        'content-length': '2',
        'content-type': 'application/json',
        'user-agent': 'Mozilla/5.0 lanes',
      },
    },
    (response) => {
      response.resume();
      response.on('end', () => answered(response.statusCode ?? 0));
    },
  );
  request.on('error', () => answered(0));
  request.write('x');
  return {
    finish: () => {
      request.end('y');
      return status;
    },
  };
}

test('workers get the V8 heap ceiling of NEWSROOM_HEAP_MB', async () => {
  test.setTimeout(120_000);
  const server = startServer({ NEWSROOM_WORKERS: '2', NEWSROOM_EXPOSE_WORKER: '1', NEWSROOM_HEAP_MB: '200' });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/robots.txt`);
    const pids = new Set<string>();
    for (let i = 0; i < 20 && pids.size < 2; i++)
      pids.add(String((await get('/signin')).headers['x-newsroom-worker']));
    expect(pids.size).toBe(2);
    for (const pid of pids)
      expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toContain('--max-old-space-size=200');
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
});

test('readers wait their turn outside Next, a full line is a 503 in Arabic, the newsroom never waits', async () => {
  test.setTimeout(120_000);
  const server = startServer({
    NEWSROOM_WORKERS: '1',
    NEWSROOM_READER_SLOTS: '1',
    NEWSROOM_READER_QUEUE: '1',
  });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/robots.txt`);
    expect((await get(`/search?q=${encodeURIComponent('طشقند')}`)).status).toBe(200);

    // One reader inside Next (its slot), one waiting in line.
    const inside = pendingReader();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const waiting = pendingReader();
    await new Promise((resolve) => setTimeout(resolve, 300));

    // The line is full: the next reader is told to come back, in Arabic, at once.
    const refused = await get(`/search?q=${encodeURIComponent('سمرقند')}`);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.body).toBe('الخادم مشغول. أعد المحاولة بعد لحظة.');
    // A reader page cannot skip the line by a header it chooses (no action runs for a GET), nor by
    // a path that only looks like Next's files until it is resolved.
    expect((await get('/search?q=x', { 'Next-Action': 'x' })).status).toBe(503);
    expect((await get('/_next/../search?q=x')).status).toBe(503);

    // The newsroom does not wait behind readers.
    const signIn = await get('/signin');
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('تسجيل الدخول');

    // The reader inside finishes, the one in line goes in, and readers are served again.
    expect(await inside.finish()).toBeLessThan(500);
    expect(await waiting.finish()).toBeLessThan(500);
    expect((await get(`/search?q=${encodeURIComponent('طشقند')}`)).status).toBe(200);
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
});
