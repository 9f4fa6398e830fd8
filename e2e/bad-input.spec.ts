import { type Page } from '@playwright/test';
import {
  expect,
  test,
  REPORTER,
  editorPage,
  newArticle,
  pageActionId,
  personPage,
  postToAction,
  signIn,
  waitUntilSaved,
} from './fixtures';

test('submitting without a headline or body is refused next to the fields', async ({ page }) => {
  await signIn(page, REPORTER);
  await newArticle(page);
  const ed = editorPage(page);
  await ed.button('إرسال للمراجعة').click();
  await expect(page.getByText('العنوان مطلوب قبل الإرسال للمراجعة')).toBeVisible();
  await expect(page.getByText('نص المقال فارغ؛ اكتب نص المقال قبل الإرسال للمراجعة')).toBeVisible();
  await expect(ed.headline).toHaveAttribute('aria-invalid', 'true');
  await page.reload();
  await expect(page.locator('.status')).toHaveText('مسودة');
});

async function callAction(page: Page, id: string, input: unknown) {
  return (await postToAction(page, id, JSON.stringify([input]))).text();
}

test('the server refuses what the role may not do and documents that break the schema', async ({
  browser,
}) => {
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  const ed = editorPage(reporter);
  await ed.headline.fill('خبر لا يملك الصحفي نشره');
  await ed.body.click();
  await reporter.keyboard.type('نص أول.');
  await waitUntilSaved(reporter);

  // A reporter's hand-made publish request: refused by the server.
  const publish = await pageActionId(reporter, 'publishArticleAction');
  const refused = await callAction(reporter, publish, { articleId });
  expect(refused).toContain('"code":"forbidden"');

  // A body that is not a document of the editor's schema, and a javascript: link: nothing written.
  const save = await pageActionId(reporter, 'saveArticleAction');
  await reporter.reload();
  await expect(ed.body).toContainText('نص أول.');
  const bogus = await callAction(reporter, save, {
    articleId,
    baseVersion: 1_000_000,
    changes: {
      headline: 'x',
      body: JSON.stringify({ type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] }),
    },
  });
  expect(bogus).toContain('"code":"invalid_document"');
  const hostileLink = await callAction(reporter, save, {
    articleId,
    baseVersion: 1_000_000,
    changes: {
      headline: 'x',
      body: JSON.stringify({
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              {
                type: 'text',
                text: 'اضغط',
                marks: [{ type: 'link', attrs: { href: 'JaVa\tScRiPt:alert(1)' } }],
              },
            ],
          },
        ],
      }),
    },
  });
  expect(hostileLink).toContain('"code":"invalid_document"');
  await reporter.reload();
  await expect(ed.headline).toHaveValue('خبر لا يملك الصحفي نشره');
  await expect(ed.body).toContainText('نص أول.');
  await expect(reporter.locator('.status')).toHaveText('مسودة');
});
