import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';

// The spelling checker, one per process, in a worker thread (lib/newsroom/spelling-worker.mjs).
// Chosen over a Web Worker in each browser: the Arabic dictionary is 3.8 MB and a quarter of a
// second to load, once here instead of in every tab on every page load; the answers are cached
// for every journalist at once; and the browser's only work while typing stays the house-style
// matcher (pure, microseconds a paragraph) and a small request of the words it has not seen.

export const SPELL_WORDS_MAX = 400;

// What may be asked of Hunspell: one Arabic word (letters and marks). A suggestion for a long
// string takes Hunspell seconds, and the one thread answers everyone: 40 letters is more than
// any real word (the longest in Ayaspell has 16).
export const arabicWord = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[\p{Script=Arabic}\p{M}]+$/u);

type Reply = { id: number; result?: unknown; error?: string; ready?: boolean };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

function dictionaryDir(): string {
  return process.env.NEWSROOM_HUNSPELL_DIR || path.join(process.cwd(), 'vendor', 'hunspell-ar');
}

function start(): Worker {
  // A path computed at run time, so the bundler leaves the worker and hunspell-asm to Node.
  const file = path.join(process.cwd(), 'lib', 'newsroom', 'spelling-worker.mjs');
  const w = new Worker(file, { workerData: { dir: dictionaryDir() } });
  // The checker never keeps a process (a script, a test) alive by itself.
  w.unref();
  w.on('message', (reply: Reply) => {
    if (reply.ready) return;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.error) waiting.reject(new Error(reply.error));
    else waiting.resolve(reply.result);
  });
  const fail = (error: Error) => {
    worker = null;
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
  };
  w.on('error', fail);
  w.on('exit', (code) => fail(new Error(`spelling worker exited (${code})`)));
  return w;
}

function ask<T>(message: Record<string, unknown>): Promise<T> {
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    // Only a request in flight keeps the process alive.
    w.ref();
    w.postMessage({ id, ...message });
  }).finally(() => {
    if (pending.size === 0) w.unref();
  });
}

/** The words (without tashkeel) Hunspell does not know. */
export function unknownWords(words: readonly string[]): Promise<string[]> {
  return words.length === 0 ? Promise.resolve([]) : ask<string[]>({ op: 'unknown', words });
}

/** Hunspell's suggestions for one word, best first (up to 6). */
export function suggestionsFor(word: string): Promise<string[]> {
  return ask<string[]>({ op: 'suggest', word });
}

/** The checker thread's own memory (bench/proofreading.ts). */
export function checkerMemory(): Promise<NodeJS.MemoryUsage> {
  return ask<NodeJS.MemoryUsage>({ op: 'memory' });
}

/** Ends the checker thread (scripts and tests that want to exit at once). */
export async function stopSpelling(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
