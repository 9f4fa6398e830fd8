import { EditorPage, expect, personPage, REPORTER, test } from './fixtures';

// تعليق على النص without a live connection (the shared e2e server runs with NEWSROOM_COLLAB=0):
// the anchor is saved with the body by the autosave, follows the words when text is typed before
// them, and is still on them when the page is loaded directly. The live case, with two people,
// is in e2e/collab.spec.ts.

test('a comment on the text is saved with the body and stays on its words across edits and reloads', async ({
  browser,
}) => {
  const page = await personPage(browser, REPORTER);
  const editor = new EditorPage(page);
  await editor.openNew();
  await editor.headline.fill('انقطاع المياه في حي الشاطئ');
  await editor.typeInBody('انقطعت المياه عن حي الشاطئ منذ الصباح.');
  await editor.waitUntilSaved();
  const panel = page.getByTestId('text-comments');

  // No words selected: the panel says what to do, nothing is sent.
  await editor.body.click();
  await page
    .getByRole('toolbar', { name: 'أدوات التحرير' })
    .getByRole('button', { name: 'أضف تعليقاً' })
    .click();
  await expect(panel.getByRole('status')).toContainText('اختر كلمات من نص المقال أولاً');

  await editor.selectWords('حي الشاطئ');
  await page
    .getByRole('toolbar', { name: 'أدوات التحرير' })
    .getByRole('button', { name: 'أضف تعليقاً' })
    .click();
  // Too long: refused beside the field.
  await panel.getByLabel('نص التعليق').fill('س'.repeat(2001));
  await panel.getByRole('button', { name: 'أضف تعليقاً' }).click();
  await expect(panel.getByRole('alert')).toHaveText('التعليق أطول من 2000 حرف');
  await panel.getByLabel('نص التعليق').fill('<b>أي حي بالضبط؟</b>');
  await panel.getByRole('button', { name: 'أضف تعليقاً' }).click();
  // The markup is shown as typed, never as markup.
  await expect(panel.getByText('<b>أي حي بالضبط؟</b>')).toBeVisible();
  await expect(page.locator('#article-body .comment-anchor')).toHaveText('حي الشاطئ');
  await editor.waitUntilSaved();

  // Text typed before the words; the anchor moves with them and is saved so.
  await editor.body.evaluate((body) =>
    (body as unknown as { editor: { commands: { focus: (at: 'start') => boolean } } }).editor.commands.focus(
      'start',
    ),
  );
  await page.keyboard.type('تحديث: ');
  await editor.waitUntilSaved();
  await page.reload();
  await editor.waitUntilEditable();
  await expect(editor.body).toHaveText('تحديث: انقطعت المياه عن حي الشاطئ منذ الصباح.');
  await expect(page.locator('#article-body .comment-anchor')).toHaveText('حي الشاطئ');

  // A click on the words opens their thread; resolved, the highlight goes, and stays gone.
  await page.locator('#article-body .comment-anchor').click();
  await expect(page.locator('#article-body .comment-anchor-active')).toHaveText('حي الشاطئ');
  await panel.getByRole('button', { name: 'تم الحل' }).click();
  await expect(page.locator('#article-body .comment-anchor')).toHaveCount(0);
  await page.reload();
  await editor.waitUntilEditable();
  await expect(page.locator('#article-body .comment-anchor')).toHaveCount(0);
  // Reopened from the resolved list: back on the same words.
  await panel.getByRole('button', { name: 'التعليقات المحلولة (1)' }).click();
  await panel.getByRole('button', { name: 'إعادة فتح' }).click();
  await expect(page.locator('#article-body .comment-anchor')).toHaveText('حي الشاطئ');
  await page.context().close();
});
