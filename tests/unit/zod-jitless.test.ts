import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { globalConfig } from 'zod/v4/core';
import '@/lib/shared/validation/article';

// The browser's CSP forbids eval; Zod's probe for it is reported as a violation unless jitless is
// set before the first parse (lib/shared/validation/zod.ts). Schemas that may run in the browser
// live in lib/shared/ (the save door's own parse, lib/newsroom/save-request.ts, too) and must
// take z from there.
test('every schema module in lib/shared and the save door takes z from lib/shared/validation/zod.ts', () => {
  const root = path.join(import.meta.dirname, '../..');
  const shared = readdirSync(path.join(root, 'lib/shared'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && file !== path.join('validation', 'zod.ts'))
    .map((file) => path.join('lib/shared', file));
  const files = [...shared, 'lib/newsroom/save-request.ts'];
  assert.ok(shared.length > 10, `only ${shared.length} files found in lib/shared`);
  const schemas = files.filter((file) => /\bz\.object\(/.test(readFileSync(path.join(root, file), 'utf8')));
  assert.ok(schemas.length >= 5, `only ${schemas.length} schema modules found`);
  const direct = files.filter((file) => /from ['"]zod['"]/.test(readFileSync(path.join(root, file), 'utf8')));
  assert.deepEqual(direct, []);
  assert.equal(globalConfig.jitless, true);
});
