// The spelling checker's thread (lib/newsroom/spelling.ts starts it): real Hunspell compiled to
// WebAssembly (hunspell-asm) with Debian's Arabic dictionary (vendor/hunspell-ar). Loading takes
// about a quarter of a second and 25 MB, and a suggestion for an Arabic word up to 300 ms, so it
// lives here, once per process, never on the thread that answers requests.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { loadModule } from 'hunspell-asm';

const dir = workerData?.dir;
const factory = await loadModule();
const aff = factory.mountBuffer(readFileSync(path.join(dir, 'ar.aff')), 'ar.aff');
const dic = factory.mountBuffer(readFileSync(path.join(dir, 'ar.dic')), 'ar.dic');
const hunspell = factory.create(aff, dic);

// Answers stay true for the process's life: the dictionary does not change under it.
const CACHE_MAX = 100_000;
const known = new Map();
const suggestions = new Map();
function remember(map, key, value) {
  if (map.size >= CACHE_MAX) map.delete(map.keys().next().value);
  map.set(key, value);
}
function spell(word) {
  let ok = known.get(word);
  if (ok === undefined) {
    ok = hunspell.spell(word);
    remember(known, word, ok);
  }
  return ok;
}

parentPort.on('message', (message) => {
  const { id, op } = message;
  try {
    if (op === 'unknown') {
      parentPort.postMessage({ id, result: message.words.filter((w) => !spell(w)) });
    } else if (op === 'suggest') {
      let list = suggestions.get(message.word);
      if (!list) {
        list = hunspell.suggest(message.word).slice(0, 6);
        remember(suggestions, message.word, list);
      }
      parentPort.postMessage({ id, result: list });
    } else if (op === 'memory') {
      parentPort.postMessage({ id, result: process.memoryUsage() });
    } else {
      parentPort.postMessage({ id, error: `unknown op ${op}` });
    }
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
parentPort.postMessage({ ready: true });
