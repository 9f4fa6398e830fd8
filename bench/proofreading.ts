// Issue 20, "Speed": التدقيق's cost.
//  1. Typing: keystroke-to-screen p95 typing 200 characters into a 5,000-word article with
//     checking on and with it off (the panel's switch, kept in localStorage), same build, same run,
//     alternated off/on/off/on so drift of the shared machine falls on both.
//  2. The first full check of a 5,000-word article: in Node, the matcher alone (what the browser
//     does on every pass) and the whole check with Hunspell cold (worker start included) and warm;
//     in the browser, from the editor becoming editable to the last underline drawn.
//  3. Memory of the loaded checker (the worker thread with Hunspell and Ayaspell).
// Run: npx tsx --conditions=react-server bench/proofreading.ts   (BENCH_REUSE_BUILD=1 reuses a build)
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { benchPort, fmt, startApp, summarize } from './lib';
import { typeInMiddleAndMeasure } from './typing';

const PORT = benchPort(3341);
const CHARS = Number(process.env.BENCH_CHARS ?? 200);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const ROOT = path.resolve(import.meta.dirname, '..');
const TYPED = 'وقال Sergey Lavrov إن 3 اتفاقيات وقعت في طشقند يوم 5 سبتمبر 2024. ';

const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });
const countWords = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
const seed = JSON.parse(readFileSync(path.join(ROOT, 'db/seed/seed-article.json'), 'utf8')) as {
  paragraphs: string[];
};
function paragraphsOf(target: number): string[] {
  const out: string[] = [];
  for (let i = 0, count = 0; count < target; i++) {
    const p = seed.paragraphs[i % seed.paragraphs.length]!;
    out.push(p);
    count += countWords(p);
  }
  return out;
}
const paragraphs = paragraphsOf(5_000);
// A few mistakes and variants, so the check has something to draw.
paragraphs[3] = `${paragraphs[3]} وقال وميرزيوييف إن الرءيس سيحضر.`;
paragraphs[paragraphs.length - 2] = `${paragraphs.at(-2)} وبعد ذالك عاد إلى شانغهاي.`;

// ---------------------------------------------------------------------------------------------
// Node: the first full check and the checker's memory
// ---------------------------------------------------------------------------------------------

process.env.DATABASE_PATH ??= path.join(ROOT, 'tmp', 'bench-proofreading-node', 'newsroom.db');
const { mkdirSync, rmSync } = await import('node:fs');
rmSync(path.dirname(process.env.DATABASE_PATH), { recursive: true, force: true });
mkdirSync(path.dirname(process.env.DATABASE_PATH), { recursive: true });
const { migrateDatabase, openDatabase } = await import('@/db/connection');
const setup = openDatabase();
migrateDatabase(setup);
setup.$client.close();
const { currentHouseStyle } = await import('@/lib/newsroom/house-style');
const { serverChecker } = await import('@/lib/newsroom/proofread');
const { checkerMemory, stopSpelling, unknownWords } = await import('@/lib/newsroom/spelling');
const { buildMatcher } = await import('@/lib/shared/proofreading/matcher');

const style = currentHouseStyle();
const matcher = buildMatcher(style.rules, style.settings);
let t = performance.now();
for (const p of paragraphs) matcher.check(p);
const matcherMs = performance.now() - t;

global.gc?.();
const rssBefore = process.memoryUsage().rss;
t = performance.now();
await unknownWords(['الرئيس']);
const loadMs = performance.now() - t;
const worker = await checkerMemory();
global.gc?.();
const rssAfter = process.memoryUsage().rss;

const cold = serverChecker(style);
t = performance.now();
const points = (await Promise.all(paragraphs.map((p) => cold.checkText(p)))).flat();
const fullColdMs = performance.now() - t;
const warm = serverChecker(style);
await Promise.all(paragraphs.map((p) => warm.checkText(p)));
t = performance.now();
await Promise.all(paragraphs.map((p) => warm.checkText(p)));
const fullWarmMs = performance.now() - t;
await stopSpelling();

console.log(`5,000-word article: ${paragraphs.length} paragraphs, ${countWords(paragraphs.join(' '))} words`);
console.log(`  matcher alone (house style, all paragraphs): ${fmt(matcherMs)} ms`);
console.log(`  Hunspell worker start (WASM + Ayaspell): ${fmt(loadMs)} ms`);
console.log(
  `  first full check, dictionary answers not cached: ${fmt(fullColdMs)} ms (${points.length} points)`,
);
console.log(`  full check again (answers cached): ${fmt(fullWarmMs)} ms`);
console.log(
  `  checker memory: process RSS +${fmt((rssAfter - rssBefore) / 1e6)} MB after loading; ` +
    `WASM heap and buffers (external) ${fmt(worker.external / 1e6)} MB, array buffers ${fmt(worker.arrayBuffers / 1e6)} MB`,
);

// ---------------------------------------------------------------------------------------------
// Browser: typing with checking on and off, and the first check drawn
// ---------------------------------------------------------------------------------------------

const app = await startApp('proofreading', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ locale: 'ar' });
  const page = await context.newPage();
  await page.goto(`${app.url}/signin`);
  await page.getByLabel('البريد الإلكتروني').fill('reporter@newsroom.test');
  await page.getByLabel('كلمة المرور').fill('newsroom-demo');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await page.waitForURL(/\/newsroom$/);
  page.on('dialog', (dialog) => void dialog.accept());
  return page;
}

// The long article, pasted and saved once.
const author = await signedIn();
await author.goto(`${app.url}/newsroom/articles/new`);
await author.waitForURL(/\/articles\/\d+$/);
const articleUrl = author.url();
const authorBody = author.getByRole('textbox', { name: 'نص المقال' });
await authorBody.and(author.locator('[contenteditable="true"]')).waitFor();
await author.getByLabel('العنوان', { exact: true }).fill('مقال طويل لقياس التدقيق');
await authorBody.click();
await author.evaluate((text) => {
  const transfer = new DataTransfer();
  transfer.setData('text/plain', text);
  document
    .querySelector('[role="textbox"][aria-label="نص المقال"]')!
    .dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
}, paragraphs.join('\n'));
await author.getByRole('status').filter({ hasText: 'لم يُحفظ' }).waitFor();
await author.keyboard.press('Control+S');
await author.getByRole('status').filter({ hasText: 'تم الحفظ' }).waitFor({ timeout: 60_000 });
await author.context().close();

async function session(checking: boolean): Promise<{ latencies: number[]; firstCheckMs: number | null }> {
  const page = await signedIn();
  await page.evaluate((on) => localStorage.setItem('newsroom-proofreading', on ? 'on' : 'off'), checking);
  await page.goto(articleUrl, { timeout: 120_000 });
  const body = page.getByRole('textbox', { name: 'نص المقال' });
  await body.and(page.locator('[contenteditable="true"]')).waitFor({ timeout: 120_000 });
  const editableAt = await page.evaluate(() => performance.now());
  let firstCheckMs: number | null = null;
  if (checking) {
    // The last of the article's points drawn (the last paragraph's ذالك).
    await page.locator('.ProseMirror [data-proof-kind]', { hasText: 'ذالك' }).waitFor({ timeout: 60_000 });
    firstCheckMs = (await page.evaluate(() => performance.now())) - editableAt;
  } else {
    await page.waitForTimeout(1500);
  }
  const latencies = await typeInMiddleAndMeasure(page, TYPED, CHARS, 500);
  await page.context().close();
  return { latencies, firstCheckMs };
}

const off: number[] = [];
const on: number[] = [];
const firstChecks: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  off.push(...(await session(false)).latencies);
  const withChecking = await session(true);
  on.push(...withChecking.latencies);
  if (withChecking.firstCheckMs !== null) firstChecks.push(withChecking.firstCheckMs);
}
// A 2,000,000-character body (pasted, not saved): the longest main-thread task while checking runs,
// against the same paste with checking off, and the time until the first underline is drawn.
const HUGE = paragraphsOf(Math.ceil(2_000_000 / 6.5));
async function huge(checking: boolean): Promise<{ longest: number; tasks: number; firstMs: number | null }> {
  const page = await signedIn();
  await page.evaluate((on) => localStorage.setItem('newsroom-proofreading', on ? 'on' : 'off'), checking);
  await page.goto(`${app.url}/newsroom/articles/new`);
  await page.waitForURL(/\/articles\/\d+$/);
  const body = page.getByRole('textbox', { name: 'نص المقال' });
  await body.and(page.locator('[contenteditable="true"]')).waitFor();
  await body.click();
  const text = HUGE.join('\n').slice(0, 2_000_000);
  await page.evaluate((t) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', t);
    document
      .querySelector('[role="textbox"][aria-label="نص المقال"]')!
      .dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
  }, `${text}\nوقال وميرزيوييف إن الرءيس سيحضر.`);
  // From here on: every main-thread task longer than 50 ms.
  const started = await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask' });
    return performance.now();
  });
  let firstMs: number | null = null;
  if (checking) {
    await page.locator('.ProseMirror [data-proof-kind]').first().waitFor({ timeout: 120_000 });
    firstMs = (await page.evaluate(() => performance.now())) - started;
  }
  await page.waitForTimeout(15_000);
  const tasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
  await page.context().close();
  return { longest: Math.max(0, ...tasks), tasks: tasks.length, firstMs };
}
const hugeOff = await huge(false);
const hugeOn = await huge(true);
await browser.close();
app.stop();

const a = summarize(off);
const b = summarize(on);
console.log(
  `typing ${CHARS} characters × ${ROUNDS} rounds into the 5,000-word article (keystroke to paint):`,
);
console.log(`  checking off: p50 ${fmt(a.p50)} ms, p95 ${fmt(a.p95)} ms (n=${a.n})`);
console.log(`  checking on:  p50 ${fmt(b.p50)} ms, p95 ${fmt(b.p95)} ms (n=${b.n})`);
console.log(`  p95 on/off: ${fmt(b.p95 / a.p95, 2)}×`);
console.log(
  `  first check drawn in the browser (editable → last underline): ${firstChecks.map((ms) => `${fmt(ms, 0)} ms`).join(', ')}`,
);
console.log('2,000,000-character body, the 15 s after the paste (tasks over 50 ms on the main thread):');
console.log(`  checking off: ${hugeOff.tasks} long tasks, longest ${fmt(hugeOff.longest, 0)} ms`);
console.log(
  `  checking on:  ${hugeOn.tasks} long tasks, longest ${fmt(hugeOn.longest, 0)} ms; first underline after ${fmt(hugeOn.firstMs ?? NaN, 0)} ms`,
);
process.exit(0);
