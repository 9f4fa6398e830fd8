import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { EDITOR, EditorPage, expect, personPage, REPORTER, ADMIN, test } from './fixtures';
import { E2E_NAME, E2E_PORT } from './server-env';
import { openLive, startLiveServer, storedBody, type LiveServer } from './live-server';

// Writing together, in Debian's Chromium, against the production server with two workers and
// its collaboration process (server.mjs → lib/server/collab.mjs): each person's page may land on
// either worker, and all of them must reach one shared document.

const SCREENS = `tmp/${E2E_NAME}/screens`;
let live: LiveServer;
let ORIGIN = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  live = await startLiveServer(E2E_PORT + 3, {
    NEWSROOM_WORKERS: '2',
    NEWSROOM_COLLAB_PORT: String(E2E_PORT + 50),
  });
  ORIGIN = live.origin;
  mkdirSync(SCREENS, { recursive: true });
});

test.afterAll(async () => {
  await live?.stop();
});

test('two journalists write one body live, a third joins late, and the stored body is what they see', async ({
  browser,
}) => {
  // The draft, written the ordinary way by its reporter.
  const reporterPage = await personPage(browser, REPORTER);
  const start = new EditorPage(reporterPage);
  const articleId = await start.openNew();
  await start.headline.fill('زلزال بقوة ست درجات يضرب الشمال');
  await start.typeInBody('أفادت مصادر محلية بوقوع زلزال فجر اليوم.');
  await reporterPage.keyboard.press('Enter');
  await reporterPage.keyboard.type('ولم ترد أنباء عن إصابات حتى الآن.');
  await start.waitUntilSaved();

  const reporter = await openLive(reporterPage, ORIGIN, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const pageErrors: string[] = [];
  deskPage.on('pageerror', (error) => pageErrors.push(error.message));
  deskPage.on('console', (message) => {
    if (message.type() === 'error' && /hydrat/i.test(message.text())) pageErrors.push(message.text());
  });
  const desk = await openLive(deskPage, ORIGIN, articleId);
  // Each sees the other by name.
  await expect(reporterPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');
  await expect(deskPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');

  // Different paragraphs, at the same time.
  await Promise.all([
    reporter.typeAtEndOf(1, ' وقال الدفاع المدني إن فرقه انتشرت.'),
    desk.typeAtEndOf(0, ' وبلغت قوته ست درجات.'),
  ]);
  const expected = [
    'أفادت مصادر محلية بوقوع زلزال فجر اليوم. وبلغت قوته ست درجات.',
    'ولم ترد أنباء عن إصابات حتى الآن. وقال الدفاع المدني إن فرقه انتشرت.',
  ].join('\n');
  await expect.poll(() => reporter.bodyText()).toBe(expected);
  await expect.poll(() => desk.bodyText()).toBe(expected);

  // The same paragraph, at the same time.
  await Promise.all([reporter.typeAtEndOf(0, ' عاجل'), desk.typeAtEndOf(0, ' تحديث')]);
  await expect.poll(async () => (await reporter.bodyText()) === (await desk.bodyText())).toBe(true);
  const together = await reporter.bodyText();
  expect(together).toContain('عاجل');
  expect(together).toContain('تحديث');
  await expect(reporter.conflictHeading).toHaveCount(0);
  await expect(desk.conflictHeading).toHaveCount(0);

  // Someone opening it late sees everything.
  const adminPage = await personPage(browser, ADMIN);
  const late = await openLive(adminPage, ORIGIN, articleId);
  await expect.poll(() => late.bodyText()).toBe(together);
  // Two carets, each with its name, as the late joiner sees them: the screenshots of the issue.
  const labels = adminPage.locator('.collaboration-carets__label');
  await expect(labels).toHaveCount(2);
  await expect(labels.filter({ hasText: 'سارة' })).toHaveCount(1);
  await expect(labels.filter({ hasText: 'خالد' })).toHaveCount(1);
  for (const width of [390, 1280]) {
    await adminPage.setViewportSize({ width, height: 900 });
    await adminPage.locator('.collab-status').scrollIntoViewIfNeeded();
    await adminPage.screenshot({ path: `${SCREENS}/collab-${width}.png` });
  }

  // Stored through the save path within seconds: «تم الحفظ» on both, and the database has it.
  await reporter.waitUntilSaved();
  await desk.waitUntilSaved();
  await expect
    .poll(() => storedBody(articleId).replace(/\n+/g, '\n'), { timeout: 15_000 })
    .toBe(together.trim());
  // Loaded directly (a new page, not a client-side navigation), the same body.
  const reloaded = await personPage(browser, EDITOR);
  const again = await openLive(reloaded, ORIGIN, articleId);
  await expect.poll(() => again.bodyText()).toBe(together);

  // The other fields stay on the autosave's merge, and one saved by one person appears in the
  // other's form within moments (the collaboration server tells the page the version moved).
  await desk.headline.fill('زلزال بقوة ست درجات يضرب الشمال فجراً');
  await desk.waitUntilSaved();
  await expect(reporter.headline).toHaveValue('زلزال بقوة ست درجات يضرب الشمال فجراً', { timeout: 5000 });
  await expect(reporter.conflictHeading).toHaveCount(0);

  // Undo in right-to-left text undoes only one's own typing.
  await desk.typeAtEndOf(1, ' آخر سطر للمحرر');
  await expect.poll(() => reporter.bodyText()).toContain('آخر سطر للمحرر');
  await reporter.typeAtEndOf(0, ' سطر المراسلة');
  await expect.poll(() => desk.bodyText()).toContain('سطر المراسلة');
  await reporter.body.focus();
  await reporterPage.keyboard.press('Control+z');
  await expect.poll(() => desk.bodyText()).not.toContain('سطر المراسلة');
  const afterUndo = await desk.bodyText();
  expect(afterUndo, "the other person's line stays").toContain('آخر سطر للمحرر');
  await expect.poll(() => reporter.bodyText()).toBe(afterUndo);

  expect(pageErrors, 'no script error, no hydration mismatch').toEqual([]);
  for (const page of [reporterPage, deskPage, adminPage, reloaded]) await page.context().close();
});

test('a reporter whose article is submitted becomes read-only in every open tab', async ({ browser }) => {
  const page = await personPage(browser, REPORTER);
  const first = new EditorPage(page);
  const articleId = await first.openNew();
  await first.headline.fill('اجتماع طارئ لمجلس الوزراء');
  await first.typeInBody('يعقد المجلس اجتماعاً طارئاً مساء اليوم.');
  await first.waitUntilSaved();
  const tab = await openLive(page, ORIGIN, articleId);
  const other = await openLive(await page.context().newPage(), ORIGIN, articleId);
  await tab.moveTo('إرسال للمراجعة', 'قيد المراجعة');
  // The other tab was not reloaded: the collaboration server turned it read-only.
  await expect(other.body).toHaveAttribute('contenteditable', 'false', { timeout: 10_000 });
  await page.context().close();
});

test('typing without a connection is kept and merges when it comes back', async ({ browser }) => {
  const reporterPage = await personPage(browser, REPORTER);
  const start = new EditorPage(reporterPage);
  const articleId = await start.openNew();
  await start.headline.fill('انقطاع الكهرباء عن أحياء في العاصمة');
  await start.typeInBody('انقطعت الكهرباء صباح اليوم.');
  await reporterPage.keyboard.press('Enter');
  await reporterPage.keyboard.type('وتعمل الفرق على إصلاح العطل.');
  await start.waitUntilSaved();
  const reporter = await openLive(reporterPage, ORIGIN, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, ORIGIN, articleId);

  await deskPage.context().setOffline(true);
  await expect(deskPage.getByText('انقطع الاتصال المباشر؛ التعديلات محفوظة على هذا الجهاز')).toBeVisible({
    timeout: 15_000,
  });
  await desk.typeAtEndOf(0, ' كتبها المحرر دون اتصال.');
  await reporter.typeAtEndOf(1, ' أضافتها المراسلة.');
  await expect(desk.saveState).toContainText('لم يُحفظ');
  await deskPage.context().setOffline(false);
  const both = [
    'انقطعت الكهرباء صباح اليوم. كتبها المحرر دون اتصال.',
    'وتعمل الفرق على إصلاح العطل. أضافتها المراسلة.',
  ].join('\n');
  await expect.poll(() => desk.bodyText(), { timeout: 20_000 }).toBe(both);
  await expect.poll(() => reporter.bodyText()).toBe(both);
  await desk.waitUntilSaved();
  await expect.poll(() => storedBody(articleId).replace(/\n+/g, '\n'), { timeout: 15_000 }).toBe(both);
  await reporterPage.context().close();
  await deskPage.context().close();
});

test('the collaboration server ended mid-typing: it is started again and nothing typed is lost', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const start = new EditorPage(reporterPage);
  const articleId = await start.openNew();
  await start.headline.fill('حريق في مستودع بالميناء');
  await start.typeInBody('اندلع حريق في مستودع بالميناء.');
  await start.waitUntilSaved();
  const reporter = await openLive(reporterPage, ORIGIN, articleId);
  await reporter.typeAtEndOf(0, ' وهرعت فرق الإطفاء');
  expect(live.collabThread()).not.toBeNull();
  const ended = live.collabThread()!;
  // Ended at once, nothing stored first, as a crash or an out-of-memory would end it.
  live.crashCollab();
  // Typing goes on while it is down and while it starts again.
  await reporter.typeAtEndOf(0, ' إلى المكان.');
  await expect
    .poll(() => live.collabThread() !== null && live.collabThread() !== ended, { timeout: 30_000 })
    .toBe(true);
  const expected = 'اندلع حريق في مستودع بالميناء. وهرعت فرق الإطفاء إلى المكان.';
  await reporter.waitUntilSaved();
  await expect.poll(() => storedBody(articleId), { timeout: 20_000 }).toBe(expected);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, ORIGIN, articleId);
  await expect.poll(() => desk.bodyText()).toBe(expected);
  await reporterPage.context().close();
  await deskPage.context().close();
});

test('a comment on the text: seen live by the other person, anchored while they type, resolved, never on the reader page', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const start = new EditorPage(reporterPage);
  const articleId = await start.openNew();
  await start.headline.fill('فيضانات تغمر قرى في الجنوب');
  await start.typeInBody('غمرت مياه الفيضانات عشر قرى ليلة أمس.');
  await start.chooseSection();
  await start.waitUntilSaved();
  const reporter = await openLive(reporterPage, ORIGIN, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const pageErrors: string[] = [];
  deskPage.on('pageerror', (error) => pageErrors.push(error.message));
  reporterPage.on('pageerror', (error) => pageErrors.push(error.message));
  const desk = await openLive(deskPage, ORIGIN, articleId);

  // The editor selects «عشر قرى» and comments with the keyboard, naming the reporter.
  await desk.selectWords('عشر قرى');
  await deskPage.keyboard.press('Control+Alt+m');
  const deskPanel = deskPage.getByTestId('text-comments');
  await expect(deskPanel.getByText('تعليق على النص: عشر قرى')).toBeVisible();
  // Empty: refused next to the field, nothing sent.
  await deskPanel.getByRole('button', { name: 'أضف تعليقاً' }).click();
  await expect(deskPanel.getByRole('alert')).toHaveText('اكتب نص التعليق قبل إرساله');
  await deskPanel.getByLabel('نص التعليق').fill('كم قرية بالضبط؟ @سارة الصحفية');
  await deskPanel.getByRole('button', { name: 'أضف تعليقاً' }).click();
  await expect(deskPage.locator('#article-body .comment-anchor')).toHaveText('عشر قرى');

  // The reporter sees the highlight and the thread without reloading.
  const reporterPanel = reporterPage.getByTestId('text-comments');
  await expect(reporterPage.locator('#article-body .comment-anchor')).toHaveText('عشر قرى', {
    timeout: 5000,
  });
  await expect(reporterPanel.getByText('كم قرية بالضبط؟ @سارة الصحفية')).toBeVisible();

  // She types before the words: the highlight stays on them, for both.
  await reporter.body.evaluate((body) =>
    (body as unknown as { editor: { commands: { focus: (at: 'start') => boolean } } }).editor.commands.focus(
      'start',
    ),
  );
  await reporterPage.keyboard.type('عاجل: ', { delay: 15 });
  await expect.poll(() => desk.bodyText()).toBe('عاجل: غمرت مياه الفيضانات عشر قرى ليلة أمس.');
  await expect(deskPage.locator('#article-body .comment-anchor')).toHaveText('عشر قرى');
  await expect(reporterPage.locator('#article-body .comment-anchor')).toHaveText('عشر قرى');

  // She answers; the editor sees the reply live.
  await reporterPanel.getByRole('button', { name: 'رد', exact: true }).click();
  await reporterPanel.getByLabel('رد', { exact: true }).fill('اثنتا عشرة حسب الدفاع المدني.');
  await reporterPanel.getByRole('button', { name: 'رد', exact: true }).click();
  await expect(deskPanel.getByText('اثنتا عشرة حسب الدفاع المدني.')).toBeVisible({ timeout: 5000 });
  // A reporter may not resolve the editor's thread: no button for her.
  await expect(reporterPanel.getByRole('button', { name: 'تم الحل' })).toHaveCount(0);

  // The editor with the thread open: screenshots and axe.
  await deskPage.locator('#article-body .comment-anchor').click();
  await expect(deskPage.locator('#article-body .comment-anchor-active')).toHaveText('عشر قرى');
  // The caret stays in the text (a click on the words does not take the focus to the thread).
  await expect(desk.body).toBeFocused();
  await deskPanel.getByRole('button', { name: 'رد', exact: true }).click();
  await expect(deskPanel.getByLabel('رد', { exact: true })).toBeFocused();
  const shots = process.env.SHOTS_DIR ?? SCREENS;
  mkdirSync(shots, { recursive: true });
  for (const width of [390, 1280]) {
    await deskPage.setViewportSize({ width, height: 900 });
    await deskPage.locator('.comment-thread.is-active').scrollIntoViewIfNeeded();
    // The whole page: the highlighted words and their open thread in one picture.
    await deskPage.screenshot({ path: `${shots}/text-comment-${width}.png`, fullPage: true });
  }
  const axe = await new AxeBuilder({ page: deskPage }).analyze();
  const severe = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  // Resolved: the highlight goes for both; the words stay.
  await deskPanel.getByRole('button', { name: 'تم الحل' }).click();
  await expect(deskPage.locator('#article-body .comment-anchor')).toHaveCount(0);
  await expect(reporterPage.locator('#article-body .comment-anchor')).toHaveCount(0, { timeout: 5000 });
  await expect(deskPanel.getByRole('button', { name: 'التعليقات المحلولة (1)' })).toBeVisible();

  // The anchor is stored in the body (the mark stays when the thread is resolved)…
  await expect.poll(() => storedBody(articleId, 'body_json'), { timeout: 15_000 }).toContain('"comment"');
  // …and listed in the notes area, loaded directly.
  await deskPage.reload();
  await expect(deskPage.getByRole('region', { name: 'تعليقات على النص' })).toContainText('كم قرية بالضبط؟');

  // Published, the reader page, loaded directly by someone signed out, has no trace of it.
  await reporter.moveTo('إرسال للمراجعة', 'قيد المراجعة');
  const deskAgain = await openLive(deskPage, ORIGIN, articleId);
  await deskAgain.moveTo('اعتماد', 'معتمد');
  await deskAgain.moveTo('نشر', 'منشور');
  const readerContext = await browser.newContext();
  const readerPage = await readerContext.newPage();
  const response = await readerPage.goto(`${ORIGIN}/news/${articleId}`);
  expect(response?.status()).toBe(200);
  await expect(readerPage.locator('.article-body')).toContainText(
    'عاجل: غمرت مياه الفيضانات عشر قرى ليلة أمس.',
  );
  const html = await readerPage.content();
  for (const trace of ['data-comment-id', 'comment-anchor', 'كم قرية', 'اثنتا عشرة', 'تعليقات المحررين'])
    expect(html, trace).not.toContain(trace);
  const feed = await (await fetch(`${ORIGIN}/feed.xml`)).text();
  expect(feed).toContain('فيضانات تغمر قرى في الجنوب');
  expect(feed).not.toContain('data-comment-id');

  expect(pageErrors, 'no script error').toEqual([]);
  for (const page of [reporterPage, deskPage, readerPage]) await page.context().close();
});
