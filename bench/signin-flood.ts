// Issue 11: reader search latency while anonymous clients flood the sign-in endpoint (about 95
// attempts a second, each a made-up address and a wrong password: one argon2 check each unless
// the server caps them), beside the same readers with no flood, in the same run.
// Run: npx tsx --conditions=react-server bench/signin-flood.ts
import { benchEnv, fmt, percentile, startApp } from './lib';

const PORT = 3388;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 12);
const RATE = Number(process.env.BENCH_RATE ?? 95); // attempts per second
const READERS = 4;

Object.assign(process.env, benchEnv('signin-flood'));
const app = await startApp('signin-flood', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const queries = ['الأخبار', 'المدينة', 'اقتصاد', 'الحكومة', 'مياه', 'طلاب'];

async function readers(seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: READERS }, async (_, reader) => {
      for (let i = reader; Date.now() < deadline; i++) {
        const started = performance.now();
        const response = await fetch(
          `${app.url}/search?q=${encodeURIComponent(queries[i % queries.length]!)}`,
        );
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`search: ${response.status}`);
        samples.push(performance.now() - started);
      }
    }),
  );
  return samples.sort((a, b) => a - b);
}

// next-auth's credentials endpoint, as the sign-in form posts to it.
async function flood(seconds: number): Promise<Map<string, number>> {
  const csrf = await fetch(`${app.url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const outcomes = new Map<string, number>();
  const pending: Promise<void>[] = [];
  const started = Date.now();
  for (let n = 0; Date.now() - started < seconds * 1000; n++) {
    // Open loop: attempts leave on schedule whether or not the last ones were answered.
    const due = started + (n * 1000) / RATE;
    if (due > Date.now()) await new Promise((r) => setTimeout(r, due - Date.now()));
    pending.push(
      fetch(`${app.url}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
        body: new URLSearchParams({
          csrfToken,
          email: `guess${n}@example.org`,
          password: `wrong-password-${n}`,
          json: 'true',
        }),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          const key = String(response.status);
          outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        })
        .catch(() => {
          outcomes.set('network error', (outcomes.get('network error') ?? 0) + 1);
        }),
    );
  }
  await Promise.all(pending);
  return outcomes;
}

try {
  await readers(2); // warm-up
  const quiet = await readers(SECONDS);
  const [flooded, outcomes] = await Promise.all([readers(SECONDS), flood(SECONDS)]);
  const line = (label: string, s: number[]) =>
    console.log(
      `${label.padEnd(34)} n=${String(s.length).padStart(5)}  p50 ${fmt(percentile(s, 50)).padStart(7)} ms  p95 ${fmt(percentile(s, 95)).padStart(7)} ms  p99 ${fmt(percentile(s, 99)).padStart(7)} ms`,
    );
  line('search, no flood', quiet);
  line(`search, ${RATE} sign-in attempts/s`, flooded);
  console.log(
    `sign-in attempts answered: ${[...outcomes].map(([status, n]) => `${n} × ${status}`).join(', ')} in ${SECONDS} s`,
  );
  console.log(
    `ratio flooded/quiet: p50 ×${fmt(percentile(flooded, 50) / percentile(quiet, 50), 1)}, p95 ×${fmt(percentile(flooded, 95) / percentile(quiet, 95), 1)}`,
  );
} finally {
  app.stop();
}
