// Issue 21, "Speed": the Content API beside the reader's article page, in the same run on the
// same machine (one server process, whose CPU per request is read from /proc/<pid>/stat): the
// article list, one article in app JSON and in ninjs, and the reader page of the same article;
// then webhook delivery latency, from the commit of a publication (the API's answer to the
// publish) to a receiver on 127.0.0.1, over many publications: p50 and p95.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  benchEnv,
  benchPort,
  cpuMs,
  demoArticleUrl,
  fmt,
  runLoadGenerator,
  startApp,
  summarize,
} from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const PUBLICATIONS = Number(process.env.BENCH_PUBLICATIONS ?? 40);

type Run = { ok: number; failed: number; rps: number; cpuPerRequestMs: number };
function load(url: string, pid: number, header = ''): Run {
  const before = cpuMs(pid);
  const result = runLoadGenerator(url, SECONDS, CONCURRENCY, header);
  const cpu = cpuMs(pid) - before;
  return { ...result, cpuPerRequestMs: result.ok > 0 ? cpu / result.ok : NaN };
}
const line = (name: string, r: Run) =>
  `${name.padEnd(40)} ${fmt(r.rps, 0).padStart(7)} req/s, ${fmt(r.cpuPerRequestMs, 3)} ms CPU/request (${r.failed} non-200)`;

// A request that is sent again once if the server had closed the idle keep-alive socket it was
// about to reuse (nothing was received, so nothing is done twice).
async function send(url: string, init?: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, init);
  }
}

const NAME = 'api';
const env: Record<string, string> = {
  NEWSROOM_WORKERS: '1',
  NEWSROOM_WEBHOOK_ALLOWED_HOSTS: '127.0.0.1',
  // An existing production build of the same commit may be reused (e.g. the e2e run's).
  ...(process.env.BENCH_DIST_DIR ? { NEXT_DIST_DIR: process.env.BENCH_DIST_DIR } : {}),
};
const app = await startApp(NAME, benchPort(3350), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
  env,
});
try {
  // A key made as an operator makes one (the key is the last line), with no practical rate limit.
  const keyOf = (scopes: string) =>
    execFileSync(
      'npx',
      [
        'tsx',
        '--conditions=react-server',
        'scripts/apikey-create.ts',
        '--name',
        'bench',
        '--scope',
        scopes,
        '--owner',
        'admin@newsroom.test',
        '--rate',
        '100000000',
      ],
      { env: { ...benchEnv(NAME), ...env }, encoding: 'utf8' },
    )
      .trim()
      .split('\n')
      .at(-1)!;
  const key = keyOf('content:read,drafts:write,publish,webhooks');
  const auth = `authorization: Bearer ${key}`;
  const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
  const page = await demoArticleUrl(app.url);
  const id = /\/news\/(\d+)\//.exec(page)![1];
  console.log(`concurrency ${CONCURRENCY}, ${SECONDS} s each; article ${id}`);
  load(page, app.pid); // warm-up
  load(`${app.url}/api/v1/articles/${id}`, app.pid, auth);
  console.log(line('reader article page (server.mjs)', load(page, app.pid)));
  console.log(line('reader article page, rendered by Next', load(page, app.pid, 'x-front-copy-bypass: 1')));
  console.log(line('API one article (app JSON)', load(`${app.url}/api/v1/articles/${id}`, app.pid, auth)));
  console.log(
    line('API one article (ninjs)', load(`${app.url}/api/v1/articles/${id}?format=ninjs`, app.pid, auth)),
  );
  console.log(line('API article list (20)', load(`${app.url}/api/v1/articles`, app.pid, auth)));

  // Webhook latency: commit (the publish answer) → receiver.
  const arrivals = new Map<number, number>();
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const event = JSON.parse(body) as { data: { id: number } };
      arrivals.set(event.data.id, performance.now());
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const hook = await send(`${app.url}/api/v1/webhooks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ url: hookUrl, events: ['article.published'] }),
  });
  if (hook.status !== 201) throw new Error(`webhook: ${hook.status} ${await hook.text()}`);
  const { sections } = (await (await send(`${app.url}/api/v1/sections`, { headers })).json()) as {
    sections: { id: number }[];
  };
  const latencies: number[] = [];
  for (let i = 0; i < PUBLICATIONS; i++) {
    const created = (await (
      await send(`${app.url}/api/v1/articles`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          headline: `خبر القياس ${i}`,
          paragraphs: ['نص للقياس'],
          sectionId: sections[0]!.id,
        }),
      })
    ).json()) as { id: number };
    await send(`${app.url}/api/v1/articles/${created.id}/submit`, { method: 'POST', headers });
    await send(`${app.url}/api/v1/articles/${created.id}/transitions`, {
      method: 'POST',
      headers,
      body: '{"action":"approve"}',
    });
    const published = await send(`${app.url}/api/v1/articles/${created.id}/transitions`, {
      method: 'POST',
      headers,
      body: '{"action":"publish"}',
    });
    const committed = performance.now();
    if (published.status !== 201) throw new Error(`publish: ${published.status}`);
    const deadline = committed + 10_000;
    while (!arrivals.has(created.id) && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    if (!arrivals.has(created.id)) throw new Error(`article ${created.id} never reached the receiver`);
    latencies.push(arrivals.get(created.id)! - committed);
  }
  receiver.close();
  const s = summarize(latencies.sort((a, b) => a - b));
  console.log(
    `\nwebhook commit → receiver (${s.n} publications, loop every ${process.env.NEWSROOM_WEBHOOK_POLL_MS ?? 250} ms): p50 ${fmt(s.p50, 0)} ms, p95 ${fmt(s.p95, 0)} ms, mean ${fmt(s.mean, 0)} ms`,
  );
} finally {
  app.stop();
}
