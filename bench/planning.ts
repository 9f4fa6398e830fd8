// Issue 19, "Speed": the day's plan with 300 stories and the week's calendar with 1,000 items,
// rendered server-side by the production server, p50/p95 over sequential requests as the desk's
// editor, beside a same-run baseline: the dashboard (/newsroom) of the same server and session.
// Target: p95 ≤ 50 ms. Seeds with bench/seed-planning.ts on a fresh database.
// Run: npx tsx bench/planning.ts   (BENCH_DIST_DIR reuses an existing build, e.g. .next-e2e-planning)
import { benchPort, fmt, startApp, summarize } from './lib';
import { signIn } from './http';

const DAY = '2030-01-07';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const port = benchPort(3477);
const app = await startApp('planning', port, {
  seed: ['bench/seed-planning.ts'],
  reuseBuild: !!process.env.BENCH_DIST_DIR,
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

try {
  const cookie = await signIn(app.url, 'editor@newsroom.test');
  const pages = {
    'dashboard (baseline)': `${app.url}/newsroom`,
    'plan, 300 stories': `${app.url}/newsroom/plan?day=${DAY}`,
    'calendar week, 1,000 items': `${app.url}/newsroom/calendar?day=${DAY}`,
  };
  const planHtml = await (await fetch(pages['plan, 300 stories'], { headers: { cookie } })).text();
  const stories = planHtml.match(/data-testid="planned-story"/g)?.length ?? 0;
  const calendarHtml = await (
    await fetch(pages['calendar week, 1,000 items'], { headers: { cookie } })
  ).text();
  const entries = calendarHtml.match(/data-testid="calendar-item"/g)?.length ?? 0;
  console.log(`plan renders ${stories} stories; the calendar ${entries} items`);
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(pages).map((k) => [k, []]));
  // Warm-up, then interleaved rounds so all three share the machine's moments alike.
  for (const url of Object.values(pages)) for (let i = 0; i < 10; i++) await time(url, cookie);
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, url] of Object.entries(pages)) samples[name]!.push(await time(url, cookie));
  for (const [name, list] of Object.entries(samples)) {
    const s = summarize(list);
    console.log(`${name.padEnd(28)} n=${s.n} p50=${fmt(s.p50)} ms p95=${fmt(s.p95)} ms`);
  }
} finally {
  app.stop();
}
