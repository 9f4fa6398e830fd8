import { type Page } from '@playwright/test';
import {
  expect,
  test,
  REPORTER,
  editorPage,
  newArticle,
  openArticle,
  pageActionId,
  personPage,
  postToAction,
  waitUntilSaved,
} from './fixtures';

// Limits that say why (issue 8, point 4): a body nested too deep, a body too large for the save
// action, each refused with its Arabic message and nothing written.

// Pastes as a browser would: a paste event carrying the clipboard's HTML.
async function pasteHtml(page: Page, html: string) {
  await page.evaluate((html) => {
    const transfer = new DataTransfer();
    transfer.setData('text/html', html);
    document
      .querySelector('[role="textbox"][aria-label="نص المقال"]')!
      .dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
  }, html);
}

// A list 20 levels deep, each item with its own text (the editor's schema is satisfied).
function nestedListHtml(levels: number): string {
  let inner = '<li><p>أعمق بند</p></li>';
  for (let i = levels - 1; i > 0; i--) inner = `<li><p>بند ${i}</p><ul>${inner}</ul></li>`;
  return `<ul>${inner}</ul>`;
}

test('a list nested deeper than the limit is refused with its message next to the body, and nothing is saved', async ({
  browser,
}) => {
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  const ed = editorPage(reporter);
  await ed.headline.fill('قائمة متداخلة');
  await ed.body.click();
  await reporter.keyboard.type('فقرة قبل القائمة.');
  await waitUntilSaved(reporter);

  await ed.body.press('Enter');
  await pasteHtml(reporter, nestedListHtml(20));
  await expect(ed.body.locator('ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul ul')).toHaveCount(1);
  const message = reporter.locator('#body-error');
  await expect(message).toContainText('نص المقال متداخل أعمق من المسموح');
  await expect(message).toContainText('12');

  // The server kept the last body it accepted.
  const fresh = await personPage(browser, REPORTER);
  await openArticle(fresh, articleId);
  await expect(editorPage(fresh).body).toContainText('فقرة قبل القائمة.');
  await expect(editorPage(fresh).body.locator('ul')).toHaveCount(0);
});

test('a body over the save limits is an Arabic refusal, never a 500, and nothing is written', async ({
  browser,
}) => {
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  const ed = editorPage(reporter);
  await ed.headline.fill('نص كبير');
  await ed.body.click();
  await reporter.keyboard.type('نص صغير.');
  await waitUntilSaved(reporter);
  const save = await pageActionId(reporter, 'saveArticleAction');
  const post = (body: string) => postToAction(reporter, save, body);
  const document = (chars: number) =>
    JSON.stringify({
      type: 'doc',
      content: [{ type: 'paragraph', content: [{ type: 'text', text: 'ن'.repeat(chars) }] }],
    });

  // Over the document's own limit (2,000,000 characters) but within what Next reads: the action
  // answers with the body's message.
  const large = await post(
    JSON.stringify([{ articleId, baseVersion: 1, changes: { headline: 'x', body: document(2_100_000) } }]),
  );
  expect(large.status()).toBe(200);
  expect(await large.text()).toContain('نص المقال أطول من الحد المسموح');

  // 10 MB: over the request size the server takes at all. Refused before Next reads it, in Arabic.
  const huge = await post(
    JSON.stringify([{ articleId, baseVersion: 1, changes: { headline: 'x', body: document(5_000_000) } }]),
  );
  expect(huge.status()).toBeGreaterThanOrEqual(400);
  expect(huge.status()).toBeLessThan(500);
  expect(await huge.text()).toMatch(/[\u0600-\u06FF]/);

  await reporter.reload();
  await expect(ed.headline).toHaveValue('نص كبير');
  await expect(ed.body).toHaveText('نص صغير.');
});
