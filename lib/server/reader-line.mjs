// The readers' line: readers wait their turn here, not inside Next.
//
// With 200 readers at once, each worker's Next held a hundred requests in flight: a journalist's
// autosave, which awaits several times on its way through Next, queued behind all of them at every
// await (p95 4.7-10 s, bench/load.ts), and every one of those renders held its memory at the same
// time. Reader requests run no I/O but SQLite's (synchronous), so a few at a time keep the core as
// busy as a hundred; with 4 the same load gave autosaves p50 120 ms, p95 290-650 ms. So at most
// `slots` (NEWSROOM_READER_SLOTS, default 4) reader requests are inside this worker's Next at
// once; the rest wait in order (at most `queue`, NEWSROOM_READER_QUEUE, then 503 with Retry-After
// rather than a queue without end). The newsroom — its pages, server actions, sign-in, uploads —
// and Next's own files never wait; which is which is the route kinds table's `line`
// (lib/http/route-kinds.mjs), decided by the normalised path and the method, never by a header.

/** @param {{ slots: number; queue: number }} limits */
export function readerLine({ slots, queue }) {
  let inside = 0;
  /** @type {{ res: import('node:http').ServerResponse; enter: () => void }[]} */
  const waiting = [];

  /** @param {import('node:http').ServerResponse} res @param {() => void} enter */
  function enterNow(res, enter) {
    inside++;
    // 'close' comes once the answer is sent or the client went away, whichever is first.
    res.once('close', () => {
      inside--;
      while (waiting.length > 0 && inside < slots) {
        const next = /** @type {(typeof waiting)[number]} */ (waiting.shift());
        if (!next.res.destroyed) enterNow(next.res, next.enter);
      }
    });
    enter();
  }

  /** Runs `enter` when a slot is free, or answers 503 when the line is full. @param {import('node:http').ServerResponse} res @param {() => void} enter */
  return function admit(res, enter) {
    if (inside < slots) return enterNow(res, enter);
    if (waiting.length >= queue) {
      res.writeHead(503, {
        'retry-after': '1',
        'cache-control': 'no-store',
        'content-type': 'text/plain; charset=utf-8',
      });
      return void res.end('الخادم مشغول. أعد المحاولة بعد لحظة.');
    }
    waiting.push({ res, enter });
  };
}
