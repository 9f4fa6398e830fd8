// Issue 3, "Writing": keystroke-to-screen latency while typing ~200 characters into a 5,000-word
// and a 20,000-word Arabic article, p50/p95, in our editor (production build, signed in) and in
// a bare TipTap StarterKit editor on the same document in the same run (bench/bare/, bundled
// with esbuild). Latency is measured in the page: from the input event's creation to the first
// task after the next animation frame once the editor's DOM holds the character.
// Run: npx tsx bench/editor-typing.ts
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { benchPort, fmt, startApp, summarize } from './lib';
import { typeInMiddleAndMeasure } from './typing';

// BENCH_PORT lets runs on a shared machine keep to their own ports (the bare page uses the next-but-one).
const PORT = benchPort(3261);
const BARE_PORT = PORT + 2;
const CHARS = Number(process.env.BENCH_CHARS ?? 200);
const SIZES = [5_000, 20_000];
const ROOT = path.resolve(import.meta.dirname, '..');
const TYPED = 'وقال Sergey Lavrov إن 3 اتفاقيات وُقّعت في طشقند يوم 5 سبتمبر 2024. ';

const segmenter = new Intl.Segmenter('ar', { granularity: 'word' });
const words = (text: string) => [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
const seed = JSON.parse(readFileSync(path.join(ROOT, 'db/seed/seed-article.json'), 'utf8')) as {
  paragraphs: string[];
};
function paragraphsOf(target: number): string[] {
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < target; i++) {
    const p = seed.paragraphs[i % seed.paragraphs.length]!;
    out.push(p);
    count += words(p);
  }
  return out;
}

// Bundle the bare editor once, and serve it with the document of the moment.
const bareDir = path.join(ROOT, 'tmp', 'bench-bare');
mkdirSync(bareDir, { recursive: true });
const built = spawnSync(
  path.join(ROOT, 'node_modules/.bin/esbuild'),
  ['bench/bare/bare-editor.ts', '--bundle', '--minify', '--format=iife', `--outfile=${bareDir}/bare.js`],
  { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
);
if (built.status !== 0) throw new Error('esbuild failed');
const bundle = readFileSync(path.join(bareDir, 'bare.js'));
let bareDocument = '{}';
const bareServer = http.createServer((request, response) => {
  if (request.url === '/bare.js') {
    response.writeHead(200, { 'content-type': 'text/javascript' });
    response.end(bundle);
    return;
  }
  response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  response.end(
    `<!doctype html><html lang="ar" dir="rtl"><meta charset="utf-8"><body><div id="editor"></div>` +
      `<script>window.benchDocument=${bareDocument.replace(/</g, '\\u003c')}</script><script src="/bare.js"></script>`,
  );
});
await new Promise<void>((resolve) => bareServer.listen(BARE_PORT, '127.0.0.1', resolve));

const app = await startApp('editor', PORT, { reuseBuild: process.env.BENCH_REUSE_BUILD === '1' });
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });

const typeAndMeasure = (page: Page) => typeInMiddleAndMeasure(page, TYPED, CHARS);

// Whether the measured page wrote the body together (a WebSocket to /collab that received the
// document): with NEWSROOM_COLLAB=1 the figure is typing with writing together on.
let writingTogether = false;

async function ourEditor(paragraphs: string[]): Promise<number[]> {
  const context = await browser.newContext({ locale: 'ar' });
  const page = await context.newPage();
  page.on('websocket', (socket) => {
    if (socket.url().includes('/collab')) socket.on('framereceived', () => (writingTogether = true));
  });
  await page.goto(`${app.url}/signin`);
  await page.getByLabel('البريد الإلكتروني').fill('reporter@newsroom.test');
  await page.getByLabel('كلمة المرور').fill('newsroom-demo');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await page.waitForURL(/\/newsroom$/);
  await page.goto(`${app.url}/newsroom/articles/new`);
  await page.waitForURL(/\/articles\/\d+$/);
  const body = page.getByRole('textbox', { name: 'نص المقال' });
  await body.and(page.locator('[contenteditable="true"]')).waitFor();
  await page.getByLabel('العنوان', { exact: true }).fill('مقال طويل للقياس');
  await body.click();
  // The article arrives as pasted plain text, then is saved and opened afresh, as a journalist would.
  await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.setData('text/plain', text);
    document
      .querySelector('[role="textbox"][aria-label="نص المقال"]')!
      .dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
  }, paragraphs.join('\n'));
  await page.getByRole('status').filter({ hasText: 'لم يُحفظ' }).waitFor();
  await page.keyboard.press('Control+S');
  await page.getByRole('status').filter({ hasText: 'تم الحفظ' }).waitFor({ timeout: 60_000 });
  // A save still on its way would make the page ask before leaving; the journalist says leave.
  page.on('dialog', (dialog) => void dialog.accept());
  await page.reload({ timeout: 120_000 });
  await body.and(page.locator('[contenteditable="true"]')).waitFor();
  const samples = await typeAndMeasure(page);
  await context.close();
  return samples;
}

async function bareEditor(paragraphs: string[]): Promise<number[]> {
  bareDocument = JSON.stringify({
    type: 'doc',
    content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })),
  });
  const context = await browser.newContext({ locale: 'ar' });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${BARE_PORT}/`);
  await page.getByRole('textbox', { name: 'نص المقال' }).waitFor();
  const samples = await typeAndMeasure(page);
  await context.close();
  return samples;
}

try {
  for (const size of SIZES) {
    const paragraphs = paragraphsOf(size);
    const ours = summarize(await ourEditor(paragraphs));
    const bare = summarize(await bareEditor(paragraphs));
    const label = `${size.toLocaleString('en')} words (${paragraphs.length} paragraphs)`;
    console.log(
      `${label}${writingTogether ? ', writing together on' : ''}: ours p50 ${fmt(ours.p50)} ms p95 ${fmt(ours.p95)} ms (n=${ours.n}) | bare TipTap p50 ${fmt(bare.p50)} ms p95 ${fmt(bare.p95)} ms (n=${bare.n}) | ratio ours/bare p50 ${fmt(ours.p50 / bare.p50, 2)} p95 ${fmt(ours.p95 / bare.p95, 2)}`,
    );
  }
} finally {
  await browser.close();
  bareServer.close();
  app.stop();
}
