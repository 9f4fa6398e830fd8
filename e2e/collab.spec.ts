import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { EDITOR, EditorPage, expect, personPage, REPORTER, ADMIN, test } from './fixtures';
import { E2E_NAME, E2E_PORT, e2eServerEnv } from './server-env';

// Writing together, in Debian's Chromium, against the production server with two workers and
// its collaboration process (server.mjs → lib/server/collab.mjs): each person's page may land on
// either worker, and all of them must reach one shared document.

const PORT = E2E_PORT + 3;
const ORIGIN = `http://127.0.0.1:${PORT}`;
const SCREENS = `tmp/${E2E_NAME}/screens`;
let server: ChildProcess;
let collabPid: number | null = null;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(PORT)], {
    env: {
      ...process.env,
      ...e2eServerEnv,
      NEXTAUTH_URL: ORIGIN,
      NEWSROOM_WORKERS: '2',
      NEWSROOM_COLLAB: '1',
      NEWSROOM_COLLAB_PORT: String(E2E_PORT + 50),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The collaboration process says its process id when it is ready (lib/server/collab-main.ts).
  server.stdout!.on('data', (chunk: Buffer) => {
    for (const match of chunk.toString().matchAll(/collaboration ready on \S+ \(process (\d+)\)/g)) {
      collabPid = Number(match[1]);
    }
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const up = await fetch(`${ORIGIN}/signin`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error('the two-worker server did not start');
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  mkdirSync(SCREENS, { recursive: true });
});

test.afterAll(async () => {
  server?.kill('SIGTERM');
});

function storedBody(articleId: number): string {
  const db = new Database(e2eServerEnv.DATABASE_PATH, { readonly: true });
  try {
    const row = db.prepare('SELECT body_text AS text FROM articles WHERE id = ?').get(articleId) as {
      text: string;
    };
    return row.text;
  } finally {
    db.close();
  }
}

async function openLive(page: Page, articleId: number): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await page.goto(`${ORIGIN}/newsroom/articles/${articleId}`);
  await editor.waitUntilEditable();
  return editor;
}

// Puts the caret at the end of paragraph `index` (0-based) and types there.
async function typeAtEndOf(editor: EditorPage, index: number, text: string) {
  await editor.body.locator('p').nth(index).click();
  await editor.page.keyboard.press('End');
  await editor.page.keyboard.type(text, { delay: 15 });
}

// The body's paragraphs, one a line, without the other people's caret labels.
async function bodyText(editor: EditorPage): Promise<string> {
  return editor.body.evaluate((body) =>
    [...body.querySelectorAll('p')]
      .map((p) => {
        const copy = p.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
}

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

  const reporter = await openLive(reporterPage, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const pageErrors: string[] = [];
  deskPage.on('pageerror', (error) => pageErrors.push(error.message));
  deskPage.on('console', (message) => {
    if (message.type() === 'error' && /hydrat/i.test(message.text())) pageErrors.push(message.text());
  });
  const desk = await openLive(deskPage, articleId);
  // Each sees the other by name.
  await expect(reporterPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');
  await expect(deskPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');

  // Different paragraphs, at the same time.
  await Promise.all([
    typeAtEndOf(reporter, 1, ' وقال الدفاع المدني إن فرقه انتشرت.'),
    typeAtEndOf(desk, 0, ' وبلغت قوته ست درجات.'),
  ]);
  const expected = [
    'أفادت مصادر محلية بوقوع زلزال فجر اليوم. وبلغت قوته ست درجات.',
    'ولم ترد أنباء عن إصابات حتى الآن. وقال الدفاع المدني إن فرقه انتشرت.',
  ].join('\n');
  await expect.poll(() => bodyText(reporter)).toBe(expected);
  await expect.poll(() => bodyText(desk)).toBe(expected);

  // The same paragraph, at the same time.
  await Promise.all([typeAtEndOf(reporter, 0, ' عاجل'), typeAtEndOf(desk, 0, ' تحديث')]);
  await expect.poll(async () => (await bodyText(reporter)) === (await bodyText(desk))).toBe(true);
  const together = await bodyText(reporter);
  expect(together).toContain('عاجل');
  expect(together).toContain('تحديث');
  await expect(reporter.conflictHeading).toHaveCount(0);
  await expect(desk.conflictHeading).toHaveCount(0);

  // Someone opening it late sees everything.
  const adminPage = await personPage(browser, ADMIN);
  const late = await openLive(adminPage, articleId);
  await expect.poll(() => bodyText(late)).toBe(together);
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
  const again = await openLive(reloaded, articleId);
  await expect.poll(() => bodyText(again)).toBe(together);

  // The other fields stay on the autosave's merge, and one saved by one person appears in the
  // other's form within moments (the collaboration server tells the page the version moved).
  await desk.headline.fill('زلزال بقوة ست درجات يضرب الشمال فجراً');
  await desk.waitUntilSaved();
  await expect(reporter.headline).toHaveValue('زلزال بقوة ست درجات يضرب الشمال فجراً', { timeout: 5000 });
  await expect(reporter.conflictHeading).toHaveCount(0);

  // Undo in right-to-left text undoes only one's own typing.
  await typeAtEndOf(desk, 1, ' آخر سطر للمحرر');
  await expect.poll(() => bodyText(reporter)).toContain('آخر سطر للمحرر');
  await typeAtEndOf(reporter, 0, ' سطر المراسلة');
  await expect.poll(() => bodyText(desk)).toContain('سطر المراسلة');
  await reporter.body.focus();
  await reporterPage.keyboard.press('Control+z');
  await expect.poll(() => bodyText(desk)).not.toContain('سطر المراسلة');
  const afterUndo = await bodyText(desk);
  expect(afterUndo, "the other person's line stays").toContain('آخر سطر للمحرر');
  await expect.poll(() => bodyText(reporter)).toBe(afterUndo);

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
  const tab = await openLive(page, articleId);
  const other = await openLive(await page.context().newPage(), articleId);
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
  const reporter = await openLive(reporterPage, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, articleId);

  await deskPage.context().setOffline(true);
  await expect(deskPage.getByText('انقطع الاتصال المباشر؛ التعديلات محفوظة على هذا الجهاز')).toBeVisible({
    timeout: 15_000,
  });
  await typeAtEndOf(desk, 0, ' كتبها المحرر دون اتصال.');
  await typeAtEndOf(reporter, 1, ' أضافتها المراسلة.');
  await expect(desk.saveState).toContainText('لم يُحفظ');
  await deskPage.context().setOffline(false);
  const both = [
    'انقطعت الكهرباء صباح اليوم. كتبها المحرر دون اتصال.',
    'وتعمل الفرق على إصلاح العطل. أضافتها المراسلة.',
  ].join('\n');
  await expect.poll(() => bodyText(desk), { timeout: 20_000 }).toBe(both);
  await expect.poll(() => bodyText(reporter)).toBe(both);
  await desk.waitUntilSaved();
  await expect.poll(() => storedBody(articleId).replace(/\n+/g, '\n'), { timeout: 15_000 }).toBe(both);
  await reporterPage.context().close();
  await deskPage.context().close();
});

test('the collaboration process killed mid-typing: it is started again and nothing typed is lost', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const start = new EditorPage(reporterPage);
  const articleId = await start.openNew();
  await start.headline.fill('حريق في مستودع بالميناء');
  await start.typeInBody('اندلع حريق في مستودع بالميناء.');
  await start.waitUntilSaved();
  const reporter = await openLive(reporterPage, articleId);
  await typeAtEndOf(reporter, 0, ' وهرعت فرق الإطفاء');
  expect(collabPid).not.toBeNull();
  const killed = collabPid!;
  process.kill(killed, 'SIGKILL');
  // Typing goes on while the process is down and while it starts again.
  await typeAtEndOf(reporter, 0, ' إلى المكان.');
  await expect.poll(() => collabPid !== killed, { timeout: 30_000 }).toBe(true);
  const expected = 'اندلع حريق في مستودع بالميناء. وهرعت فرق الإطفاء إلى المكان.';
  await reporter.waitUntilSaved();
  await expect.poll(() => storedBody(articleId), { timeout: 20_000 }).toBe(expected);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, articleId);
  await expect.poll(() => bodyText(desk)).toBe(expected);
  await reporterPage.context().close();
  await deskPage.context().close();
});
