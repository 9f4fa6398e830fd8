import { expect, test, REPORTER, editorPage, newArticle, signIn, waitUntilSaved } from './fixtures';

// Two tabs on one article: the stale one gets a conflict; the newer text in the database stays.
test('a save based on an old version is a conflict, never a silent overwrite', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  await signIn(first, REPORTER);
  const articleId = await newArticle(first);
  const second = await context.newPage();
  await second.goto(`/newsroom/articles/${articleId}`);
  await expect(editorPage(second).body).toBeVisible();

  await editorPage(first).body.click();
  await first.keyboard.type('نص التبويب الأول');
  await waitUntilSaved(first);

  await editorPage(second).body.click();
  await second.keyboard.type('نص التبويب الثاني');
  await expect(editorPage(second).saveState).toContainText('لم يُحفظ');
  await expect(second.getByRole('heading', { name: 'تعارض في التعديل' })).toBeVisible();
  await expect(second.locator('.conflict')).toContainText('نص التبويب الأول');

  // The database still holds the first tab's text.
  const check = await context.newPage();
  await check.goto(`/newsroom/articles/${articleId}`);
  await expect(editorPage(check).body).toHaveText('نص التبويب الأول');

  // Keeping mine writes it as the newest version on top.
  await second.getByRole('button', { name: 'حفظ نسختي فوقها' }).click();
  await waitUntilSaved(second);
  await check.reload();
  await expect(editorPage(check).body).toHaveText('نص التبويب الثاني');
});
