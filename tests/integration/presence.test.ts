import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PRESENCE_HEARTBEAT_MS, touchPresence } from '@/lib/newsroom/presence';

// Presence lives in SQLite, so two tabs whose heartbeats reach two different worker processes
// still see each other (each call here could come from any process: nothing is kept in memory).
test('open tabs see each other until they leave or stop beating', () => {
  const t0 = 1_000_000;
  const leila = { id: 1, name: 'ليلى' };
  const sami = { id: 2, name: 'سامي' };
  assert.deepEqual(touchPresence(5, 'tab-a', leila, false, t0), []);
  assert.deepEqual(touchPresence(5, 'tab-b', sami, false, t0 + 1), [{ name: 'ليلى', sameUser: false }]);
  assert.deepEqual(touchPresence(5, 'tab-c', leila, false, t0 + 2), [
    { name: 'ليلى', sameUser: true },
    { name: 'سامي', sameUser: false },
  ]);
  assert.deepEqual(touchPresence(6, 'tab-d', sami, false, t0 + 3), [], 'another article');
  touchPresence(5, 'tab-c', leila, true, t0 + 4);
  assert.deepEqual(touchPresence(5, 'tab-b', sami, false, t0 + 5), [{ name: 'ليلى', sameUser: false }]);
  // tab-a stops beating: two heartbeats later it is gone.
  const later = t0 + PRESENCE_HEARTBEAT_MS * 3;
  assert.deepEqual(touchPresence(5, 'tab-b', sami, false, later), []);
});
