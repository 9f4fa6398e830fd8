import { expect, test } from './fixtures';
import { spawn, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { waitFor } from '../bench/lib';
import { E2E_NAME, E2E_PORT } from './server-env';

// A real deploy: the build is made in one place (CI) against one database and one set of
// settings, and started somewhere else on the real database with the real settings. The very
// first answers of the fresh server must be the serving database's content, with the site URL,
// name and digits it was started with; nothing from the build. This test makes its own build
// (its own folder), two databases, starts the server and stops it by its process id.

const NAME = `${E2E_NAME}-deploy`;
const DIR = `tmp/${NAME}`;
const PORT = E2E_PORT + 3;
const SITE = 'https://news.example.org';
const DEMO_HEADLINE = 'ميرضيائيف يدعو إلى تعزيز التعاون الإقليمي لضمان السلام والأمن في جهود مكافحة الإرهاب';
// The demo day's newest story (lib/demo/articles.ts), first in the latest feeds.
const NEWEST_HEADLINE = 'المنتخب الأولمبي يفوز على اليابان 2-1 ويتأهل إلى نصف النهائي';
// One of the stories only the build's database has (bench/seed-front-page.ts), and its id there:
// the first after the demo day's 27 articles.
const BUILD_ONLY = 'قمة إقليمية في طشقند تبحث أمن الحدود والتجارة';
const BUILD_ONLY_ID = 28;

const common = {
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_DIST_DIR: `.next-${NAME}`,
  NEWSROOM_DEMO_PASSWORD: 'newsroom-demo',
};
const buildEnv = {
  ...common,
  DATABASE_PATH: `${DIR}/build/newsroom.db`,
  MEDIA_DIR: `${DIR}/build/media`,
  NEWSROOM_SITE_URL: 'http://build-machine.invalid',
  NEXTAUTH_URL: 'http://build-machine.invalid',
  NEWSROOM_NAME: 'صحيفة البناء',
};
const serveEnv = {
  ...common,
  DATABASE_PATH: `${DIR}/serve/newsroom.db`,
  MEDIA_DIR: `${DIR}/serve/media`,
  NEWSROOM_SITE_URL: SITE,
  NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
  NEWSROOM_NAME: 'صحيفة التشغيل',
  NEWSROOM_DIGITS: 'arab',
};

function run(args: string[], env: Record<string, string>) {
  const result = spawnSync('npx', args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  if (result.status !== 0)
    throw new Error(`${args.join(' ')} failed: ${result.stderr?.toString().slice(-2000)}`);
}

test('a build made against one database and URL, served on another, shows only what it serves from the first request', async () => {
  test.setTimeout(480_000);
  rmSync(DIR, { recursive: true, force: true });
  // The build machine: the demo plus a dozen stories of its own, then the build.
  run(['tsx', '--conditions=react-server', 'scripts/db-setup.ts'], buildEnv);
  run(['tsx', '--conditions=react-server', 'bench/seed-front-page.ts'], buildEnv);
  run(['next', 'build'], buildEnv);
  // The server: its own database (the demo day only), its own settings.
  run(['tsx', '--conditions=react-server', 'scripts/db-setup.ts'], serveEnv);

  const server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: { ...process.env, ...serveEnv },
    detached: true,
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${PORT}`;
    // Waits on a page no test below reads, so that each of those is its first request.
    await waitFor(`${base}/signin`);
    const get = async (path: string) => {
      const response = await fetch(`${base}${path}`, { redirect: 'manual' });
      return { status: response.status, headers: response.headers, text: await response.text() };
    };
    const fromBuild = (text: string) =>
      text.includes('build-machine.invalid') || text.includes('صحيفة البناء') || text.includes(BUILD_ONLY);

    const home = await get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain(DEMO_HEADLINE);
    expect(home.text).toContain('<title>صحيفة التشغيل</title>');
    expect(home.text).toContain(`<link rel="canonical" href="${SITE}/" />`);
    expect(fromBuild(home.text)).toBe(false);
    // The newsroom's digits as set at start: the demo's 2024 in Arabic-Indic digits.
    expect(home.text).toContain('٢٠٢٤');

    const short = await get('/news/1');
    expect(short.status).toBe(308);
    const article = await get(short.headers.get('location')!);
    expect(article.status).toBe(200);
    expect(article.text).toContain(`<h1>${DEMO_HEADLINE}</h1>`);
    expect(article.text).toMatch(new RegExp(`<link rel="canonical" href="${SITE}/news/1/`));
    expect(fromBuild(article.text)).toBe(false);
    // A story only the build's database has is not an article here.
    expect((await get(`/news/${BUILD_ONLY_ID}`)).status).toBe(404);

    // The latest feeds begin with the demo day's newest story; دولي's holds the 2024 sample.
    for (const [feed, headline, link] of [
      ['/feed.xml', NEWEST_HEADLINE, `${SITE}/news/`],
      ['/atom.xml', NEWEST_HEADLINE, `${SITE}/news/`],
      [`/section/${encodeURIComponent('دولي')}/feed.xml`, DEMO_HEADLINE, `${SITE}/news/1/`],
    ] as const) {
      const { status, text } = await get(feed);
      expect(status, feed).toBe(200);
      expect(text, feed).toContain(headline);
      expect(text, feed).toContain(link);
      expect(fromBuild(text), feed).toBe(false);
      expect(text, feed).not.toContain('127.0.0.1');
    }

    const sitemap = await get('/sitemap.xml');
    expect(sitemap.status).toBe(200);
    const locs = [...sitemap.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
    expect(locs.length).toBeGreaterThan(1);
    for (const loc of locs) expect(loc.startsWith(`${SITE}/`), loc).toBe(true);
    // The demo day's 21 published stories (not the one under embargo), none of the build's.
    expect(locs.filter((loc) => loc.includes('/news/'))).toHaveLength(21);

    const robots = await get('/robots.txt');
    expect(robots.status).toBe(200);
    expect(robots.text).toContain(`Sitemap: ${SITE}/sitemap.xml`);
    expect(robots.text).toContain(`Sitemap: ${SITE}/news-sitemap.xml`);
    expect(fromBuild(robots.text)).toBe(false);
  } finally {
    process.kill(-server.pid!, 'SIGTERM');
  }
});
