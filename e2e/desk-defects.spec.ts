import { expect, test, EDITOR, REPORTER, editorPage, personPage } from './fixtures';

// Defects on the desk (issue 19), in the browser against the production server.

test('a stale action says who moved the article and shows it as it is now', async ({ browser }) => {
  const reporter = editorPage(await personPage(browser, REPORTER));
  const id = await reporter.draft('مقال يعتمده محرران', 'فقرة أولى من المقال.');
  await reporter.button('إرسال للمراجعة').click();
  await expect(reporter.status).toHaveText('قيد المراجعة');

  // Two pages show it «قيد المراجعة»: the first approves, the second still offers اعتماد.
  const first = editorPage(await personPage(browser, EDITOR));
  const second = editorPage(await personPage(browser, EDITOR));
  await first.open(id);
  await second.open(id);
  await first.button('اعتماد').click();
  await expect(first.status).toHaveText('معتمد');

  await second.button('اعتماد').click();
  const notice = second.page.getByRole('alert').filter({ hasText: 'حُدِّثت الصفحة' });
  await expect(notice).toContainText(/^غيّرتَ حالة هذا المقال من صفحة أخرى إلى «معتمد» قبل لحظات/);
  await expect(notice).not.toContainText('صلاحية');
  // The page was refreshed: the state it shows is the article's, and اعتماد is gone.
  await expect(second.status).toHaveText('معتمد');
  await expect(second.button('اعتماد')).toHaveCount(0);
  await expect(notice).toBeFocused();
  await expect(second.page.getByText('لا تملك صلاحية')).toHaveCount(0);

  // Someone else's move is named: the reporter's page (still «قيد المراجعة» for them) withdraws.
  await reporter.page.getByRole('button', { name: 'سحب من المراجعة' }).click();
  const told = reporter.page.getByRole('alert').filter({ hasText: 'حُدِّثت الصفحة' });
  await expect(told).toContainText(/^اعتمد .+ هذا المقال قبل لحظات؛ حالته الآن «معتمد»/);
  await expect(reporter.status).toHaveText('معتمد');
});
