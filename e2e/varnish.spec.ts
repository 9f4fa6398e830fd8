import { spawnSync, type ChildProcess } from 'node:child_process';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import {
  expect,
  test,
  ADMIN,
  EDITOR,
  editorPage,
  newArticle,
  publishThroughDesk,
  signIn,
  unpublishConfirmed,
  waitUntilSaved,
} from './fixtures';
import { E2E_NAME, E2E_PORT, e2eServerEnv } from './server-env';
import { spawnServer, stopProcess, waitFor } from '../bench/lib';
import { startVarnish, type Varnish } from '../bench/lib-varnish';

// Several app instances and Varnish in front of them (deploy/varnish/newsroom.vcl, the shipped
// file with its backend set to these ports), all on 127.0.0.1: instances A and B share the end-to-
// end database, and either may purge Varnish (NEWSROOM_PURGE_URLS) from the queue every change
// writes in its own transaction (lib/reader/cdn-purge.ts). Each proof prints the line the closing
// note quotes.

const PORT_A = E2E_PORT + 60;
const PORT_B = E2E_PORT + 61;
const PORT_VARNISH = E2E_PORT + 62;
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;

test.describe.configure({ mode: 'serial' });

let a: ChildProcess;
let b: ChildProcess;
let varnish: Varnish;

const instanceEnv = (port: number) => ({
  ...process.env,
  ...e2eServerEnv,
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEWSROOM_PURGE_URLS: `http://127.0.0.1:${PORT_VARNISH}`,
  NEWSROOM_PURGE_MS: '100',
});

test.beforeAll(async () => {
  test.setTimeout(180_000);
  a = spawnServer(instanceEnv(PORT_A), PORT_A);
  b = spawnServer(instanceEnv(PORT_B), PORT_B);
  await Promise.all([waitFor(`${A}/api/health`), waitFor(`${B}/api/health`)]);
  varnish = await startVarnish(E2E_NAME, PORT_VARNISH, [PORT_A, PORT_B]);
});

test.afterAll(() => {
  for (const child of [a, b]) if (child) stopProcess(child);
  varnish?.stop();
});

const text = async (url: string) => (await fetch(url)).text();
const statusOf = async (url: string) => (await fetch(url, { redirect: 'manual' })).status;

// Polls `check` every 20 ms; returns the milliseconds it took to hold, or fails after `limitMs`
// saying what it saw last.
async function within(limitMs: number, check: () => Promise<boolean | string>): Promise<number> {
  const started = Date.now();
  let last: boolean | string = false;
  for (;;) {
    last = await check();
    if (last === true) return Date.now() - started;
    if (Date.now() - started > limitMs) throw new Error(`not within ${limitMs} ms (last: ${String(last)})`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// `expected`, or what came instead (for the message of a failed `within`).
const statusIs = (url: string, expected: number) => async () => {
  const status = await statusOf(url);
  return status === expected || `${url} answered ${status}`;
};

// A published article's canonical address, from its short one on instance B.
async function canonicalPath(articleId: number): Promise<string> {
  const short = await fetch(`${B}/news/${articleId}`, { redirect: 'manual' });
  expect(short.status, `/news/${articleId} on B: ${(await short.text()).slice(0, 300)}`).toBe(308);
  return new URL(short.headers.get('location')!, B).pathname;
}

function deskScript(...args: string[]): string {
  const result = spawnSync(
    'npx',
    ['tsx', '--conditions=react-server', 'e2e/support/desk-script.ts', ...args],
    {
      env: { ...process.env, ...e2eServerEnv },
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`desk-script ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

// The ids a desk-script run printed (`article <id>` lines; anything else it printed is ignored).
const articleIds = (out: string) => [...out.matchAll(/^article (\d+)$/gm)].map((m) => Number(m[1]));

test('a publish on instance A is seen through B and through Varnish within a second; an unpublish is a 404 everywhere', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: A });
  const page = await context.newPage();
  await signIn(page, EDITOR);
  const stamp = Date.now().toString().slice(-6);
  const headline = `خبر عبر الذاكرة الوسيطة ${stamp}`;
  const articleId = await newArticle(page);
  await editorPage(page).headline.fill(headline);
  await editorPage(page).body.click();
  await page.keyboard.type('نص يمرّ عبر Varnish إلى القراء.');
  await waitUntilSaved(page);

  // The front page is in Varnish before the publish: what follows is a purge, not a first fetch.
  await text(`${varnish.url}/`);
  const cached = await fetch(`${varnish.url}/`);
  expect(cached.headers.get('x-cache')).toBe('hit');
  expect(await cached.text()).not.toContain(headline);

  await publishThroughDesk(page);
  const onB = await within(1_000, async () => (await text(`${B}/`)).includes(headline));
  const throughVarnish = await within(1_000, async () => (await text(`${varnish.url}/`)).includes(headline));
  console.log(`publish on A: visible on B after ${onB} ms, through Varnish after ${throughVarnish} ms`);

  const path = await canonicalPath(articleId);
  await within(1_000, statusIs(`${varnish.url}${path}`, 200));
  expect((await fetch(`${varnish.url}${path}`)).headers.get('x-cache')).toBe('hit');

  await unpublishConfirmed(page);
  const goneB = await within(1_000, statusIs(`${B}${path}`, 404));
  const goneVarnish = await within(1_000, statusIs(`${varnish.url}${path}`, 404));
  await within(1_000, async () => !(await text(`${varnish.url}/`)).includes(headline));
  console.log(`unpublish on A: 404 on B after ${goneB} ms, through Varnish after ${goneVarnish} ms`);
  // The cached objects carry no session: a signed-in member's cookie never reached the cache.
  const anonymous = await fetch(`${varnish.url}/`);
  expect(anonymous.headers.get('set-cookie')).toBeNull();
  expect(anonymous.headers.get('surrogate-key')).toBeNull();
  await context.close();
});

test('an embargo on a live article takes it off B and Varnish within a second, and it never leaks until its time', async () => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString().slice(-6);
  const [id] = articleIds(deskScript('publish-every', '1', '0', `خبر يُحظر ${stamp}`));
  const path = await canonicalPath(id!);
  await within(1_000, statusIs(`${varnish.url}${path}`, 200));
  await fetch(`${varnish.url}${path}`);
  deskScript('embargo', String(id), String(60 * 60_000));
  const tookB = await within(1_000, statusIs(`${B}${path}`, 404));
  const tookVarnish = await within(1_000, statusIs(`${varnish.url}${path}`, 404));
  console.log(`embargo: 404 on B after ${tookB} ms, through Varnish after ${tookVarnish} ms`);
  // For the next seconds, by every address, through every door: never the article.
  for (let i = 0; i < 20; i++) {
    for (const base of [A, B, varnish.url]) {
      expect(await statusOf(`${base}${path}`)).toBe(404);
      expect(await text(`${base}/`)).not.toContain(`خبر يُحظر ${stamp}`);
      expect(await text(`${base}/feed.xml`)).not.toContain(`خبر يُحظر ${stamp}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
});

test('under readers, with a publish every 2 s, the origin is asked once per publish, not once per reader', async () => {
  test.setTimeout(120_000);
  await text(`${varnish.url}/`);
  const before = varnish.counter('MAIN.backend_req');
  let readers = 0;
  let failures = 0;
  let stop = false;
  const reader = async () => {
    while (!stop) {
      const response = await fetch(`${varnish.url}/`);
      await response.arrayBuffer();
      if (response.status !== 200) failures++;
      readers++;
    }
  };
  const stamp = Date.now().toString().slice(-6);
  const loops = Array.from({ length: 16 }, reader);
  const published = await new Promise<string>((resolve, reject) => {
    // The publishes run in another process while the readers run here.
    import('node:child_process').then(({ execFile }) =>
      execFile(
        'npx',
        [
          'tsx',
          '--conditions=react-server',
          'e2e/support/desk-script.ts',
          'publish-every',
          '5',
          '2000',
          `خبر كل ثانيتين ${stamp}`,
        ],
        { env: { ...process.env, ...e2eServerEnv } },
        (error, stdout) => (error ? reject(error) : resolve(stdout)),
      ),
    );
  });
  await new Promise((r) => setTimeout(r, 1_000));
  stop = true;
  await Promise.all(loops);
  const publishes = articleIds(published).length;
  const origin = varnish.counter('MAIN.backend_req') - before;
  console.log(
    `front page under load: ${readers} reader requests through Varnish, ${publishes} publishes, ${origin} origin requests`,
  );
  expect(failures).toBe(0);
  expect(publishes).toBe(5);
  expect(readers).toBeGreaterThan(500);
  // One refresh per publish (the home page) and a few more at most: never per reader.
  expect(origin).toBeLessThanOrEqual(publishes * 2 + 2);
});

test('a scheduled article is published exactly once with both instances sweeping', async () => {
  test.setTimeout(60_000);
  const stamp = Date.now().toString().slice(-6);
  const [id] = articleIds(deskScript('scheduled', '2000', `خبر مجدول مرة واحدة ${stamp}`));
  await within(15_000, async () => (await statusOf(`${B}/news/${id}`)) !== 404);
  await new Promise((r) => setTimeout(r, 2_500));
  const database = new Database(e2eServerEnv.DATABASE_PATH, { readonly: true });
  try {
    const { publishes } = database
      .prepare(
        `SELECT count(*) AS publishes FROM article_revisions WHERE article_id = ? AND reason = 'publish'`,
      )
      .get(id) as { publishes: number };
    console.log(
      `scheduled article ${id}: ${publishes} publication with instances A, B and the suite's server sweeping`,
    );
    expect(publishes).toBe(1);
  } finally {
    database.close();
  }
});

// What lives in tables holds across instances: a session made on A, the sign-in throttle, who is
// in an article, pictures (one MEDIA_DIR: the shared mount of docs/deploying.md), readers' views
// and comments, and signing out.
test('sessions, the sign-in throttle, presence, pictures, views and comments are one across instances A and B', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const stamp = Date.now().toString().slice(-6);
  const editorContext = await browser.newContext({ baseURL: A });
  const editor = await editorContext.newPage();
  await signIn(editor, EDITOR);
  // The session made on A is a session on B (cookies do not tell ports apart, as a shared domain
  // would not tell machines apart).
  await editor.goto(`${B}/newsroom`);
  await expect(editor).toHaveURL(`${B}/newsroom`);
  await expect(editor.getByRole('button', { name: 'تسجيل الخروج' })).toBeVisible();

  // Presence: the editor on A and an admin on B in one article see each other.
  const articleId = await newArticle(editor);
  const adminContext = await browser.newContext({ baseURL: B });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN);
  await admin.goto(`/newsroom/articles/${articleId}`);
  await expect(admin.getByText(/يفتح هذا المقال الآن أيضاً/)).toBeVisible({ timeout: 15_000 });
  await expect(editor.getByText(/يفتح هذا المقال الآن أيضاً/)).toBeVisible({ timeout: 15_000 });
  await admin.goto('/newsroom');

  // A picture uploaded through B is served by A.
  const upload = await admin.request.post('/api/uploads', {
    multipart: {
      file: {
        name: 'صورة عبر نسختين.jpg',
        mimeType: 'image/jpeg',
        buffer: await sharp({ create: { width: 640, height: 400, channels: 3, background: '#2a6f97' } })
          .jpeg()
          .toBuffer(),
      },
      alt: 'صورة رفعت عبر نسخة وتُقرأ من أخرى',
    },
  });
  expect(upload.status()).toBe(200);
  const { media } = (await upload.json()) as { media: { variants: { file: string; bytes: number }[] } };
  const variant = media.variants[0]!;
  const image = await fetch(`${A}/media/${variant.file}`);
  expect(image.status).toBe(200);
  expect((await image.arrayBuffer()).byteLength).toBe(variant.bytes);

  // Published on A; a reader's views through A and B are one visitor per person.
  await editorPage(editor).headline.fill(`خبر عبر نسختين ${stamp}`);
  await editorPage(editor).body.click();
  await editor.keyboard.type('نص يقرؤه القراء عبر نسختين من التطبيق.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);
  const visitor = (agent: string) => ({
    'user-agent': `Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 ${agent}`,
  });
  for (const [base, agent] of [
    [A, 'one'],
    [B, 'one'],
    [B, 'two'],
    [A, 'two'],
  ] as const) {
    expect(
      (await fetch(`${base}/api/views/${articleId}`, { method: 'POST', headers: visitor(agent) })).status,
    ).toBe(204);
  }
  const views = async (base: string) =>
    ((await (await fetch(`${base}/api/stats/${articleId}`)).json()) as { views: number }).views;
  await expect.poll(() => views(A), { timeout: 5_000 }).toBe(2);
  expect(await views(B)).toBe(2);

  // A reader comments on B; the editor accepts it on A; the reader sees it on B.
  const reader = await (await browser.newContext({ baseURL: B })).newPage();
  await reader.goto(`/news/${articleId}`);
  const comments = reader.getByRole('region', { name: 'تعليقات' });
  const form = comments.getByRole('form', { name: 'أضف تعليقًا' });
  const comment = `تعليق عبر نسختين ${stamp}`;
  await form.getByLabel('اسمك').fill('سلمى');
  await form.getByLabel('نص التعليق').fill(comment);
  await form.getByRole('button', { name: 'إرسال التعليق' }).click();
  await expect(form.getByRole('status')).toContainText('بانتظار المراجعة');
  await editor.goto(`${A}/newsroom/comments`);
  const held = editor.getByRole('listitem').filter({ hasText: comment });
  await held.getByRole('button', { name: 'قبول' }).click();
  await expect(held.getByRole('status')).toHaveText('قُبل التعليق');
  await expect
    .poll(
      async () => {
        await reader.reload();
        return comments.getByText(comment).count();
      },
      { timeout: 5_000 },
    )
    .toBe(1);

  // Five wrong passwords, some through A and some through B, are five for the account.
  const guesser = await (await browser.newContext()).newPage();
  const email = `guess-across-${stamp}@newsroom.test`;
  for (let i = 1; i <= 6; i++) {
    await guesser.goto(`${i % 2 ? A : B}/signin`);
    await guesser.getByLabel('البريد الإلكتروني').fill(email);
    await guesser.getByLabel('كلمة المرور').fill(`guess-${i}`);
    const answered = guesser.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await guesser.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await answered;
    await expect(guesser.locator('form').getByRole('alert')).toContainText(
      i <= 5 ? 'البريد الإلكتروني أو كلمة المرور غير صحيحة.' : 'محاولات دخول خاطئة كثيرة.',
    );
  }

  // Signing out on B ends the session on A too.
  await editor.goto(`${B}/newsroom`);
  await editor.getByRole('button', { name: 'تسجيل الخروج' }).click();
  await expect(editor).toHaveURL(/\/signin/);
  await editor.goto(`${A}/newsroom`);
  await expect(editor).toHaveURL(/\/signin/);
  await Promise.all([editorContext.close(), adminContext.close()]);
});

test('an instance killed under load: no 5xx through Varnish once its probe marks it sick', async () => {
  test.setTimeout(120_000);
  let stop = false;
  const errors: { status: number; at: number }[] = [];
  let served = 0;
  let n = 0;
  // Each request a different address, so every one reaches an instance (a miss).
  // A page cut off by the kill itself (streamed from A as it died) counts as a failure too: status 0.
  const reader = async () => {
    while (!stop) {
      try {
        const response = await fetch(`${varnish.url}/?reader=${n++}`);
        await response.arrayBuffer();
        if (response.status >= 500) errors.push({ status: response.status, at: Date.now() });
      } catch {
        errors.push({ status: 0, at: Date.now() });
      }
      served++;
    }
  };
  const loops = Array.from({ length: 8 }, reader);
  await new Promise((r) => setTimeout(r, 2_000));
  const killedAt = Date.now();
  process.kill(-a.pid!, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 6_000));
  stop = true;
  await Promise.all(loops);
  const sickAfter = 3_000; // the probe: a window of 3 at 1 s, threshold 2
  const late = errors.filter((e) => e.at > killedAt + sickAfter);
  console.log(
    `instance A killed under load: ${served} requests through Varnish, ${errors.length} failed in all (5xx or cut off by the kill), ${late.length} after the probe's ${sickAfter} ms`,
  );
  expect(late).toEqual([]);
  expect(await statusOf(`${varnish.url}/?after-kill`)).toBe(200);
});
