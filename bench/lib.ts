// Shared plumbing for the benchmarks: a production build of this app on its own database and
// port, started and stopped by the benchmark itself (127.0.0.1 only), plus small statistics.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export type BenchServer = {
  url: string;
  distDir: string;
  databasePath: string;
  pid: number;
  stop: () => void;
  child: ChildProcess;
};

const ROOT = path.resolve(import.meta.dirname, '..');

// Each benchmark has its own default port so two can run side by side; BENCH_PORT moves it (and
// the ports it uses next to it: the plain baseline server, a second server) on a shared machine.
export function benchPort(fallback: number): number {
  const raw = process.env.BENCH_PORT;
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1024 || port > 65_000)
    throw new Error(`BENCH_PORT must be a port from 1024 to 65000, not ${raw}`);
  return port;
}

export function benchEnv(name: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_PATH: path.join(ROOT, 'tmp', `bench-${name}`, 'newsroom.db'),
    MEDIA_DIR: path.join(ROOT, 'tmp', `bench-${name}`, 'media'),
    NEXT_DIST_DIR: `.next-bench-${name}`,
    NEWSROOM_DEMO_PASSWORD: 'newsroom-demo',
  };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status})`);
}

// Builds (unless `reuseBuild` and a build exists) and starts the production server (server.mjs,
// as `npm start` does) on a fresh database.
export async function startApp(
  name: string,
  port: number,
  // `seed`: scripts run on the fresh database before the server starts (e.g. bench/seed-front-page.ts).
  options: {
    reuseBuild?: boolean;
    env?: Record<string, string>;
    keepDatabase?: boolean;
    seed?: string[];
  } = {},
): Promise<BenchServer> {
  const env = { ...benchEnv(name), ...options.env };
  if (!options.keepDatabase) rmSync(path.dirname(env.DATABASE_PATH!), { recursive: true, force: true });
  run('npx', ['tsx', '--conditions=react-server', 'scripts/db-setup.ts'], env);
  for (const script of options.seed ?? []) run('npx', ['tsx', '--conditions=react-server', script], env);
  const distDir = path.join(ROOT, env.NEXT_DIST_DIR!);
  if (!options.reuseBuild || !existsSync(path.join(distDir, 'BUILD_ID'))) {
    run('npx', ['next', 'build'], env);
    // As `npm run build`: the collaboration server's bundle (scripts/build-collab.mjs).
    run('node', ['scripts/build-collab.mjs'], env);
  }
  const child = spawnServer(env, port);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(url);
  return {
    url,
    distDir,
    databasePath: env.DATABASE_PATH!,
    pid: child.pid!,
    stop: () => stopProcess(child),
    child,
  };
}

// The production server (server.mjs) on an existing build and database, in its own process group.
export function spawnServer(env: NodeJS.ProcessEnv, port: number): ChildProcess {
  return spawn(process.execPath, [path.join(ROOT, 'server.mjs'), '-H', '127.0.0.1', '-p', String(port)], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

export function stopProcess(child: ChildProcess): void {
  // Only the process group this script started.
  if (child.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

export function summarize(samples: number[]): { n: number; p50: number; p95: number; mean: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return { n: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), mean };
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);

// CPU time (user + system) a process has used so far, in milliseconds, from /proc/<pid>/stat.
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start at its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}
// sysconf(_SC_CLK_TCK): 100 on Linux everywhere this runs.
const CLOCK_TICKS_PER_SECOND = 100;

// The URL of the demo article as the reader site links it (follows the slug redirect).
export async function demoArticleUrl(base: string): Promise<string> {
  const response = await fetch(`${base}/news/1`, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (!location) throw new Error('the demo article did not redirect to its slug');
  return new URL(location, base).toString();
}

export type GeneratorRun = { ok: number; failed: number; rps: number; bytesPerResponse: number };

// bench/load-generator.ts (keep-alive connections, closed loop) in a process of its own, so that
// it does not share this one's event loop: its summary, the last line it prints.
export function runLoadGenerator(
  url: string,
  seconds: number,
  concurrency: number,
  header = '',
): GeneratorRun {
  const out = execFileSync(
    'npx',
    [
      'tsx',
      path.join(import.meta.dirname, 'load-generator.ts'),
      url,
      String(seconds),
      String(concurrency),
      header,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as GeneratorRun;
}
