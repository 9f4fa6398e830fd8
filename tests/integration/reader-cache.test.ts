import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listExpiredReaderTags, rememberExpiredReaderTags } from '@/db/queries/reader-cache';

// The reader cache's tag expiries, kept in SQLite across restarts: one row per tag, and a later
// expiry is never overwritten by an earlier one (two servers, or clocks, may report out of order).
test('tag expiries are remembered once per tag, keeping the latest', () => {
  rememberExpiredReaderTags(['article:1', 'latest', 'latest'], 1_000);
  rememberExpiredReaderTags(['article:1'], 3_000);
  rememberExpiredReaderTags(['article:1', 'tag:7'], 2_000);
  rememberExpiredReaderTags([], 9_000);
  const byTag = Object.fromEntries(listExpiredReaderTags().map((row) => [row.tag, row.expiredAt]));
  assert.deepEqual(byTag, { 'article:1': 3_000, latest: 1_000, 'tag:7': 2_000 });
});
