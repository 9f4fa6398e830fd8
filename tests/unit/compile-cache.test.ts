import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

// lib/server/runtime.mjs keepCompiledCode: what server.mjs turns on before Next loads. A child node
// turns it on for a folder, loads a module of the app (compiled, so cached) and reports where
// Node keeps the cache and what a process it would start inherits.
const root = mkdtempSync(path.join(tmpdir(), 'compile-cache-'));
after(() => rmSync(root, { recursive: true, force: true }));

function start(distDir: string, env: Record<string, string> = {}) {
  const base = { ...process.env };
  delete base.NODE_COMPILE_CACHE;
  delete base.NODE_DISABLE_COMPILE_CACHE;
  const child = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import module from 'node:module';
       const { keepCompiledCode, flushCompileCache } = await import('./lib/server/runtime.mjs');
       keepCompiledCode(${JSON.stringify(distDir)});
       await import('./lib/server/config.mjs');
       flushCompileCache();
       console.log(JSON.stringify({ dir: module.getCompileCacheDir() ?? null, inherited: process.env.NODE_COMPILE_CACHE ?? null }));`,
    ],
    { env: { ...base, ...env }, encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { dir: string | null; inherited: string | null };
}

const filesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length
    : 0;

test('kept under the build, and handed to the processes started from it', () => {
  const dist = path.join(root, 'build-a');
  const seen = start(dist);
  const dir = path.join(dist, 'cache', 'node-compile');
  assert.equal(seen.inherited, dir);
  assert.ok(seen.dir?.startsWith(dir), `${seen.dir} is under ${dir}`);
  assert.ok(filesIn(dir) > 0, 'the compiled module is written');
});

test("the operator's NODE_COMPILE_CACHE wins; NODE_DISABLE_COMPILE_CACHE=1 writes nothing", () => {
  const chosen = path.join(root, 'chosen');
  const seen = start(path.join(root, 'build-b'), { NODE_COMPILE_CACHE: chosen });
  assert.ok(seen.dir?.startsWith(chosen));
  assert.equal(filesIn(path.join(root, 'build-b')), 0);
  const off = start(path.join(root, 'build-c'), { NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(off.dir, null);
  assert.equal(filesIn(path.join(root, 'build-c')), 0);
});

test('a folder that cannot be written leaves the start uncached, not stopped', () => {
  // A file where the folder would be: Node cannot make the cache there.
  const blocked = path.join(root, 'blocked');
  spawnSync('sh', ['-c', `mkdir -p '${blocked}/cache' && : > '${blocked}/cache/node-compile'`]);
  const seen = start(blocked);
  assert.equal(seen.dir, null);
});
