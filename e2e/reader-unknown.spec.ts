import { expect, test } from './fixtures';
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { waitFor } from '../bench/lib';
import { E2E_PORT, e2eServerEnv } from './server-env';

// Made-up addresses must not fill the disk or the memory: 1,000 unknown article ids, slugs,
// authors, sections, tags and feeds, each answered with the Arabic 404, leave the build's folder
// (where Next keeps its cache) with the same files, and the server process's memory within a small
// bound. The test starts its own server on the same build and database, so that it knows its
// process id, and stops it by that id. V8 grows its heap lazily, up to its limit, before it
// collects: with the old space capped at 64 MB, garbage goes early and the resident memory shows
// what the server keeps (a cache holding each address would grow past the bound, or fail).

const PORT = E2E_PORT + 4;
const MEMORY_BOUND_MB = 16;
const HEAP_MB = 64;

function filesUnder(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) count += filesUnder(path.join(dir, entry.name));
    else count++;
  }
  return count;
}

const residentMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

function madeUp(i: number): string {
  const n = 900_000 + i * 7919;
  const word = encodeURIComponent(`كلمة-${n.toString(36)}`);
  const kinds = [
    `/news/${n}/${word}`,
    `/news/${n}`,
    `/author/${n}`,
    `/author/${n}/page/2`,
    `/section/${word}`,
    `/section/${word}/page/3`,
    `/tag/${word}`,
    `/tag/${word}/feed.xml`,
    `/section/${word}/atom.xml`,
    `/${word}`,
    `/page/${n}`,
  ];
  return kinds[i % kinds.length]!;
}

test('1,000 made-up addresses leave no file in the cache and no lasting memory behind', async () => {
  test.setTimeout(180_000);
  const distDir = e2eServerEnv.NEXT_DIST_DIR;
  const server = spawn(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, 'server.mjs', '-H', '127.0.0.1', '-p', String(PORT)],
    {
      // One process: the one whose memory is read (with more, this pid would be the cluster's primary).
      env: { ...process.env, ...e2eServerEnv, NEWSROOM_WORKERS: '1' },
      detached: true,
      stdio: 'ignore',
    },
  );
  try {
    const base = `http://127.0.0.1:${PORT}`;
    await waitFor(`${base}/`);
    const run = async (from: number, count: number) => {
      const statuses = new Map<number, number>();
      // Ten at a time, like a small crawler.
      for (let i = from; i < from + count; i += 10) {
        const answers = await Promise.all(
          Array.from({ length: 10 }, (_, k) => fetch(`${base}${madeUp(i + k)}`, { redirect: 'manual' })),
        );
        for (const answer of answers) {
          statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
          await answer.arrayBuffer();
        }
      }
      return statuses;
    };
    // Warm-up: every route is loaded, and the heap has grown to where it settles (Next's 404 path
    // took the first 1,000 made-up addresses from 228 to 272 MB, the next 1,000 to 274 MB), before
    // anything is measured: what is measured is what 1,000 addresses leave behind, not warming up.
    await run(0, 1_000);
    const filesBefore = filesUnder(distDir);
    const memoryBefore = residentMb(server.pid!);
    const statuses = await run(10_000, 1_000);
    const filesAfter = filesUnder(distDir);
    const memoryAfter = residentMb(server.pid!);
    console.log(
      `1,000 made-up addresses: ${JSON.stringify(Object.fromEntries(statuses))}; files under ${distDir}: ${filesBefore} → ${filesAfter}; resident memory ${memoryBefore.toFixed(1)} → ${memoryAfter.toFixed(1)} MB`,
    );
    expect(Object.fromEntries(statuses)).toEqual({ 404: 1_000 });
    expect(filesAfter).toBe(filesBefore);
    expect(memoryAfter - memoryBefore).toBeLessThan(MEMORY_BOUND_MB);
    // And the 404 a reader sees is the Arabic page.
    const page = await (await fetch(`${base}${madeUp(3)}`)).text();
    expect(page).toContain('الصفحة غير موجودة');
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
});
