// The rooms of docs/architecture.md, checked on the real source: every product file lives in a
// room, imports only go down (to the rooms its room `uses`), and no files import each other in a
// circle. ESLint refuses the same upward imports as they are typed (eslint.config.mjs); this test
// also catches circles, and files that belong to no room.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cyclesOf, importGraph, type Graph } from '../architecture/imports';
import { ROOMS, roomOf } from '../architecture/rooms.mjs';

function upwardImports(graph: Graph): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const room = roomOf(file);
    if (!room) continue;
    for (const target of targets) {
      const to = roomOf(target);
      if (!to || to === room || room.uses.includes(to.name)) continue;
      wrong.push(`${file} (${room.name}) imports ${target} (${to.name})`);
    }
  }
  return wrong;
}

const graph = importGraph();

describe('rooms and the direction of imports', () => {
  test('every product file is in a room', () => {
    const homeless = [...graph.keys()].filter((file) => !roomOf(file));
    assert.deepEqual(homeless, [], 'add these files to a room in tests/architecture/rooms.mjs');
    assert.ok(graph.size > 150, `the walk found only ${graph.size} files`);
  });

  test('a room uses only rooms listed before it', () => {
    const order = ROOMS.map((room) => room.name);
    for (const room of ROOMS) {
      for (const used of room.uses) {
        assert.ok(
          order.indexOf(used) >= 0 && order.indexOf(used) < order.indexOf(room.name),
          `${room.name} uses ${used}`,
        );
      }
    }
  });

  test('no import goes up', () => {
    assert.deepEqual(upwardImports(graph), []);
  });

  test('no import cycles between product files', () => {
    assert.deepEqual(cyclesOf(graph), []);
  });

  // The checks themselves can fail: a planted circle and a planted upward import are found.
  test('the checks find a planted circle and a planted upward import', () => {
    const planted: Graph = new Map([
      ['lib/shared/a.ts', ['lib/newsroom/b.ts']],
      ['lib/newsroom/b.ts', ['lib/newsroom/c.ts']],
      ['lib/newsroom/c.ts', ['lib/shared/a.ts', 'db/schema.ts']],
      ['db/schema.ts', []],
    ]);
    assert.deepEqual(cyclesOf(planted), [['lib/newsroom/b.ts', 'lib/newsroom/c.ts', 'lib/shared/a.ts']]);
    assert.deepEqual(upwardImports(planted), [
      'lib/shared/a.ts (shared) imports lib/newsroom/b.ts (newsroom)',
    ]);
  });
});
