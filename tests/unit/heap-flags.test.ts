import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';

// The worker's V8 flags (lib/server/supervisor.mjs heapFlags), read at start from the environment:
// a child node prints what it would be given, as server.mjs and the supervisor read them.
function flagsWith(env: Record<string, string>, execArgv: string[] = []) {
  // This run's own settings out of the way: only the case's count.
  const base = { ...process.env };
  delete base.NEWSROOM_HEAP_MB;
  delete base.NEWSROOM_SEMI_SPACE_MB;
  const child = spawnSync(
    process.execPath,
    [
      ...execArgv,
      '--input-type=module',
      '-e',
      "const { heapFlags } = await import('./lib/server/supervisor.mjs'); console.log(JSON.stringify(heapFlags()));",
    ],
    { env: { ...base, ...env }, encoding: 'utf8' },
  );
  return {
    status: child.status,
    flags: child.status === 0 ? JSON.parse(child.stdout) : null,
    stderr: child.stderr,
  };
}

test('the default start: a 192 MB heap ceiling and 2 MB semi-spaces', () => {
  assert.deepEqual(flagsWith({}).flags, ['--max-old-space-size=192', '--max-semi-space-size=2']);
});

test('NEWSROOM_SEMI_SPACE_MB sets the young generation; a flag given to node wins', () => {
  assert.deepEqual(flagsWith({ NEWSROOM_SEMI_SPACE_MB: '8' }).flags, [
    '--max-old-space-size=192',
    '--max-semi-space-size=8',
  ]);
  assert.deepEqual(flagsWith({ NEWSROOM_SEMI_SPACE_MB: '8' }, ['--max-semi-space-size=16']).flags, [
    '--max-old-space-size=192',
  ]);
});

test('a semi-space size that is not a whole number from 1 to 256 stops the start, saying so', () => {
  for (const value of ['0', '2.5', 'كبير', '1000']) {
    const result = flagsWith({ NEWSROOM_SEMI_SPACE_MB: value });
    assert.equal(result.status, 1, value);
    assert.match(result.stderr, /NEWSROOM_SEMI_SPACE_MB must be a whole number from 1 to 256/);
  }
});
