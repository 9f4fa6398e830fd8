import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { EDITOR, EditorPage, expect, personPage, REPORTER, test } from './fixtures';
import { E2E_NAME, E2E_PORT } from './server-env';
import { startLiveServer, storedBody, type LiveServer } from './live-server';

// Writing together without a live connection (issue 17, item 3): a page whose shared document
// cannot be reached (a proxy that blocks WebSockets, /collab refused, the collaboration process
// down) opens the body in the autosave's mode within seconds instead of waiting read-only, and
// what is typed there reaches the people typing live. Its own production server with two workers
// and writing together on, as e2e/collab.spec.ts (other ports, so the two never collide).

const SCREENS = `tmp/${E2E_NAME}/screens`;
const UNAVAILABLE = 'التحرير المشترك غير متاح الآن؛ يُحفظ نصك تلقائياً';
let live: LiveServer;
let ORIGIN = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  live = await startLiveServer(E2E_PORT + 4, {
    NEWSROOM_WORKERS: '2',
    NEWSROOM_COLLAB_PORT: String(E2E_PORT + 51),
  });
  ORIGIN = live.origin;
  mkdirSync(SCREENS, { recursive: true });
});

test.afterAll(async () => {
  await live?.stop();
});

// What a proxy that refuses WebSockets does: every /collab connection closed at once.
async function blockLive(context: BrowserContext) {
  await context.routeWebSocket(/\/collab/, (ws) => ws.close());
}

function watchErrors(page: Page, errors: string[]) {
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /hydrat/i.test(message.text())) errors.push(message.text());
  });
}

// A draft written by its reporter the ordinary way, the reporter's page then closed.
async function draft(browser: Parameters<typeof personPage>[0], headline: string, lines: string[]) {
  const page = await personPage(browser, REPORTER);
  const articleId = await new EditorPage(page).draft(headline, ...lines);
  await page.context().close();
  return articleId;
}

test('with WebSockets blocked the body opens in autosave mode within seconds, is saved, and merges with a live colleague', async ({
  browser,
}) => {
  // The blocked page hears of the live colleague's store at its heartbeat (every 15 s at most).
  test.setTimeout(120_000);
  const articleId = await draft(browser, 'أمطار غزيرة تغلق طرقاً في الجنوب', [
    'أغلقت السلطات طرقاً رئيسية بسبب الأمطار.',
    'وتوقعت الأرصاد استمرار الهطول حتى المساء.',
  ]);
  const errors: string[] = [];

  // The editor is live, the usual way.
  const deskPage = await personPage(browser, EDITOR);
  watchErrors(deskPage, errors);
  const desk = new EditorPage(deskPage);
  await deskPage.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  await desk.waitUntilEditable();

  // The reporter is behind a proxy that refuses WebSockets.
  const reporterPage = await personPage(browser, REPORTER);
  watchErrors(reporterPage, errors);
  await blockLive(reporterPage.context());
  const reporter = new EditorPage(reporterPage);
  const opened = Date.now();
  await reporterPage.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  await expect(reporter.body).toHaveAttribute('contenteditable', 'true', { timeout: 10_000 });
  const waited = Date.now() - opened;
  expect(waited, 'editable within seconds').toBeLessThan(10_000);
  test.info().annotations.push({ type: 'editable after (ms)', description: String(waited) });
  await expect(reporterPage.getByText(UNAVAILABLE)).toBeVisible();
  // The stored body, once: nothing seeded twice.
  expect(await reporter.bodyText()).toBe(
    'أغلقت السلطات طرقاً رئيسية بسبب الأمطار.\nوتوقعت الأرصاد استمرار الهطول حتى المساء.',
  );
  for (const width of [390, 1280]) {
    await reporterPage.setViewportSize({ width, height: 900 });
    await reporterPage.screenshot({ path: `${SCREENS}/collab-fallback-${width}.png` });
  }
  const axe = await new AxeBuilder({ page: reporterPage }).analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => v.id)).toEqual([]);

  // Both type at once, in different paragraphs: one live, one through the autosave.
  await Promise.all([
    reporter.typeAtEndOf(1, ' وحذّرت من السيول في الأودية.'),
    desk.typeAtEndOf(0, ' وعلّقت المدارس الدراسة.'),
  ]);
  await reporter.waitUntilSaved();
  const both = [
    'أغلقت السلطات طرقاً رئيسية بسبب الأمطار. وعلّقت المدارس الدراسة.',
    'وتوقعت الأرصاد استمرار الهطول حتى المساء. وحذّرت من السيول في الأودية.',
  ].join('\n');
  // The collaboration server merges the reporter's saved body into the shared one by block: the
  // live colleague sees it appear, their own sentence kept.
  await expect.poll(() => desk.bodyText(), { timeout: 15_000 }).toBe(both);
  await desk.waitUntilSaved();
  await expect.poll(() => storedBody(articleId).replace(/\n+/g, '\n'), { timeout: 15_000 }).toBe(both);
  // And the reporter's page gets the colleague's live sentence through the heartbeat's pull.
  await expect.poll(() => reporter.bodyText(), { timeout: 25_000 }).toBe(both);
  await expect(reporter.conflictHeading).toHaveCount(0);
  await expect(desk.conflictHeading).toHaveCount(0);

  // Loaded again directly, still without WebSockets: what was typed is there.
  const again = await reporterPage.context().newPage();
  watchErrors(again, errors);
  await again.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  const reopened = new EditorPage(again);
  await expect(reopened.body).toHaveAttribute('contenteditable', 'true', { timeout: 10_000 });
  expect(await reopened.bodyText()).toBe(both);
  // And live, by someone else, loaded directly.
  const livePage = await deskPage.context().newPage();
  await livePage.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  const live = new EditorPage(livePage);
  await live.waitUntilEditable();
  await expect.poll(() => live.bodyText()).toBe(both);

  expect(errors, 'no script error, no hydration mismatch').toEqual([]);
  await reporterPage.context().close();
  await deskPage.context().close();
});

test("this device's copy of the shared document, when it is the stored body, does not hold the fallback back", async ({
  browser,
}) => {
  const articleId = await draft(browser, 'افتتاح معرض الكتاب', ['يفتتح معرض الكتاب أبوابه غداً.']);
  const page = await personPage(browser, REPORTER);
  const first = new EditorPage(page);
  // Live once: the browser keeps a copy of the shared document (y-indexeddb).
  await page.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  await first.waitUntilEditable();
  await expect
    .poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .toContain(`article:${articleId}`);
  await page.close();

  // Then WebSockets are blocked: the copy holds nothing the server lacks, so the body falls back.
  await blockLive(page.context());
  const second = await page.context().newPage();
  const editor = new EditorPage(second);
  await second.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  await expect(editor.body).toHaveAttribute('contenteditable', 'true', { timeout: 10_000 });
  await expect(second.getByText(UNAVAILABLE)).toBeVisible();
  expect(await editor.bodyText()).toBe('يفتتح معرض الكتاب أبوابه غداً.');
  await editor.typeAtEndOf(0, ' ويستمر عشرة أيام.');
  await editor.waitUntilSaved();
  await expect
    .poll(() => storedBody(articleId).replace(/\n+/g, '\n'))
    .toBe('يفتتح معرض الكتاب أبوابه غداً. ويستمر عشرة أيام.');
  // The copy, now behind the stored body, was dropped with the fallback: it cannot hold back a
  // later visit either.
  await expect
    .poll(() => second.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)))
    .not.toContain(`article:${articleId}`);
  await page.context().close();
});

test('typing kept on this device from an earlier visit is not set aside: that page waits for the live connection', async ({
  browser,
}) => {
  const articleId = await draft(browser, 'نتائج الانتخابات البلدية', ['بدأ فرز الأصوات مساء اليوم.']);
  const page = await personPage(browser, REPORTER);
  const first = new EditorPage(page);
  await page.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  await first.waitUntilEditable();
  // Typed without a connection, then the tab closed: kept only in this device's copy.
  await page.context().setOffline(true);
  await expect(page.getByText('انقطع الاتصال المباشر؛ التعديلات محفوظة على هذا الجهاز')).toBeVisible({
    timeout: 15_000,
  });
  await first.typeAtEndOf(0, ' وكتبتها المراسلة دون اتصال.');
  await page.waitForTimeout(1000);
  await page.close();

  await page.context().setOffline(false);
  await blockLive(page.context());
  const second = await page.context().newPage();
  const editor = new EditorPage(second);
  await second.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  // Past the fallback's delay: still read-only, showing the kept typing, never the stored body
  // put over it.
  await second.waitForTimeout(7000);
  await expect(editor.body).toHaveAttribute('contenteditable', 'false');
  await expect(second.getByText(UNAVAILABLE)).toHaveCount(0);
  expect(await editor.bodyText()).toBe('بدأ فرز الأصوات مساء اليوم. وكتبتها المراسلة دون اتصال.');
  expect(storedBody(articleId)).toBe('بدأ فرز الأصوات مساء اليوم.');
  await page.context().close();
});
