import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { EVENT_ACTION_LABELS, eventLabel } from '@/lib/shared/desk-labels';

// سجل النشاط showed the raw key `top_story_chosen`: every action a query writes to the events
// table (as `action: '…'` or the planning desk's logEvent(…, '…')) must have its Arabic label.
test('every event action written in lib/ has an Arabic label', () => {
  const files = readdirSync('lib', { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.join(e.parentPath, e.name));
  const written = new Set<string>();
  for (const file of files) {
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/action: '([a-z_]+)'/g)) written.add(m[1]!);
    for (const m of source.matchAll(/logEvent\(\s*tx,\s*actor,\s*'([a-z_]+)'/g)) written.add(m[1]!);
    for (const m of source.matchAll(
      /(?:answer|decision)\.accept \? '([a-z]+_[a-z_]+)' : '([a-z]+_[a-z_]+)'/g,
    )) {
      written.add(m[1]!);
      written.add(m[2]!);
    }
  }
  assert.ok(written.has('top_story_chosen') && written.has('story_planned'), [...written].join(', '));
  for (const action of written) assert.ok(EVENT_ACTION_LABELS[action], `no label for ${action}`);
  assert.equal(eventLabel('top_story_chosen'), 'اختيار الخبر الرئيسي');
});
