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

// A published article changed and published again carries "updated on" and the editor's
// correction note for readers, while the first publication date stays.
test('a correction published by an editor is shown to readers with the update date', async ({ browser }) => {
  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  const ed = editorPage(editor);
  await ed.headline.fill(`حصيلة الأمطار ${Date.now().toString().slice(-6)}`);
  await ed.body.click();
  await editor.keyboard.type('بلغت الحصيلة 30 ملم.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);

  await ed.body.click();
  await editor.keyboard.press('End');
  await editor.keyboard.type(' وصُححت لاحقاً إلى 40 ملم.');
  await waitUntilSaved(editor);
  await editor.getByLabel('ملاحظة تصحيح أو تحديث للقراء').fill('تصحيح: الحصيلة 40 ملم لا 30.');
  await ed.button('نشر').click();
  await expect(editor.getByLabel('ملاحظة تصحيح أو تحديث للقراء')).toHaveValue('');

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/news/${articleId}`);
  await expect(reader.getByLabel('تصحيحات وتحديثات')).toContainText('تصحيح: الحصيلة 40 ملم لا 30.');
  await expect(reader.getByText('حُدّث في', { exact: false }).first()).toBeVisible();
  await expect(reader.locator('.article-body')).toContainText('40 ملم');
});
