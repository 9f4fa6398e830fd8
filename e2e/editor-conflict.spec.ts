import { formatArabicDateTime } from '@/lib/shared/arabic';
import { newsroomSettings } from '@/lib/shared/settings';
import { expect, test, EDITOR, REPORTER, EditorPage, personPage } from './fixtures';

// Conflicts, written as the steps people take. Two people, or two tabs of one person, on one
// article: a save based on an old version is a conflict shown side by side, never a silent
// overwrite, and each way out of it (copy theirs into mine, keep theirs, keep mine) loses nothing
// that was not given up on purpose.

test('two people on one article get a conflict and copying theirs into mine keeps both', async ({
  browser,
}) => {
  const reporter = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await reporter.openNew();
  await reporter.headline.fill('خبر مشترك');
  await reporter.waitUntilSaved();

  const editor = new EditorPage(await personPage(browser, EDITOR));
  await editor.open(articleId);
  await expect(editor.page.getByText('يفتح هذا المقال الآن أيضاً: سارة الصحفية')).toBeVisible();
  // From here the editor's page does not hear of the reporter's saves (it would within seconds).
  await editor.keepStale();

  await reporter.typeInBody('نص الصحفية');
  await reporter.waitUntilSaved();

  await editor.typeInBody('نص المحرر');
  await expect(editor.conflictHeading).toBeVisible();
  await expect(editor.saveState).toContainText('لم يُحفظ');
  const conflict = editor.page.getByRole('region', { name: 'تعارض: نص المقال' });
  await expect(conflict).toContainText('غيّره سارة الصحفية');
  // Their time in the newsroom's zone (NEWSROOM_TIMEZONE), not a library default two hours off.
  const around = [-60_000, 0, 60_000].map((d) =>
    formatArabicDateTime(new Date(Date.now() + d), newsroomSettings.dates),
  );
  const shown = (await conflict.textContent()) ?? '';
  expect(
    around.filter((when) => shown.includes(when)),
    `${shown} shows one of ${around.join(' | ')}`,
  ).toHaveLength(1);
  await expect(editor.conflictSide('نسختهم')).toContainText('نص الصحفية');
  await expect(editor.conflictSide('نسختي')).toContainText('نص المحرر');

  await editor.page.getByRole('button', { name: 'نسخ نصهم إلى نسختي' }).click();
  await expect(editor.body).toContainText('نص المحرر');
  await expect(editor.body).toContainText('نص الصحفية');
  await editor.waitUntilSaved();

  const check = new EditorPage(await personPage(browser, REPORTER));
  await check.open(articleId);
  await expect(check.body).toContainText('نص المحرر');
  await expect(check.body).toContainText('نص الصحفية');
});

test('keeping theirs discards mine only when asked, and editing continues from theirs', async ({
  browser,
}) => {
  const first = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await first.openNew();
  const second = new EditorPage(await first.page.context().newPage());
  await second.open(articleId);
  await expect(second.page.getByText('يفتح هذا المقال الآن أيضاً: أنت في تبويب آخر')).toBeVisible();
  await second.keepStale();

  await first.typeInBody('الأول');
  await first.waitUntilSaved();
  await second.typeInBody('الثاني');
  await expect(second.conflictHeading).toBeVisible();
  await second.page.getByRole('button', { name: 'اعتماد نسختهم' }).click();
  await expect(second.body).toHaveText('الأول');
  await expect(second.saveState).toHaveText('تم الحفظ');

  await second.typeInBody(' ثم الثاني');
  await second.waitUntilSaved();
  await first.open(articleId);
  await expect(first.body).toHaveText('الأول ثم الثاني');
});

test('keeping mine writes it as the newest version on top; until then the database keeps theirs', async ({
  browser,
}) => {
  const first = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await first.openNew();
  const second = new EditorPage(await first.page.context().newPage());
  await second.open(articleId);
  await second.keepStale();

  await first.typeInBody('نص التبويب الأول');
  await first.waitUntilSaved();
  await second.typeInBody('نص التبويب الثاني');
  await expect(second.saveState).toContainText('لم يُحفظ');
  await expect(second.conflictHeading).toBeVisible();
  await expect(second.page.locator('.conflict')).toContainText('نص التبويب الأول');

  const check = new EditorPage(await first.page.context().newPage());
  await check.open(articleId);
  await expect(check.body).toHaveText('نص التبويب الأول');

  await second.page.getByRole('button', { name: 'حفظ نسختي فوقها' }).click();
  await second.waitUntilSaved();
  await check.open(articleId);
  await expect(check.body).toHaveText('نص التبويب الثاني');
});

test('a reloaded editor is not its own «other tab»; a second tab is', async ({ browser }) => {
  const editor = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await editor.openNew();
  for (let i = 0; i < 2; i++) {
    // The reloaded page's first heartbeat (not the old page's leaving one, nor an answer to the
    // old page still on its way, whose end a reload may never report) and its answer.
    let reloading = false;
    const heartbeat = editor.page.waitForRequest(
      (r) =>
        reloading &&
        r.method() === 'POST' &&
        !!r.headers()['next-action'] &&
        (r.postData() ?? '').includes('"leaving":false'),
    );
    reloading = true;
    await editor.page.reload();
    // Answered: the server has this tab's row (it writes it before answering).
    await (await heartbeat).response();
    await editor.waitUntilEditable();
  }
  // A row left by an earlier load would be named at once and stay for half a minute.
  await editor.page.waitForTimeout(1000);
  await expect(editor.page.getByText('أنت في تبويب آخر')).toHaveCount(0);
  const second = new EditorPage(await editor.page.context().newPage());
  await second.open(articleId);
  await expect(second.page.getByText('يفتح هذا المقال الآن أيضاً: أنت في تبويب آخر')).toBeVisible();
});
