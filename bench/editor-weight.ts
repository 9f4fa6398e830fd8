// Issue 3: the JavaScript (gzip) the journalist's browser loads for the editor page, beside the
// framework's baseline in the same production build: the scripts that both the sign-in page and
// the newsroom dashboard load (Next's runtime, React, the root layout), since every reader page,
// the 404 included, is now plain HTML without any. Every script response a page loads is counted,
// including chunks fetched after the first paint.
// Run: npx tsx bench/editor-weight.ts
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { benchPort, fmt, startApp } from './lib';

const app = await startApp('editor', benchPort(3262), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

type Scripts = { total: number; files: number; sizes: Map<string, number> };

async function scriptsOf(context: BrowserContext, url: string): Promise<Scripts> {
  const page = await context.newPage();
  const bodies = new Map<string, Promise<Buffer>>();
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && !bodies.has(response.url())) {
      bodies.set(response.url(), response.body());
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  // Chunks fetched after the first paint (the editor's) count too.
  await page.waitForTimeout(2000);
  const sizes = new Map<string, number>();
  for (const [address, body] of bodies) sizes.set(address, gzipSync(await body, { level: 9 }).length);
  await page.close();
  return { total: [...sizes.values()].reduce((a, b) => a + b, 0), files: bodies.size, sizes };
}

// The scripts two pages share (by address), as one total.
function shared(a: Scripts, b: Scripts): Scripts {
  const sizes = new Map([...a.sizes].filter(([address]) => b.sizes.has(address)));
  return { total: [...sizes.values()].reduce((x, y) => x + y, 0), files: sizes.size, sizes };
}

try {
  const context = await browser.newContext();
  const signIn = await context.newPage();
  await signIn.goto(`${app.url}/signin`);
  await signIn.getByLabel('البريد الإلكتروني').fill('reporter@newsroom.test');
  await signIn.getByLabel('كلمة المرور').fill('newsroom-demo');
  await signIn.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await signIn.waitForURL(/\/newsroom$/);
  await signIn.goto(`${app.url}/newsroom/articles/new`);
  await signIn.waitForURL(/\/articles\/\d+$/);
  const editorUrl = signIn.url();
  await signIn.close();

  const anonymous = await browser.newContext();
  const signInPage = await scriptsOf(anonymous, `${app.url}/signin`);
  await anonymous.close();
  const dashboard = await scriptsOf(context, `${app.url}/newsroom`);
  const baseline = shared(signInPage, dashboard);
  const editor = await scriptsOf(context, editorUrl);
  const kb = (n: number) => `${fmt(n / 1024)} kB`;
  console.log(`sign-in page:          ${kb(signInPage.total)} gzip in ${signInPage.files} scripts`);
  console.log(`baseline (shared):     ${kb(baseline.total)} gzip in ${baseline.files} scripts`);
  console.log(`newsroom dashboard:    ${kb(dashboard.total)} gzip in ${dashboard.files} scripts`);
  console.log(`editor page:           ${kb(editor.total)} gzip in ${editor.files} scripts`);
  console.log(
    `editor minus baseline: ${kb(editor.total - baseline.total)} (aim <= 170 kB); ratio editor/baseline ${fmt(editor.total / baseline.total, 2)}`,
  );
} finally {
  await browser.close();
  app.stop();
}
