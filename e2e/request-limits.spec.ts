import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { waitFor } from '../bench/lib';
import { expect, test } from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';

// Oversized bodies are refused by server.mjs before anything holds them (lib/server/body-limit.mjs, limits from lib/http/route-kinds.mjs):
// Next's proxy used to read up to 10 MB of every POST it ran for, so 160 anonymous 10 MB beacons
// took a worker from 236 MB to about 1 GB. A server of its own (one process, so its RSS is the
// worker's) on the suite's build and database, stopped by its id.

const PORT = E2E_PORT + 6;
const TEN_MB = 10 * 1024 * 1024;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'))!;
  return Number(/(\d+)/.exec(line)![1]) / 1024;
}

// Announces a 10 MB body and sends it until the server answers; resolves to the status and how
// long the answer took.
function oversizePost(path: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      resolve({ status, ms: Date.now() - started });
    };
    const request = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        path,
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': String(TEN_MB) },
      },
      (response) => {
        response.resume();
        finish(response.statusCode ?? 0);
        request.destroy();
      },
    );
    request.on('error', () => finish(0));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    const pump = () => {
      while (!done && sent < TEN_MB) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!done) request.end();
    };
    pump();
  });
}

test('100 oversize posts get 413 at once and the worker’s memory stays where it was', async () => {
  test.setTimeout(180_000);
  const server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...process.env, ...e2eServerEnv, NEWSROOM_WORKERS: '1' },
    detached: true,
    stdio: 'ignore',
  });
  try {
    await waitFor(`http://127.0.0.1:${PORT}/robots.txt`);
    const before = rssMb(server.pid!);
    const paths = ['/api/views/1', '/api/articles/1/comments', '/api/shares/1', '/search', '/'];
    const results: { status: number; ms: number }[] = [];
    for (let round = 0; round < 10; round++)
      results.push(
        ...(await Promise.all(Array.from({ length: 10 }, (_, i) => oversizePost(paths[i % paths.length]!)))),
      );
    expect(results.map((r) => r.status)).toEqual(Array(100).fill(413));
    // Answered on the headers, not after reading 10 MB.
    expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(2_000);
    // The worker's heap ceiling is 192 MB; 100 bodies held would be about a gigabyte.
    const after = rssMb(server.pid!);
    console.log(`100 oversize posts: resident memory ${before.toFixed(1)} → ${after.toFixed(1)} MB`);
    expect(after - before).toBeLessThan(100);

    // A chunked body (no Content-Length) over the comments' 32 kB limit is cut off at the limit:
    // 413, and the connection closed before the rest is sent.
    const answer = await new Promise<{ head: string; closed: boolean; sent: number }>((resolve) => {
      const socket = net.connect(PORT, '127.0.0.1');
      let head = '';
      let sent = 0;
      let closed = false;
      socket.on('data', (data) => (head += data.toString('utf8')));
      socket.on('close', () => {
        closed = true;
        resolve({ head, closed, sent });
      });
      socket.on('error', () => {});
      socket.write(
        'POST /api/articles/1/comments HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
          'Transfer-Encoding: chunked\r\n\r\n',
      );
      const chunk = Buffer.alloc(8 * 1024, 0x20);
      const timer = setInterval(() => {
        if (closed || sent >= 4 * 1024 * 1024) {
          clearInterval(timer);
          if (!closed) socket.end('0\r\n\r\n');
          return;
        }
        socket.write(`${chunk.length.toString(16)}\r\n`);
        socket.write(chunk);
        socket.write('\r\n');
        sent += chunk.length;
      }, 1);
    });
    expect(answer.head).toMatch(/^HTTP\/1\.1 413/);
    expect(answer.closed).toBe(true);
    expect(answer.sent).toBeLessThan(4 * 1024 * 1024);
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
});
