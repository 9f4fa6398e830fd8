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

// Two people on one article: the second sees the first is there; the stale save is a conflict
// shown side by side, and copying their text into mine keeps both.
test('two browser contexts on one article get a conflict and lose nothing', async ({ browser }) => {
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  await editorPage(reporter).headline.fill('خبر مشترك');
  await waitUntilSaved(reporter);

  const editor = await personPage(browser, EDITOR);
  await openArticle(editor, articleId);
  await expect(editor.getByText('يفتح هذا المقال الآن أيضاً: سارة الصحفية')).toBeVisible();

  await editorPage(reporter).body.click();
  await reporter.keyboard.type('نص الصحفية');
  await waitUntilSaved(reporter);

  await editorPage(editor).body.click();
  await editor.keyboard.type('نص المحرر');
  await expect(editor.getByRole('heading', { name: 'تعارض في التعديل' })).toBeVisible();
  await expect(editorPage(editor).saveState).toContainText('لم يُحفظ');
  const theirs = editor.getByRole('region', { name: 'نسختهم: نص المقال' });
  const mine = editor.getByRole('region', { name: 'نسختي: نص المقال' });
  await expect(editor.getByRole('region', { name: 'تعارض: نص المقال' })).toContainText('غيّره سارة الصحفية');
  await expect(theirs).toContainText('نص الصحفية');
  await expect(mine).toContainText('نص المحرر');

  await editor.getByRole('button', { name: 'نسخ نصهم إلى نسختي' }).click();
  await expect(editorPage(editor).body).toContainText('نص المحرر');
  await expect(editorPage(editor).body).toContainText('نص الصحفية');
  await waitUntilSaved(editor);

  const check = await personPage(browser, REPORTER);
  await openArticle(check, articleId);
  await expect(editorPage(check).body).toContainText('نص المحرر');
  await expect(editorPage(check).body).toContainText('نص الصحفية');
});

test('keeping theirs discards mine only when asked', async ({ browser }) => {
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  const other = await reporter.context().newPage();
  await openArticle(other, articleId);
  await expect(other.getByText('يفتح هذا المقال الآن أيضاً: أنت في تبويب آخر')).toBeVisible();

  await editorPage(reporter).body.click();
  await reporter.keyboard.type('الأول');
  await waitUntilSaved(reporter);
  await editorPage(other).body.click();
  await other.keyboard.type('الثاني');
  await expect(other.getByRole('heading', { name: 'تعارض في التعديل' })).toBeVisible();
  await other.getByRole('button', { name: 'اعتماد نسختهم' }).click();
  await expect(editorPage(other).body).toHaveText('الأول');
  await expect(editorPage(other).saveState).toHaveText('تم الحفظ');
  // Editing again continues from their version without a conflict.
  await editorPage(other).body.click();
  await other.keyboard.press('Control+End');
  await other.keyboard.type(' ثم الثاني');
  await waitUntilSaved(other);
  await openArticle(reporter, articleId);
  await expect(editorPage(reporter).body).toHaveText('الأول ثم الثاني');
});
