import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import {
  expect,
  test,
  ADMIN,
  EDITOR,
  REPORTER,
  editorPage,
  newArticle,
  personPage,
  signIn,
  waitUntilEditable,
  waitUntilSaved,
  watchCsp,
} from './fixtures';

// The desk (issue 9): سجل النسخ with مقارنة and استعادة, الفريق, and كل المقالات, in Chromium
// against the production server.

const stamp = () => Date.now().toString().slice(-6);

test('compare two revisions shows inserted and deleted Arabic words; restore brings the old text back', async ({
  browser,
}) => {
  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  const ed = editorPage(editor);
  const headline = `اتفاقيات طشقند ${stamp()}`;
  await ed.headline.fill(headline);
  await ed.body.click();
  await editor.keyboard.type('وقّعت الحكومة ثلاث اتفاقيات مع Uzbekistan في 2024.');
  await waitUntilSaved(editor);
  // Submitting writes a revision; the desk may still edit while the article is in review.
  await ed.button('إرسال للمراجعة').click();
  await expect(editor.locator('.status')).toHaveText('قيد المراجعة');
  await ed.body.click();
  await editor.keyboard.press('ControlOrMeta+a');
  await editor.keyboard.type('وقّعت الحكومة أربع اتفاقيات جديدة مع Uzbekistan في 2024.');
  await waitUntilSaved(editor);

  await editor.getByRole('link', { name: 'سجل النسخ' }).click();
  await expect(editor).toHaveURL(new RegExp(`/newsroom/articles/${articleId}/history$`));
  await expect(editor.getByRole('heading', { level: 1 })).toContainText(headline);
  const revisions = editor.getByRole('list', { name: 'النسخ' }).getByRole('listitem');
  // Newest first: the edit, the submission, the first save.
  await expect(revisions.first()).toContainText('حفظ');
  await expect(revisions.nth(1)).toContainText('إرسال للمراجعة');
  // From the submitted revision to the newest entry (the working copy, if autosaves are newer).
  const submittedRow = revisions.filter({ hasText: 'إرسال للمراجعة' });
  await submittedRow.getByRole('radio', { name: /^قارن من/ }).check();
  await revisions
    .first()
    .getByRole('radio', { name: /^قارن إلى/ })
    .check();
  await editor.getByRole('button', { name: 'مقارنة' }).click();
  await expect(editor).toHaveURL(/\/history\/compare\?/);
  const body = editor.getByRole('region', { name: 'نص المقال' });
  await expect(body.locator('del')).toHaveText(['ثلاث']);
  await expect(body.locator('ins')).toHaveText([/أربع/, /جديدة/]);
  // Right to left, with the Latin name and the digits in their place.
  await expect(body.locator('.diff-block.changed')).toHaveAttribute('dir', 'rtl');
  await expect(body.locator('.diff-block.changed')).toContainText('مع Uzbekistan في 2024.');
  await expect(
    editor
      .getByRole('region', { name: 'بيانات المقال' })
      .getByRole('row', { name: /العنوان\s/ })
      .first(),
  ).toContainText(headline);

  // Restore the submitted revision: a new revision, the old words back in the editor.
  await editor.getByRole('link', { name: 'سجل النسخ' }).click();
  const submitted = revisions.filter({ hasText: 'إرسال للمراجعة' });
  const submittedId = /النسخة (\d+)/.exec((await submitted.textContent()) ?? '')![1];
  await submitted.getByRole('button', { name: 'استعادة' }).click();
  await expect(editor).toHaveURL(new RegExp(`/newsroom/articles/${articleId}\\?restored=`));
  await waitUntilEditable(editor);
  await expect(ed.body).toContainText('ثلاث اتفاقيات');
  await editor.goto(`/newsroom/articles/${articleId}/history`);
  await expect(revisions.first()).toContainText('استعادة');
  await expect(revisions.first()).toContainText(`استُعيدت من النسخة رقم ${submittedId}`);
  await expect(revisions).toHaveCount(4);
  await expect(editor.getByRole('region', { name: 'سجل النشاط' })).toContainText('استعادة');

  // A revision of another article, asked for through this one, is refused in Arabic.
  await editor.goto(`/newsroom/articles/${articleId}/history/compare?from=1&to=${submittedId}`);
  await expect(editor.getByRole('form', { name: 'مقارنة' }).getByRole('alert')).toHaveText(/مقالين مختلفين/);
});

async function signInFirstTime(page: Page, email: string, password: string, newPassword: string) {
  const violations = await watchCsp(page.context());
  const addresses: string[] = [];
  page.on('request', (request) => addresses.push(request.url()));
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill(password);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  // A first password chosen by an admin is changed before anything else.
  await expect(page).toHaveURL(/\/change-password$/);
  // Loaded as a page, not reached by the router (a bookmark, a reload): its scripts must run under
  // its CSP (it once got the reader's hash-only policy, so the form submitted by GET with both
  // passwords in the address and nothing changed).
  await page.goto('/change-password');
  await page.getByLabel('كلمة المرور الحالية').fill(password);
  await page.getByLabel('كلمة المرور الجديدة', { exact: true }).fill(newPassword);
  await page.getByLabel('تأكيد كلمة المرور الجديدة').fill(newPassword);
  await page.getByRole('button', { name: 'تغيير كلمة المرور' }).click();
  await expect(page).toHaveURL(/\/newsroom$/);
  expect(violations, 'no CSP violation on the sign-in and change-password pages').toEqual([]);
  expect(
    addresses.filter((url) => url.includes(encodeURIComponent(password)) || url.includes(newPassword)),
    'no password in any address',
  ).toEqual([]);
  // Changed: the new password signs in, in a browser of its own, straight to the newsroom.
  const fresh = await (await page.context().browser()!.newContext()).newPage();
  await signIn(fresh, email, newPassword);
  await fresh.context().close();
}

test('an admin adds a reporter who signs in; disabled, their open editor’s next autosave is refused', async ({
  browser,
}) => {
  const admin = await personPage(browser, ADMIN);
  await admin.getByRole('link', { name: 'الفريق' }).click();
  await expect(admin.getByRole('heading', { name: 'الفريق', level: 1 })).toBeVisible();
  const name = `صحفية متدربة ${stamp()}`;
  const email = `trainee-${stamp()}@newsroom.test`;
  const add = admin.getByRole('form', { name: 'إضافة عضو' });
  await add.getByLabel('الاسم').fill(name);
  await add.getByLabel('البريد الإلكتروني').fill(email);
  await add.getByLabel('الدور').selectOption({ label: 'صحفي' });
  // Too short first: refused next to the field.
  await add.getByLabel('كلمة المرور الأولى').fill('قصيرة');
  await add.getByRole('button', { name: 'إضافة عضو' }).click();
  await expect(add.getByRole('alert')).toHaveText(/أقصر من 10/);
  await add.getByLabel('كلمة المرور الأولى').fill('first-password-2026');
  await add.getByRole('button', { name: 'إضافة عضو' }).click();
  await expect(add.getByRole('status')).toContainText(name);
  // The same email again is refused.
  await add.getByLabel('الاسم').fill('نسخة');
  await add.getByLabel('البريد الإلكتروني').fill(email);
  await add.getByLabel('كلمة المرور الأولى').fill('another-password-1');
  await add.getByRole('button', { name: 'إضافة عضو' }).click();
  await expect(add.getByRole('alert')).toHaveText(/مسجّل لعضو آخر/);

  const reporter = await (await browser.newContext()).newPage();
  await signInFirstTime(reporter, email, 'first-password-2026', 'my-own-password-2026');
  await newArticle(reporter);
  const ed = editorPage(reporter);
  await ed.headline.fill(`مسودة المتدربة ${stamp()}`);
  await ed.body.click();
  await reporter.keyboard.type('الفقرة الأولى محفوظة.');
  await waitUntilSaved(reporter);

  await admin.reload();
  const card = admin.getByRole('region', { name });
  await card.getByRole('button', { name: 'تعطيل الحساب' }).click();
  // It asks first, naming the member (issue 19).
  const confirm = admin.getByRole('dialog', { name: `تعطيل حساب ${name}` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'تعطيل الحساب' }).click();
  await expect(card.getByRole('button', { name: 'تفعيل الحساب' })).toBeVisible();
  await expect(card).toContainText('معطّل');

  // The open editor's next autosave is refused, with the reason; the text stays on the device.
  await ed.body.click();
  await reporter.keyboard.press('End');
  await reporter.keyboard.type(' وهذه لن تُحفظ.');
  await expect(ed.saveState).toContainText('لم يُحفظ');
  await expect(ed.saveState).toContainText('عُطّل هذا الحساب');
  await expect(ed.body).toContainText('وهذه لن تُحفظ.');
  // And the next page is the sign-in page.
  await reporter.goto('/newsroom');
  await expect(reporter).toHaveURL(/\/signin/);

  // The last admin cannot demote themselves.
  const me = admin.getByRole('region', { name: /\(أنت\)/ });
  await me.getByLabel('الدور').selectOption({ label: 'محرر' });
  await me.getByRole('button', { name: 'تغيير الدور' }).click();
  await expect(me.getByRole('alert')).toHaveText(/آخر مدير/);
  await admin.getByRole('link', { name: 'سجل النشاط' }).click();
  await expect(admin.getByRole('table')).toContainText('تعطيل الحساب');
  await expect(admin.getByRole('table')).toContainText(name);
});

test('the editor finds a reporter’s published article through كل المقالات and corrects it', async ({
  browser,
}) => {
  const id = stamp();
  const headline = `مكتبة الإسكندرية تفتتح قاعة ${id}`;
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  await editorPage(reporter).headline.fill(headline);
  await editorPage(reporter).body.click();
  await reporter.keyboard.type('افتتحت المكتبة قاعة جديدة للمخطوطات النادرة.');
  await reporter.getByLabel('القسم').selectOption({ index: 1 });
  await waitUntilSaved(reporter);
  await editorPage(reporter).button('إرسال للمراجعة').click();
  await expect(reporter.locator('.status')).toHaveText('قيد المراجعة');

  const editor = await personPage(browser, EDITOR);
  await editor.goto(`/newsroom/articles/${articleId}`);
  await editorPage(editor).button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');
  await editorPage(editor).button('نشر').click();
  await expect(editor.locator('.status')).toHaveText('منشور');

  await editor.goto('/newsroom');
  await editor.getByRole('link', { name: 'كل المقالات' }).first().click();
  await expect(editor.getByRole('heading', { name: 'كل المقالات', level: 1 })).toBeVisible();
  const search = editor.getByRole('search', { name: 'بحث في المقالات' });
  // Typed without hamza and with haa for taa marbuta: folded as reader search folds them.
  await search.getByLabel('بحث في المقالات').fill(`مكتبه الاسكندريه ${id}`);
  await search.getByLabel('الحالة').selectOption({ label: 'منشور' });
  await search.getByRole('button', { name: 'تصفية' }).click();
  await expect(editor).toHaveURL(/\/newsroom\/articles\?q=/);
  const rows = editor.getByRole('row').filter({ hasText: headline });
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('منشور');
  await expect(rows.getByRole('link', { name: `عرض النسخة المنشورة من «${headline}»` })).toHaveAttribute(
    'href',
    new RegExp(`^/news/${articleId}/`),
  );
  // Every link's accessible name contains its visible text (axe: label-content-name-mismatch).
  const axe = await new AxeBuilder({ page: editor }).withRules(['label-content-name-mismatch']).analyze();
  expect(axe.violations.map((v) => v.nodes.length)).toEqual([]);
  // Loaded directly on a phone: the table scrolls inside its box; the page itself stays 390 px wide.
  const wide = editor.viewportSize()!;
  await editor.setViewportSize({ width: 390, height: 844 });
  await editor.reload();
  await expect(rows).toHaveCount(1);
  expect(await editor.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await editor.setViewportSize(wide);
  await rows.getByRole('link', { name: headline, exact: true }).click();
  await expect(editor).toHaveURL(new RegExp(`/newsroom/articles/${articleId}$`));
  await waitUntilEditable(editor);
  const ed = editorPage(editor);
  await ed.body.click();
  await editor.keyboard.press('ControlOrMeta+End');
  await editor.keyboard.type(' وهي قاعة للبرديات.');
  await waitUntilSaved(editor);
  await editor.getByLabel('ملاحظة تصحيح أو تحديث للقراء').fill('تصحيح: القاعة للبرديات.');
  await ed.button('نشر').click();
  await expect(editor.getByLabel('ملاحظة تصحيح أو تحديث للقراء')).toHaveValue('');

  // On the reader's page, staff who may edit get تحرير المقال by a separate request: the page's
  // own bytes are the same for everyone.
  await editor.goto(`/news/${articleId}`);
  await expect(editor.getByRole('link', { name: 'تحرير المقال' })).toHaveAttribute(
    'href',
    `/newsroom/articles/${articleId}`,
  );
  const bytes = await (await editor.request.get(`/news/${articleId}`, { maxRedirects: 5 })).text();
  expect(bytes).not.toContain('href="/newsroom/articles/');

  const reader = await (await browser.newContext()).newPage();
  await reader.goto(`/news/${articleId}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  await expect(reader.getByRole('link', { name: 'تحرير المقال' })).toHaveCount(0);
  await expect(reader.getByLabel('تصحيحات وتحديثات')).toContainText('تصحيح: القاعة للبرديات.');
  await expect(reader.locator('.article-body')).toContainText('وهي قاعة للبرديات.');
});
