import type { Page } from '@playwright/test';
import {
  expect,
  test,
  ADMIN,
  EDITOR,
  addMember,
  REPORTER,
  editorPage,
  fillMinute,
  minuteText,
  personPage,
} from './fixtures';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';

// Defects on the desk (issue 19), in the browser against the production server.

const stamp = () => Date.now().toString().slice(-6);

// A member the admin adds for this test alone (the demo accounts' roles stay as other specs expect),
// signed in with the first password and then their own.
async function newMember(admin: Page, name: string, email: string): Promise<Page> {
  await addMember(admin, name, email, 'first-password-2026');
  const page = await (await admin.context().browser()!.newContext()).newPage();
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill('first-password-2026');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page).toHaveURL(/\/change-password$/);
  await page.getByLabel('كلمة المرور الحالية').fill('first-password-2026');
  await page.getByLabel('كلمة المرور الجديدة', { exact: true }).fill('my-own-password-2026');
  await page.getByLabel('تأكيد كلمة المرور الجديدة').fill('my-own-password-2026');
  await page.getByRole('button', { name: 'تغيير كلمة المرور' }).click();
  await expect(page).toHaveURL(/\/newsroom$/);
  return page;
}

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

test('an admin changes a reporter’s role while they type: told, still signed in, nothing lost', async ({
  browser,
}) => {
  // A new member signs in twice (first password, then their own) and the heartbeat runs every 15 s.
  test.setTimeout(120_000);
  const admin = await personPage(browser, ADMIN);
  const name = `مراسل يترقى ${stamp()}`;
  const member = editorPage(await newMember(admin, name, `promoted-${stamp()}@newsroom.test`));
  const id = await member.openNew();
  await member.headline.fill(`مسودة قبل الترقية ${stamp()}`);
  await member.typeInBody('كتبت هذه الفقرة قبل تغيير الدور.');
  await member.waitUntilSaved();

  await admin.goto('/newsroom/people');
  const card = admin.getByRole('region', { name });
  await card.getByLabel('الدور').selectOption({ label: 'محرر' });
  await card.getByRole('button', { name: 'تغيير الدور' }).click();
  await expect(card).toContainText('محرر');

  // Typing goes on; the next autosave is accepted (it was «انتهت الجلسة»).
  await member.page.keyboard.type(' وهذه بعده.');
  await member.waitUntilSaved();
  await expect(member.page.getByText('انتهت الجلسة')).toHaveCount(0);
  // The editor's heartbeat (every 15 s) brings the new role: the page names it.
  await expect(
    member.page.getByRole('alert').filter({ hasText: 'غيّر مدير غرفة الأخبار دورك' }),
  ).toContainText('«محرر»', { timeout: 25_000 });
  await expect(member.body).toContainText('كتبت هذه الفقرة قبل تغيير الدور. وهذه بعده.');
  // Loaded again: the text is on the server, and the page offers what an editor may do.
  await member.open(id);
  await expect(member.body).toContainText('كتبت هذه الفقرة قبل تغيير الدور. وهذه بعده.');
  await expect(member.page).toHaveURL(new RegExp(`/newsroom/articles/${id}$`));
});

test('a stale schedule: told who scheduled it, and the fields show the article’s own time', async ({
  browser,
}) => {
  const minute = (hours: number) =>
    toNewsroomMinute(new Date(Date.now() + hours * 3_600_000), 'Asia/Tashkent');
  const first = editorPage(await personPage(browser, EDITOR));
  const id = await first.draft('مقال يجدوله اثنان', 'نص المقال المجدول.');
  await first.chooseSection();
  await first.button('إرسال للمراجعة').click();
  await expect(first.status).toHaveText('قيد المراجعة');
  await first.button('اعتماد').click();
  await expect(first.status).toHaveText('معتمد');

  const second = editorPage(await personPage(browser, ADMIN));
  await second.open(id);
  const mine = minute(3);
  await fillMinute(first.page.getByRole('region', { name: 'جدولة' }), 'موعد النشر', mine);
  await first.page.getByRole('region', { name: 'جدولة' }).getByRole('button', { name: 'جدولة' }).click();
  await expect(first.status).toHaveText('مجدول');

  const panel = second.page.getByRole('region', { name: 'جدولة' });
  await fillMinute(panel, 'موعد النشر', minute(5));
  await panel.getByRole('button', { name: 'جدولة' }).click();
  const notice = second.page.getByRole('alert').filter({ hasText: 'حُدِّثت الصفحة' });
  await expect(notice).toContainText(/^جدول .+ هذا المقال قبل لحظات؛ حالته الآن «مجدول»/);
  await expect(second.status).toHaveText('مجدول');
  const [date, time] = minuteText(mine).split(' ');
  const group = panel.getByRole('group', { name: 'موعد النشر' });
  await expect(group.getByLabel('التاريخ')).toHaveValue(date!);
  await expect(group.getByLabel('الساعة')).toHaveValue(time!);
});

test('كل المقالات’s «آخر تعديل من» reads a day typed as day/month/year, with scripts and without', async ({
  browser,
}) => {
  const signedIn = await (await personPage(browser, EDITOR)).context().storageState();
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ storageState: signedIn, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto('/newsroom/articles');
    const filter = page.getByRole('search', { name: 'بحث في المقالات' });
    // Once the scripts run, the day goes in a hidden field; without them the typed text is sent.
    await expect(filter.locator('input[type="hidden"][name="from"]')).toHaveCount(javaScriptEnabled ? 1 : 0);
    // Nothing was changed after a day still to come; with scripts the day is sent as YYYY-MM-DD,
    // without them as typed.
    await filter.getByLabel('آخر تعديل من').fill('01/01/2099');
    await filter.getByRole('button', { name: 'تصفية' }).click();
    await expect(page).toHaveURL(javaScriptEnabled ? /[?&]from=2099-01-01/ : /[?&]from=01%2F01%2F2099/);
    await expect(page.getByText('لا توجد نتائج')).toBeVisible();
    await expect(filter.getByRole('alert')).toHaveCount(0);
    await expect(filter.getByLabel('آخر تعديل من')).toHaveValue('01/01/2099');
    // Everything since a day long past.
    await filter.getByLabel('آخر تعديل من').fill('1/1/2020');
    await filter.getByRole('button', { name: 'تصفية' }).click();
    await expect(page).toHaveURL(javaScriptEnabled ? /[?&]from=2020-01-01/ : /[?&]from=1%2F1%2F2020/);
    await expect(page.getByRole('row').nth(1)).toBeVisible();
    await expect(page.getByText('لا توجد نتائج')).toHaveCount(0);
    await context.close();
  }
});
