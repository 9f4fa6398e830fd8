// Issue 3: the JavaScript (gzip) the journalist's browser loads for the editor page, beside the
// framework's baseline page (the app's 404 page) in the same production build. Every script
// response the page loads is counted, including chunks fetched after the first paint.
// Run: npx tsx bench/editor-weight.ts
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { fmt, startApp } from './lib';

const app = await startApp('editor', Number(process.env.BENCH_PORT ?? 3262), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

async function scriptsOf(context: BrowserContext, url: string): Promise<{ total: number; files: number }> {
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
  let total = 0;
  for (const body of bodies.values()) total += gzipSync(await body, { level: 9 }).length;
  await page.close();
  return { total, files: bodies.size };
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

  const baseline = await scriptsOf(context, `${app.url}/__baseline-404`);
  const dashboard = await scriptsOf(context, `${app.url}/newsroom`);
  const editor = await scriptsOf(context, editorUrl);
  const kb = (n: number) => `${fmt(n / 1024)} kB`;
  console.log(`baseline (404 page):   ${kb(baseline.total)} gzip in ${baseline.files} scripts`);
  console.log(`newsroom dashboard:    ${kb(dashboard.total)} gzip in ${dashboard.files} scripts`);
  console.log(`editor page:           ${kb(editor.total)} gzip in ${editor.files} scripts`);
  console.log(
    `editor minus baseline: ${kb(editor.total - baseline.total)}; ratio editor/baseline ${fmt(editor.total / baseline.total, 2)}`,
  );
} finally {
  await browser.close();
  app.stop();
}
