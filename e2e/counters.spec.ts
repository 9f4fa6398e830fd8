import {
  expect,
  test,
  EDITOR,
  editorPage,
  newArticle,
  personPage,
  publishThroughDesk,
  waitUntilSaved,
} from './fixtures';

// Counters honest enough to print: a client that keeps no cookie is still one visitor (its address
// and user agent, hashed with the day's salt), and one that changes its user agent on every beacon
// is a few visitors at most.

const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

test('a flood of 2,000 cookieless view beacons (and 1,000 shares) from one client moves the counters by at most a few', async ({
  browser,
  playwright,
}) => {
  // Four thousand requests on a machine shared with the build and other runs.
  test.setTimeout(300_000);
  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  await editorPage(editor).headline.fill(`خبر يتعرض لسيل من الطلبات ${Date.now()}`);
  await editorPage(editor).body.click();
  await editor.keyboard.type('نص قصير.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);

  const counts = async () => {
    const fresh = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
    const body = (await (await fresh.get(`/api/stats/${articleId}`)).json()) as {
      views: number;
      shares: number;
    };
    await fresh.dispose();
    return body;
  };
  expect(await counts()).toEqual({ views: 0, shares: 0 });

  // A new request context for every batch: no cookie can ever be carried from one beacon to the next.
  const flood = async (path: string, total: number, userAgent: (i: number) => string) => {
    for (let start = 0; start < total; start += 50) {
      const client = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
      const batch = Array.from({ length: Math.min(50, total - start) }, (_, k) =>
        client.post(path, { headers: { 'user-agent': userAgent(start + k) } }).then((r) => r.status()),
      );
      for (const status of await Promise.all(batch)) expect(status).toBe(204);
      await client.dispose();
    }
  };
  await flood(`/api/views/${articleId}`, 2000, () => CHROME);
  await flood(`/api/shares/${articleId}`, 1000, () => CHROME);
  expect(await counts()).toEqual({ views: 1, shares: 1 });

  // Changing the user agent on every beacon: five visitors from one address at most.
  await flood(`/api/views/${articleId}`, 300, (i) => `${CHROME} r${i}`);
  const after = await counts();
  expect(after.views).toBeGreaterThan(1);
  expect(after.views).toBeLessThanOrEqual(5);

  // Bots never count.
  await flood(`/api/views/${articleId}`, 50, (i) => `Mozilla/5.0 (compatible; Googlebot/2.1) r${i}`);
  expect((await counts()).views).toBe(after.views);
});
