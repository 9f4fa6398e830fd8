// Issue 19, "Speed": the day's plan with 300 stories and the week's calendar with 1,000 items,
// rendered server-side by the production server, p50/p95 over sequential requests as the desk's
// editor, beside same-run baselines: the dashboard (/newsroom) of the same server and session, and
// the same two pages on an empty day and week. Target: p95 ≤ 50 ms. Seeds with
// bench/seed-planning.ts on a fresh database.
// Run: npx tsx bench/planning.ts   (BENCH_REUSE_BUILD=1 reuses .next-bench-planning; BENCH_DIST_DIR
// another existing build, e.g. .next-e2e-planning)
import { cpus, loadavg } from 'node:os';
import { benchPort, fmt, startApp, summarize } from './lib';
import { signIn } from './http';

const DAY = '2030-01-07';
const EMPTY_DAY = '2030-03-04';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const port = benchPort(3477);
const app = await startApp('planning', port, {
  seed: ['bench/seed-planning.ts'],
  reuseBuild: !!process.env.BENCH_DIST_DIR || process.env.BENCH_REUSE_BUILD === '1',
  env: {
    BENCH_PLAN_DAY: DAY,
    ...(process.env.BENCH_DIST_DIR ? { NEXT_DIST_DIR: process.env.BENCH_DIST_DIR } : {}),
  },
});

async function time(url: string, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { cookie } });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url}: ${response.status}`);
  if (body.length < 1000) throw new Error(`${url}: a short page`);
  return ms;
}

// The machine is shared: how busy it was while measuring (1, 5 and 15 minutes).
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const kb = (html: string) => `${(Buffer.byteLength(html) / 1024).toFixed(0)} KB of HTML`;

try {
  const cookie = await signIn(app.url, 'editor@newsroom.test');
  // Baselines: the dashboard, and the same two pages on an empty day and week (the layout, the
  // session, the forms: all the page costs but its items).
  const pages = {
    'dashboard (baseline)': `${app.url}/newsroom`,
    'plan, empty day': `${app.url}/newsroom/plan?day=${EMPTY_DAY}`,
    'calendar, empty week': `${app.url}/newsroom/calendar?day=${EMPTY_DAY}`,
    'plan, 300 stories': `${app.url}/newsroom/plan?day=${DAY}`,
    'calendar week, 1,000 items': `${app.url}/newsroom/calendar?day=${DAY}`,
  };
  const planHtml = await (await fetch(pages['plan, 300 stories'], { headers: { cookie } })).text();
  const stories = planHtml.match(/data-testid="planned-story"/g)?.length ?? 0;
  const calendarHtml = await (
    await fetch(pages['calendar week, 1,000 items'], { headers: { cookie } })
  ).text();
  const entries = calendarHtml.match(/data-testid="calendar-item"/g)?.length ?? 0;
  console.log(
    `plan renders ${stories} stories (${kb(planHtml)}); the calendar ${entries} items (${kb(calendarHtml)})`,
  );
  console.log(`load average at the start: ${load()}`);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  // Warm-up, then interleaved rounds so all the pages share the machine's moments alike.
  for (const url of Object.values(pages)) for (let i = 0; i < 10; i++) await time(url, cookie);
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, url] of Object.entries(pages)) samples[name]!.push(await time(url, cookie));
  const base = summarize(samples['dashboard (baseline)']!);
  for (const [name, list] of Object.entries(samples)) {
    const s = summarize(list);
    console.log(
      `${name.padEnd(28)} n=${s.n} p50=${fmt(s.p50)} ms p95=${fmt(s.p95)} ms` +
        ` (× dashboard: p50 ${fmt(s.p50 / base.p50, 2)}, p95 ${fmt(s.p95 / base.p95, 2)})`,
    );
  }
  console.log(`load average at the end: ${load()} (${cpus().length} cores)`);
} finally {
  app.stop();
}
