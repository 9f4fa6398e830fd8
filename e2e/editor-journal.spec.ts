import {
  expect,
  test,
  REPORTER,
  editorPage,
  newArticle,
  openArticle,
  personPage,
  signIn,
  waitUntilSaved,
} from './fixtures';

// Offline typing is kept in the browser's journal; reopened online, it comes back and is saved.
test('typing offline, then closing the tab, loses nothing', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, REPORTER);
  const articleId = await newArticle(page);
  const ed = editorPage(page);
  await ed.headline.fill('خبر كُتب بلا اتصال');
  await ed.body.click();
  await page.keyboard.type('فقرة محفوظة على الخادم.');
  await waitUntilSaved(page);

  await context.setOffline(true);
  await page.keyboard.press('Enter');
  await page.keyboard.type('فقرة كُتبت بلا اتصال بالإنترنت عن Tashkent 2024.');
  await page.getByLabel('مكان الخبر').fill('سمرقند');
  await expect(ed.saveState).toHaveText('لم يُحفظ: لا اتصال بالإنترنت؛ محفوظ على هذا الجهاز');

  // Leaving with unsaved work asks first.
  const dialog = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const asked = await dialog;
  expect(asked.type()).toBe('beforeunload');
  const closed = page.waitForEvent('close');
  await asked.accept();
  await closed;

  await context.setOffline(false);
  const reopened = await context.newPage();
  await openArticle(reopened, articleId);
  await expect(reopened.getByText('استُعيدت من هذا الجهاز تعديلات لم تكن قد وصلت إلى الخادم.')).toBeVisible();
  await expect(editorPage(reopened).body).toContainText('فقرة كُتبت بلا اتصال بالإنترنت عن Tashkent 2024.');
  await waitUntilSaved(reopened);

  // Someone else, on another browser, sees everything on the server.
  const check = await personPage(browser, REPORTER);
  await openArticle(check, articleId);
  await expect(editorPage(check).body).toContainText('فقرة محفوظة على الخادم.');
  await expect(editorPage(check).body).toContainText('فقرة كُتبت بلا اتصال بالإنترنت عن Tashkent 2024.');
  await expect(check.getByLabel('مكان الخبر')).toHaveValue('سمرقند');
  // And the journal is gone once the server has it: a plain reopen restores nothing.
  await reopened.reload();
  await expect(editorPage(reopened).body).toHaveAttribute('contenteditable', 'true');
  await expect(reopened.getByText('استُعيدت من هذا الجهاز')).toHaveCount(0);
  await expect(editorPage(reopened).saveState).toHaveText('تم الحفظ');
});
