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

// Regression: with the article and its slug-less short link in one optional catch-all route,
// Next cached the short link's redirect under the canonical address, and every reader after that
// was redirected to the page they had asked for. This sequence reproduced it on a cold article.
test('a short link and the canonical address of a new article never cache a redirect loop', async ({
  browser,
  baseURL,
}) => {
  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  const ed = editorPage(editor);
  await ed.headline.fill(`رابط قصير ${Date.now().toString().slice(-6)}`);
  await ed.body.click();
  await editor.keyboard.type('نص قصير للتجربة.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);

  // Node's own fetch, as a crawler or a link preview would ask: short link first, body unread.
  const shortLink = await fetch(`${baseURL}/news/${articleId}`, { redirect: 'manual' });
  expect(shortLink.status).toBe(308);
  const canonical = new URL(shortLink.headers.get('location')!, baseURL).toString();
  const first = await fetch(canonical, { redirect: 'manual' });
  expect(first.status).toBe(200);
  for (let i = 0; i < 3; i++) {
    const again = await fetch(canonical, { redirect: 'manual', headers: { accept: 'text/html' } });
    expect(again.status).toBe(200);
    await again.arrayBuffer();
  }
  // A wrong slug redirects to the canonical address. Next 16 sends a cached page's redirect with
  // its Location header twice (vercel/next.js#82117); browsers follow it, clients that join
  // repeated headers see "a, a". Every value must be the canonical address, never anything else.
  const wrong = await fetch(`${baseURL}/news/${articleId}/old-slug`, { redirect: 'manual' });
  expect(wrong.status).toBe(308);
  const targets = new Set(
    wrong.headers
      .get('location')!
      .split(', ')
      .map((l) => new URL(l, baseURL).toString()),
  );
  expect([...targets]).toEqual([canonical]);
  expect((await fetch(canonical, { redirect: 'manual' })).status).toBe(200);
});
