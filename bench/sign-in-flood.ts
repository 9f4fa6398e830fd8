// Issue 11, "A sign-in flood slows reader search": reader search latency (p50/p95) while a flood
// of sign-in attempts arrives from many clients (each request claims another address, as a
// botnet would), beside the same searches with no flood, in the same run. With the global argon2
// budget (lib/auth/sign-in-attempts.ts) at most 16 checks a second are spent however large the flood;
// the rest are refused before any hashing. Also prints how many attempts were checked and how
// many refused as "busy", and whether a trusted browser (device cookie) still signs in mid-flood.
// Run: npx tsx bench/sign-in-flood.ts   (BENCH_SECONDS, BENCH_FLOOD_RPS change the load)
import { benchPort, fmt, startApp, summarize } from './lib';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const FLOOD_RPS = Number(process.env.BENCH_FLOOD_RPS ?? 95);
const PORT = benchPort(3376);

// Each request names its client in X-Forwarded-For, as behind a reverse proxy.
process.env.NEWSROOM_TRUST_PROXY = '1';
const app = await startApp('sign-in-flood', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });

type Session = { cookie: string; csrf: string };

const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

async function csrf(client: string, cookie = ''): Promise<Session> {
  const response = await fetch(`${app.url}/api/auth/csrf`, {
    headers: { 'x-forwarded-for': client, cookie },
  });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie: [cookie, cookiesOf(response)].filter(Boolean).join('; '), csrf: csrfToken };
}

// One sign-in attempt; answers the outcome next-auth reports (null error: signed in).
async function attempt(client: string, email: string, password: string, cookie = '') {
  const session = await csrf(client, cookie);
  const response = await fetch(`${app.url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: app.url,
      cookie: session.cookie,
      'x-forwarded-for': client,
    },
    body: new URLSearchParams({ csrfToken: session.csrf, email, password, json: 'true' }),
  });
  const { url } = (await response.json()) as { url: string };
  const error = new URL(url).searchParams.get('error');
  return { error, cookie: [session.cookie, cookiesOf(response)].filter(Boolean).join('; ') };
}

async function searchFor(seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const end = Date.now() + seconds * 1000;
  const words = ['التعاون', 'الأمن', 'طشقند', 'الإرهاب', 'السلام'];
  let i = 0;
  while (Date.now() < end) {
    const started = performance.now();
    const response = await fetch(`${app.url}/search?q=${encodeURIComponent(words[i++ % words.length]!)}`);
    await response.text();
    if (response.status !== 200) throw new Error(`search answered ${response.status}`);
    samples.push(performance.now() - started);
  }
  return samples;
}

try {
  // The editor's own browser signs in once before the flood, and so holds a device cookie.
  const trusted = await attempt('editor-home', 'editor@newsroom.test', 'newsroom-demo');
  if (trusted.error) throw new Error(`the editor could not sign in: ${trusted.error}`);
  const deviceCookie = trusted.cookie
    .split('; ')
    .filter((c) => c.startsWith('newsroom-device='))
    .join('; ');

  await searchFor(2); // warm the search page
  const quiet = summarize(await searchFor(SECONDS));

  const outcomes = { checked: 0, busy: 0, locked: 0, other: 0 };
  let stop = false;
  let n = 0;
  const inFlight = new Set<Promise<void>>();
  const flood = (async () => {
    const gap = 1000 / FLOOD_RPS;
    while (!stop) {
      const k = n++;
      const p = attempt(`bot-${k}`, `user-${k % 500}@guess.example`, `guess-${k}`)
        .then(({ error }) => {
          if (error === 'CredentialsSignin') outcomes.checked++;
          else if (error === 'sign_in_busy') outcomes.busy++;
          else if (error === 'sign_in_locked') outcomes.locked++;
          else outcomes.other++;
        })
        .catch(() => void outcomes.other++)
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
      await new Promise((r) => setTimeout(r, gap));
    }
  })();
  await new Promise((r) => setTimeout(r, 1000));
  const flooded = summarize(await searchFor(SECONDS));
  const ownerMidFlood = await attempt('editor-cafe', 'editor@newsroom.test', 'newsroom-demo', deviceCookie);
  stop = true;
  await flood;
  await Promise.all(inFlight);
  const sent = Object.values(outcomes).reduce((a, b) => a + b, 0);

  console.log(
    `sign-in flood: ${sent} attempts from ${sent} made-up clients at ~${FLOOD_RPS}/s for ~${SECONDS + 1} s`,
  );
  console.log(
    `  password checks spent: ${outcomes.checked} (${fmt(outcomes.checked / (SECONDS + 1))}/s), refused as busy: ${outcomes.busy}, locked: ${outcomes.locked}, other: ${outcomes.other}`,
  );
  console.log(
    `  reader search without flood: p50 ${fmt(quiet.p50)} ms, p95 ${fmt(quiet.p95)} ms (n=${quiet.n})`,
  );
  console.log(
    `  reader search during flood:  p50 ${fmt(flooded.p50)} ms, p95 ${fmt(flooded.p95)} ms (n=${flooded.n})`,
  );
  console.log(`  ratio p50 ${fmt(flooded.p50 / quiet.p50, 2)}×, p95 ${fmt(flooded.p95 / quiet.p95, 2)}×`);
  console.log(
    `  the editor's own browser mid-flood: ${ownerMidFlood.error ? `refused (${ownerMidFlood.error})` : 'signed in'}`,
  );
} finally {
  app.stop();
}
