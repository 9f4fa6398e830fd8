import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { EDITOR, EditorPage, expect, personPage, REPORTER, test } from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';

// Writing together across two app processes (docs/deploying.md, «Layouts»: several instances on one
// box): two `node server.mjs` on two ports, on the run's build and SQLite file, each with its own
// collaboration process, sharing documents through Debian's redis-server (NEWSROOM_REDIS_URL).
// A journalist on each must write one body; killing one collaboration process must lose nothing.

// Ports no other spec uses (each spec's servers are its own).
const PORTS = [E2E_PORT + 70, E2E_PORT + 71];
const REDIS_PORT = E2E_PORT + 72;
const REDIS_SERVER = '/usr/bin/redis-server';
const origin = (port: number) => `http://127.0.0.1:${port}`;
let redis: ChildProcess;
const apps: { server: ChildProcess; collabPid: number | null }[] = [];

test.describe.configure({ mode: 'serial' });

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test.beforeAll(async () => {
  redis = spawn(
    REDIS_SERVER,
    ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  for (const port of PORTS) {
    const app = { server: null as unknown as ChildProcess, collabPid: null as number | null };
    app.server = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(port)], {
      env: {
        ...process.env,
        ...e2eServerEnv,
        NEXTAUTH_URL: origin(port),
        NEWSROOM_WORKERS: '1',
        NEWSROOM_COLLAB: '1',
        NEWSROOM_REDIS_URL: `redis://127.0.0.1:${REDIS_PORT}`,
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // The collaboration process says its process id when it is ready (lib/server/collab-main.ts).
    app.server.stdout!.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/collaboration ready on \S+ \(process (\d+)/g)) {
        app.collabPid = Number(match[1]);
      }
    });
    apps.push(app);
  }
  const deadline = Date.now() + 60_000;
  for (const port of [...PORTS, REDIS_PORT]) {
    while (!(await listening(port))) {
      if (Date.now() > deadline) throw new Error(`nothing listens on ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
  }
  await expect.poll(() => apps.every((app) => app.collabPid !== null), { timeout: 30_000 }).toBe(true);
});

test.afterAll(async () => {
  await Promise.all(
    apps.map(
      ({ server }) =>
        new Promise((resolve) => {
          if (server.exitCode !== null || server.signalCode !== null) return resolve(null);
          server.once('exit', resolve).kill('SIGTERM');
        }),
    ),
  );
  redis?.kill('SIGTERM');
});

function storedBody(articleId: number): string {
  const db = new Database(e2eServerEnv.DATABASE_PATH, { readonly: true });
  try {
    return (
      db.prepare('SELECT body_text AS text FROM articles WHERE id = ?').get(articleId) as { text: string }
    ).text;
  } finally {
    db.close();
  }
}

async function openLive(page: Page, port: number, articleId: number): Promise<EditorPage> {
  const editor = new EditorPage(page);
  await page.goto(`${origin(port)}/newsroom/articles/${articleId}`);
  await editor.waitUntilEditable();
  return editor;
}

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

async function draft(page: Page, headline: string, ...paragraphs: string[]): Promise<number> {
  const start = new EditorPage(page);
  const articleId = await start.openNew();
  await start.headline.fill(headline);
  await start.typeInBody(paragraphs[0]!);
  for (const paragraph of paragraphs.slice(1)) {
    await page.keyboard.press('Enter');
    await page.keyboard.type(paragraph);
  }
  await start.waitUntilSaved();
  return articleId;
}

test('one journalist on each app process: Arabic typing converges and the stored body is what both see', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const articleId = await draft(
    reporterPage,
    'فيضانات في الجنوب',
    'ارتفع منسوب المياه في الوادي.',
    'وأغلقت السلطات الطرق.',
  );
  const reporter = await openLive(reporterPage, PORTS[0]!, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, PORTS[1]!, articleId);
  await expect(reporterPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');
  await expect(deskPage.getByTestId('collab-people')).toContainText('يحرّر الآن أيضاً');

  await Promise.all([
    typeAtEndOf(reporter, 1, ' وأجلت مئات الأسر.'),
    typeAtEndOf(desk, 0, ' وتعطلت الكهرباء.'),
  ]);
  const expected = [
    'ارتفع منسوب المياه في الوادي. وتعطلت الكهرباء.',
    'وأغلقت السلطات الطرق. وأجلت مئات الأسر.',
  ].join('\n');
  await expect.poll(() => bodyText(reporter)).toBe(expected);
  await expect.poll(() => bodyText(desk)).toBe(expected);
  await expect(reporter.conflictHeading).toHaveCount(0);
  await expect(desk.conflictHeading).toHaveCount(0);

  // «تم الحفظ» on both, whichever process stored, and the stored body is what both see.
  await reporter.waitUntilSaved();
  await desk.waitUntilSaved();
  await expect.poll(() => storedBody(articleId), { timeout: 20_000 }).toBe(expected.replace('\n', '\n\n'));
  await reporterPage.context().close();
  await deskPage.context().close();
});

test('one app’s collaboration process killed before it stored: the other app’s stores the typing', async ({
  browser,
}) => {
  const reporterPage = await personPage(browser, REPORTER);
  const articleId = await draft(reporterPage, 'حريق في مستودع بالميناء', 'اندلع حريق في مستودع بالميناء.');
  const reporter = await openLive(reporterPage, PORTS[0]!, articleId);
  const deskPage = await personPage(browser, EDITOR);
  const desk = await openLive(deskPage, PORTS[1]!, articleId);
  const expected = 'اندلع حريق في مستودع بالميناء. وهرعت فرق الإطفاء.';
  await typeAtEndOf(reporter, 0, ' وهرعت فرق الإطفاء.');
  await expect.poll(() => bodyText(desk)).toBe(expected);
  const killed = apps[0]!.collabPid!;
  // Most often within its 2 s debounce, before it stored (tests/integration/collab-redis.test.ts
  // makes sure of that case; here the browsers and app processes are the point).
  process.kill(killed, 'SIGKILL');
  await expect.poll(() => storedBody(articleId), { timeout: 20_000 }).toBe(expected);
  await desk.waitUntilSaved();
  // The first app's supervisor starts another collaboration process; its page reconnects.
  await expect.poll(() => apps[0]!.collabPid !== killed, { timeout: 30_000 }).toBe(true);
  await expect.poll(() => bodyText(reporter)).toBe(expected);
  await reporterPage.context().close();
  await deskPage.context().close();
});
