import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import type { Client } from './collab-helpers';

// Debian's redis-server and collaboration processes (lib/server/collab-main.ts, as server.mjs's
// supervisor starts them), for the tests of several collaboration processes sharing documents.

export const REDIS_SERVER = '/usr/bin/redis-server';
export const redisMissing = !existsSync(REDIS_SERVER);

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export type RedisProcess = { child: ChildProcess; port: number; url: string; stop: () => Promise<void> };

// A redis-server without persistence on `port` (a free one when not given), bound to loopback.
export async function startRedis(port?: number): Promise<RedisProcess> {
  const chosen = port ?? (await freePort());
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 5000;
  while (!(await listening(chosen))) {
    if (Date.now() > deadline) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    child,
    port: chosen,
    url: `redis://127.0.0.1:${chosen}`,
    // SIGKILL: Redis gone at once, as a crash or a lost network would leave it.
    stop: () =>
      child.exitCode !== null || child.signalCode !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => child.once('exit', () => resolve()).kill('SIGKILL')),
  };
}

export type CollabProcess = { child: ChildProcess; port: number; output: string[] };

// One collaboration process, as the supervisor in lib/server/collab.mjs starts it; its port comes
// back over IPC. What it prints is kept in `output` (and still shown on the test's stderr).
export function startCollab(redisUrl: string): Promise<CollabProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=react-server', 'lib/server/collab-main.ts'],
    {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NEWSROOM_REDIS_URL: redisUrl, NEWSROOM_COLLAB_PORT: '0' },
    },
  );
  const output: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      output.push(...chunk.split('\n').filter(Boolean));
      if (stream === child.stderr) process.stderr.write(chunk);
    });
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the collaboration process did not start')), 30_000);
    child.on('message', (message: { newsroomCollabPort?: number }) => {
      if (typeof message?.newsroomCollabPort !== 'number') return;
      clearTimeout(timer);
      resolve({ child, port: message.newsroomCollabPort, output });
    });
    child.on('exit', (code) => reject(new Error(`the collaboration process ended (${code})`)));
  });
}

// Stops collaboration processes still running (SIGTERM: they store what is pending first).
async function stopCollabs(children: readonly ChildProcess[]): Promise<void> {
  await Promise.all(
    children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))),
  );
}

// What a test file started, stopped after its tests: the browsers first, then the collaboration
// servers (processes and servers in this process; they store what is pending through Redis's
// lock), then Redis.
export async function stopEverything({
  clients,
  processes = [],
  servers = [],
  redises,
}: {
  clients: readonly Client[];
  processes?: readonly ChildProcess[];
  servers?: readonly { stop: () => Promise<void> }[];
  redises: readonly (RedisProcess | undefined)[];
}): Promise<void> {
  for (const client of clients) client.destroy();
  await stopCollabs(processes);
  for (const server of servers) await server.stop();
  for (const redis of redises) await redis?.stop();
}
