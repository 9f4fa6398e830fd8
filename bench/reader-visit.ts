// Issue 16, "A reader's whole visit": the server's CPU for one visit — the article page, its
// engagement answer (counts, comments) and the view beacon — against the article page alone, on one
// worker (NEWSROOM_WORKERS=1, so the CPU measured is the one process serving). Printed side by side
// in the same run:
// - page: GET of the article (from the front copy), per request;
// - visit, before: the page, then the engagement answer and the beacon through Next (what every
//   visit did before: x-front-copy-bypass takes both past server.mjs's own answers);
// - visit, after: the page, the engagement answer from the front copy, the beacon taken by
//   server.mjs and written in batches (lib/server/beacons.mjs).
// Each visit comes from another browser (its own user agent), so every view counts and is written.
// Aim: visit/page ≤ 3.
// Then search (issue 16, "Search"), per request, against the same page:
// - search through Next: the same query each time past the front copy (x-front-copy-bypass): the
//   results from lib/reader/search-cache.ts, the page written by lib/reader/ and Next per request;
// - search, 30 queries: the demo's words asked again and again, as readers ask the news of the day
//   (the front copy keeps each query's answer: lib/http/route-kinds.mjs `query`);
// - search, every query new: each request a query never asked before (the word with a different
//   run of tatweel, so it still finds its articles), the worst case for any copy: Next each time.
// Aim: search/page ≤ 15.
import http from 'node:http';
import { benchPort, cpuMs, demoArticleUrl, fmt, startApp } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

const app = await startApp('visit', benchPort(3271), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
  env: { NEWSROOM_WORKERS: '1' },
});
try {
  const articleUrl = new URL(await demoArticleUrl(app.url));
  const id = /^\/news\/(\d+)\//.exec(articleUrl.pathname)![1]!;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  // Beacons come from as many browsers as visits, each on its own connection pool: they must not
  // hold the readers' connections while their batch is written.
  const beaconAgent = new http.Agent({ keepAlive: true, maxSockets: 4096 });
  let visitor = 0;

  const request = (method: string, path: string, headers: Record<string, string>) =>
    new Promise<number>((resolve) => {
      const req = http.request(
        {
          agent: method === 'POST' ? beaconAgent : agent,
          host: articleUrl.hostname,
          port: articleUrl.port,
          method,
          path,
          headers,
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', () => resolve(0));
      req.end();
    });

  // A visit's requests the reader waits for; the beacon is sent as sendBeacon sends it, without
  // waiting for its answer (it is awaited at the end of the round, inside the CPU measured).
  type Step = (ua: string, beacons: Promise<number>[]) => Promise<number>[];
  const page: Step = (ua) => [request('GET', articleUrl.pathname, { 'user-agent': ua })];
  const visit =
    (bypass: boolean): Step =>
    (ua, beacons) => {
      const via: Record<string, string> = bypass ? { 'x-front-copy-bypass': '1' } : {};
      beacons.push(
        request('POST', `/api/views/${id}`, {
          'user-agent': ua,
          'content-length': '0',
          origin: app.url,
          ...via,
        }),
      );
      return [
        request('GET', articleUrl.pathname, { 'user-agent': ua }),
        request('GET', `/api/articles/${id}/engagement`, { 'user-agent': ua, ...via }),
      ];
    };

  // A closed loop of CONCURRENCY readers, each starting its next visit when the last one ended.
  async function measure(name: string, step: Step) {
    const deadline = Date.now() + SECONDS * 1000;
    let done = 0;
    let bad = 0;
    const beacons: Promise<number>[] = [];
    const before = cpuMs(app.pid);
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (Date.now() < deadline) {
          const ua = `Mozilla/5.0 (X11; Linux x86_64) bench-visitor/${visitor++}`;
          const statuses = await Promise.all(step(ua, beacons));
          if (statuses.some((s) => s < 200 || s >= 300)) bad++;
          done++;
        }
      }),
    );
    bad += (await Promise.all(beacons)).filter((s) => s < 200 || s >= 300).length;
    const cpu = cpuMs(app.pid) - before;
    const perVisit = cpu / done;
    console.log(
      `${name.padEnd(16)} ${fmt(done / SECONDS)} /s, server CPU ${fmt(perVisit, 3)} ms each (${bad} with a non-2xx)`,
    );
    return perVisit;
  }

  // Words of the demo day's headlines and texts (lib/demo/articles.ts).
  const WORDS = [
    'طشقند',
    'سمرقند',
    'مكافحة',
    'الأمن',
    'التعاون',
    'بامير',
    'الجليدية',
    'مياه',
    'جنيف',
    'مترو',
    'أمطار',
    'فرغانة',
    'شجرة',
    'مدارس',
    'البرمجة',
    'قزوين',
    'ممر',
    'تجاري',
    'وزراء',
    'آسيا',
    'الوسطى',
    'دراسة',
    'محادثات',
    'الخط',
    'الثالث',
    'طريق',
    'بلدية',
    'الصيف',
    'الحر',
    'الصف',
  ];
  const searchPath = (q: string) => `/search?q=${encodeURIComponent(q)}`;
  let asked = 0;
  // A word never asked in this spelling before: tatweel (folded away by searchTerms) after one of
  // its letters, as many as the count says.
  const newQuery = () => {
    const n = asked++;
    const word = WORDS[n % WORDS.length]!;
    const at = 1 + ((n >> 5) % (word.length - 1));
    return word.slice(0, at) + 'ـ'.repeat(1 + (n >> 8)) + word.slice(at);
  };
  const search =
    (query: () => string, headers: Record<string, string> = {}): Step =>
    (ua) => [request('GET', searchPath(query()), { 'user-agent': ua, ...headers })];

  await measure('warm-up', visit(false));
  const pageCpu = await measure('page', page);
  const before = await measure('visit, before', visit(true));
  const after = await measure('visit, after', visit(false));
  const throughNext = await measure(
    'search via Next',
    search(() => WORDS[0]!, { 'x-front-copy-bypass': '1' }),
  );
  const popular = await measure(
    'search, 30 asked',
    search(() => WORDS[asked++ % WORDS.length]!),
  );
  const fresh = await measure('search, all new', search(newQuery));
  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s each, one worker`);
  console.log(`visit before / page: ${fmt(before / pageCpu, 2)}`);
  console.log(`visit after / page:  ${fmt(after / pageCpu, 2)}  (aim <= 3)`);
  console.log(`after / before:      ${fmt(after / before, 2)}`);
  console.log(`search via Next / page:            ${fmt(throughNext / pageCpu, 1)}`);
  console.log(`search, 30 queries asked / page:   ${fmt(popular / pageCpu, 1)}  (aim <= 15)`);
  console.log(`search, every query new / page:    ${fmt(fresh / pageCpu, 1)}`);
  agent.destroy();
  beaconAgent.destroy();
} finally {
  app.stop();
}
