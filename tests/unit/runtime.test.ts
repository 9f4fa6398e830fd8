import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

// The suite itself runs on the supported runtime: npm scripts put node_modules/.bin (Node 24 from
// the npm registry) first on the PATH, whatever the system's Node is. CI's log shows the version.
test('the tests run on Node 24 LTS', () => {
  console.log(`runtime: node ${process.version} (${process.execPath})`);
  assert.equal(process.versions.node.split('.')[0], '24');
});

test('the server refuses to start on another Node, with a message that says which to use', () => {
  // An unsupported version is simulated by the same check run under a patched version string.
  const result = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      "Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); await import('./lib/server/runtime.mjs');",
    ],
    { encoding: 'utf8' },
  );
  assert.equal(result.status, 1);
  assert.match(result.stderr, /Node 20\.20\.2 is not supported; it runs on Node 24 LTS/);
});

test('the native module was built for this runtime', async () => {
  const { default: Database } = await import('better-sqlite3');
  const memory = new Database(':memory:');
  assert.equal((memory.prepare('select 1 + 1 as two').get() as { two: number }).two, 2);
  memory.close();
});
