import { spawn } from 'node:child_process';
import {
  expect,
  test,
  EDITOR,
  editorPage,
  newArticle,
  personPage,
  publishThroughDesk,
  unpublishConfirmed,
  waitUntilSaved,
} from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';
import { waitFor } from '../bench/lib';

// Next keeps the expiry of cache tags in memory, while the cached pages themselves are on disk.
// An article unpublished (its tags expired) and not read again before the server restarts must not
// come back from the disk cache after the restart. The restart is a second server started on the
// same build and database; this test starts it and stops it by its own process id.

const SECOND_PORT = E2E_PORT + 1;

test('an article unpublished before a restart stays unpublished after it', async ({ browser, request }) => {
  const stamp = Date.now().toString().slice(-6);
  const headline = `خبر قبل إعادة التشغيل ${stamp}`;
  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  await editorPage(editor).headline.fill(headline);
  await editorPage(editor).body.click();
  await editor.keyboard.type('نص قصير يُنشر ثم يُلغى نشره قبل إعادة تشغيل الخادم.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);

  // Readers fill the caches: the article's page and the home page that lists it.
  const short = await request.get(`/news/${articleId}`, { maxRedirects: 0 });
  const articlePath = short.headers()['location']!;
  await expect.poll(async () => (await request.get(articlePath)).status()).toBe(200);
  await expect.poll(async () => (await (await request.get('/')).text()).includes(headline)).toBe(true);
  // Reader pages are rendered per request, so Next keeps no copy of its own that could come back.
  const fromNext = await request.get(articlePath, { headers: { 'x-front-copy-bypass': '1' } });
  expect(fromNext.status()).toBe(200);
  expect(fromNext.headers()['x-nextjs-cache']).toBeUndefined();

  await unpublishConfirmed(editor);

  const second = spawn(process.execPath, ['server.mjs', '-H', '127.0.0.1', '-p', String(SECOND_PORT)], {
    env: { ...process.env, ...e2eServerEnv },
    detached: true,
    stdio: 'ignore',
  });
  try {
    const base = `http://127.0.0.1:${SECOND_PORT}`;
    await waitFor(`${base}/signin`);
    expect((await fetch(`${base}${articlePath}`, { redirect: 'manual' })).status).toBe(404);
    expect(await (await fetch(`${base}/`)).text()).not.toContain(headline);
  } finally {
    process.kill(-second.pid!, 'SIGTERM');
  }
});
