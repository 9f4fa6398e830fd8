import { expect, test, type Page } from '@playwright/test';
import { REPORTER, editorPage, newArticle, personPage, signIn, waitUntilSaved } from './fixtures';

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

// Finds a server action's id in the page's JavaScript, as anyone with the page can.
async function actionId(page: Page, name: string): Promise<string> {
  const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => s.src).filter(Boolean));
  for (const src of scripts) {
    const code = await (await page.request.get(src)).text();
    const match = new RegExp(`"([0-9a-f]{40,})"[^"]{0,200}"${name}"`).exec(code);
    if (match) return match[1]!;
  }
  throw new Error(`no server action named ${name} in the page's scripts`);
}

async function callAction(page: Page, id: string, input: unknown) {
  const response = await page.request.post(page.url(), {
    headers: { 'Next-Action': id, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8' },
    data: JSON.stringify([input]),
  });
  return response.text();
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
  const publish = await actionId(reporter, 'publishArticleAction');
  const refused = await callAction(reporter, publish, { articleId });
  expect(refused).toContain('"code":"forbidden"');

  // A body that is not a document of the editor's schema, and a javascript: link: nothing written.
  const save = await actionId(reporter, 'saveArticleAction');
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
