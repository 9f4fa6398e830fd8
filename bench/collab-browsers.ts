// Writing together in Chromium: a keystroke in one browser tab, painted in every other tab on the
// same article, p50/p95, with 2 and 10 people (BENCH_PEOPLE), through the production server with
// two workers and its collaboration process. Baseline in the same run: the same keystroke painted
// in the writer's own tab. The article is 5,000 words (100 paragraphs); one person types 60
// characters (BENCH_KEYSTROKES) at the start of it, 150 ms apart.
// Run: npx tsx bench/collab-browsers.ts (BENCH_REUSE_BUILD=1 reuses .next-bench-collab).
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { benchPort, fmt, startApp, summarize } from './lib';

const PEOPLE = (process.env.BENCH_PEOPLE ?? '2,10').split(',').map(Number);
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 60);

const app = await startApp('collab', benchPort(3480), {
  reuseBuild: process.env.BENCH_REUSE_BUILD === '1',
  env: { NEWSROOM_COLLAB: '1', NEWSROOM_WORKERS: '2' },
});
const browser: Browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

try {
  const first = await browser.newPage();
  await first.goto(`${app.url}/signin`);
  await first.getByLabel('البريد الإلكتروني').fill('editor@newsroom.test');
  await first.getByLabel('كلمة المرور').fill('newsroom-demo');
  await first.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await first.waitForURL(/\/newsroom$/);
  const storageState = await first.context().storageState();
  await first.close();

  console.log(`keystroke → painted (ms), ${KEYSTROKES} keystrokes, 5,000-word article, 2 workers`);
  console.log('people | other tabs p50 | other tabs p95 | own tab p50 (baseline) | own tab p95');
  for (const people of PEOPLE) {
    const pages: Page[] = [];
    for (let i = 0; i < people; i++) pages.push(await (await browser.newContext({ storageState })).newPage());
    const writer = pages[0]!;
    await writer.goto(`${app.url}/newsroom/articles/new`);
    await writer.waitForURL(/\/newsroom\/articles\/\d+$/);
    const articleUrl = writer.url();
    const body = writer.getByRole('textbox', { name: 'نص المقال' });
    await body.waitFor();
    await writer.waitForFunction(
      () => document.querySelector('#article-body')?.getAttribute('contenteditable') === 'true',
    );
    // 5,000 words pasted as plain text: one paragraph a line.
    await body.click();
    // (Scripts given as text: tsx would wrap named functions in a helper the page does not have.)
    await writer.evaluate(`(() => {
      const line = Array.from({ length: 50 }, (_, i) => 'كلمة' + i).join(' ');
      const data = new DataTransfer();
      data.setData('text/plain', Array.from({ length: 100 }, () => line).join('\\n'));
      document.querySelector('#article-body').dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    })()`);
    for (const page of pages.slice(1)) {
      await page.goto(articleUrl);
      await page.waitForFunction(
        () => (document.querySelector('#article-body')?.querySelectorAll('p').length ?? 0) >= 100,
      );
    }
    // Every tab notes when the first paragraph grew, at the next frame (when it is painted).
    for (const page of pages) {
      await page.evaluate(`(() => {
        window.__painted = [];
        window.__keys = [];
        const body = document.querySelector('#article-body');
        const length = () => body.querySelector('p')?.textContent?.length ?? 0;
        let last = length();
        new MutationObserver(() => {
          const now = length();
          if (now <= last) return;
          last = now;
          requestAnimationFrame(() => window.__painted.push(performance.timeOrigin + performance.now()));
        }).observe(body, { subtree: true, childList: true, characterData: true });
        document.addEventListener('beforeinput', () => window.__keys.push(performance.timeOrigin + performance.now()), true);
      })()`);
    }
    await writer.locator('#article-body p').first().click();
    await writer.keyboard.press('Home');
    for (let k = 0; k < KEYSTROKES; k++) {
      await writer.keyboard.type('ب');
      await writer.waitForTimeout(150);
    }
    await writer.waitForTimeout(1000);
    const keys = await writer.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
    const latencies = (painted: number[]) =>
      keys.flatMap((t, i) => {
        const next = keys[i + 1] ?? Infinity;
        const seen = painted.find((p) => p >= t && p < next + 1000);
        return seen === undefined ? [] : [seen - t];
      });
    const own = summarize(
      latencies(await writer.evaluate(() => (window as unknown as { __painted: number[] }).__painted)),
    );
    const others: number[] = [];
    for (const page of pages.slice(1)) {
      others.push(
        ...latencies(await page.evaluate(() => (window as unknown as { __painted: number[] }).__painted)),
      );
    }
    const remote = summarize(others);
    console.log(
      `${String(people).padStart(6)} | ${fmt(remote.p50).padStart(14)} | ${fmt(remote.p95).padStart(14)} | ${fmt(own.p50).padStart(22)} | ${fmt(own.p95).padStart(11)}   (${remote.n}/${keys.length * (people - 1)} seen)`,
    );
    for (const page of pages) await page.context().close();
  }
} finally {
  await browser.close();
  app.stop();
}
