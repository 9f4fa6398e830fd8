import seed from '../db/seed/seed-article.json' with { type: 'json' };
import {
  expect,
  test,
  EDITOR,
  REPORTER,
  editorPage,
  newArticle,
  openArticle,
  personPage,
  waitUntilSaved,
} from './fixtures';

// The preview (معاينة, issue 8 point 8): the working copy as the reader page would show it.

test('the preview shows the working copy exactly as the published page shows it, never cached, newsroom only', async ({
  browser,
  page,
}) => {
  // The demo article, published at setup.
  // By its short link (the seed's first article): the suite publishes dozens before this test, so
  // the front page may no longer list it.
  await page.goto('/news/1');
  const href = new URL(page.url()).pathname;
  const articleId = Number(/^\/news\/(\d+)\//.exec(href)![1]);
  await expect(page.locator('article h1')).toHaveText(seed.headline);
  const published = {
    headline: await page.locator('article h1').innerText(),
    body: await page.locator('.article-body').innerText(),
  };
  expect(published.body).toContain(seed.paragraphs[0]!.slice(0, 40));

  const editor = await personPage(browser, EDITOR);
  await editor.goto(`/newsroom/articles/${articleId}/preview`);
  await expect(editor.getByRole('heading', { level: 1 })).toContainText('معاينة');
  const frame = editor.frameLocator('iframe[title^="معاينة"]');
  await expect(frame.locator('article h1')).toHaveText(published.headline);
  await expect(frame.locator('.preview-notice')).toContainText('لم تُنشر');
  expect(await frame.locator('.article-body').innerText()).toBe(published.body);
  await expect(frame.locator('.article-meta')).toContainText(seed.dateline);

  // The document itself: no cache anywhere, not indexed, no script (no reader's view counted).
  const document = await editor.request.get(`/newsroom/articles/${articleId}/preview/document`);
  expect(document.status()).toBe(200);
  expect(document.headers()['cache-control']).toBe('no-store');
  expect(document.headers()['x-robots-tag']).toContain('noindex');
  expect(document.headers()['content-security-policy']).toContain("script-src 'none'");
  // Framed by the newsroom's preview page, and by nobody else.
  expect(document.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
  expect(document.headers()['x-frame-options']).toBe('SAMEORIGIN');

  // Phone width.
  await editor.getByRole('link', { name: 'هاتف (390 px)' }).click();
  await expect(editor.getByRole('link', { name: 'هاتف (390 px)' })).toHaveAttribute('aria-current', 'page');
  const box = await editor.locator('iframe[title^="معاينة"]').boundingBox();
  expect(Math.round(box!.width)).toBeLessThanOrEqual(392);
  expect(Math.round(box!.width)).toBeGreaterThanOrEqual(388);

  // A change to the working copy shows in the preview at once, and not on the published page.
  await openArticle(editor, articleId);
  const ed = editorPage(editor);
  const changed = `${seed.headline} (معاينة)`;
  await ed.headline.fill(changed);
  await waitUntilSaved(editor);
  await editor.goto(`/newsroom/articles/${articleId}/preview`);
  await expect(frame.locator('article h1')).toHaveText(changed);
  expect(await frame.locator('.article-body').innerText()).toBe(published.body);
  await page.goto(href);
  await expect(page.locator('article h1')).toHaveText(published.headline);
  // Put the headline back for the other specs.
  await openArticle(editor, articleId);
  await ed.headline.fill(seed.headline);
  await waitUntilSaved(editor);

  // Newsroom only: a reader is sent to sign in; a reporter cannot preview another's draft.
  const anonymous = await page.request.get(`/newsroom/articles/${articleId}/preview/document`, {
    maxRedirects: 0,
  });
  expect(anonymous.status()).toBe(303);
  const draftId = await newArticle(editor);
  const reporter = await personPage(browser, REPORTER);
  const refused = await reporter.request.get(`/newsroom/articles/${draftId}/preview/document`);
  expect(refused.status()).toBe(404);
  const refusedPage = await reporter.goto(`/newsroom/articles/${draftId}/preview`);
  expect(refusedPage!.status()).toBe(404);
});
