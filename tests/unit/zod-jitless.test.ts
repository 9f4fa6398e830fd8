import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { globalConfig } from 'zod/v4/core';
import '@/lib/shared/validation/article';

// The browser's CSP forbids eval; Zod's probe for it is reported as a violation unless jitless is
// set before the first parse (lib/shared/validation/zod.ts). Schemas that may run in the browser live in
// lib/validation and must take z from there.
test('every schema module in lib/validation takes z from lib/shared/validation/zod.ts', () => {
  const dir = path.join(import.meta.dirname, '../../lib/validation');
  const direct = readdirSync(dir)
    .filter((file) => file.endsWith('.ts') && file !== 'zod.ts')
    .filter((file) => /from ['"]zod['"]/.test(readFileSync(path.join(dir, file), 'utf8')));
  assert.deepEqual(direct, []);
  assert.equal(globalConfig.jitless, true);
});
