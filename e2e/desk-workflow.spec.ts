import { type APIRequestContext, type Page } from '@playwright/test';
import {
  expect,
  test,
  chooseSection,
  EDITOR,
  REPORTER,
  editorPage,
  fillMinute,
  newArticle,
  openArticle,
  personPage,
  waitUntilSaved,
} from './fixtures';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';
import { decoded, fetchXml, parseXmlEntries } from './reader-helpers';

// The desk's workflow in the browser against the production server: a request for changes whose
// reason survives resubmission, approval, a schedule that publishes by itself, and an embargo
// that keeps an article from every reader page until its time. The server's scheduler runs every
// NEWSROOM_SCHEDULER_MS (e2e/server-env.ts); the article still waits for its minute.

// The newsroom's time zone (lib/shared/settings.ts default; the e2e server sets none).
const NEWSROOM_TIME_ZONE = 'Asia/Tashkent';
const SHOTS = process.env.WORKFLOW_SHOTS;

const newsroomMinute = (at: Date) => toNewsroomMinute(at, NEWSROOM_TIME_ZONE);

// The next whole minute at least 20 seconds away, so the form is sent before it comes.
function comingMinute(): { value: string; at: Date } {
  const now = Date.now();
  let at = Math.ceil(now / 60_000) * 60_000;
  if (at - now < 20_000) at += 60_000;
  return { value: newsroomMinute(new Date(at)), at: new Date(at) };
}

// Whole page, and the desk's panels on their own (a phone's full page is too tall to read).
async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    for (const region of ['مطلوب تعديلات', 'النسخة المنشورة', 'إجراءات المقال', 'جدولة', 'ملاحظات التحرير']) {
      const panel = page.getByRole('region', { name: region, exact: true });
      if ((await panel.count()) === 1)
        await panel.screenshot({ path: `${SHOTS}/${name}-${width}-${region.replaceAll(' ', '_')}.png` });
    }
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function statusOf(request: APIRequestContext, path: string): Promise<number> {
  return (await request.get(path, { maxRedirects: 0 })).status();
}

async function write(page: Page, headline: string, body: string): Promise<void> {
  const ed = editorPage(page);
  await ed.headline.fill(headline);
  await ed.body.click();
  await page.keyboard.type(body);
  await waitUntilSaved(page);
  await chooseSection(page);
}

test('changes requested, the reason survives resubmission, approved, scheduled, published by itself', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString().slice(-6);
  const headline = `افتتاح سوق الكتاب في بخارى ${stamp}`;
  const reason = `أضف اسم الجهة المنظمة ومصدر الرقم ${stamp}`;

  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  await write(reporter, headline, 'يفتتح سوق الكتاب أبوابه غداً بمشاركة مئة دار نشر.');
  await editorPage(reporter).button('إرسال للمراجعة').click();
  await expect(reporter.locator('.status')).toHaveText('قيد المراجعة');

  const editor = await personPage(browser, EDITOR);
  // Editors learn of the new submission.
  await editor.getByRole('link', { name: /الإشعارات/ }).click();
  const submitted = editor.getByRole('listitem').filter({ hasText: headline });
  await expect(submitted).toContainText('أرسل');
  await shoot(editor, 'notifications');
  await submitted.getByRole('link', { name: headline }).click();
  await expect(editor).toHaveURL(new RegExp(`/newsroom/articles/${articleId}$`));
  await editorPage(editor).button('طلب تعديلات').click();
  await editor.getByLabel('سبب طلب التعديلات').fill(reason);
  await editorPage(editor).button('طلب تعديلات').click();
  await expect(editor.locator('.status')).toHaveText('مطلوب تعديلات');

  // The reporter is told, and sees the reason at the top of the editor page.
  await reporter.goto('/newsroom');
  await expect(reporter.getByRole('link', { name: /الإشعارات \(\d+\)/ })).toBeVisible();
  await reporter.getByRole('link', { name: /الإشعارات/ }).click();
  const told = reporter.getByRole('listitem').filter({ hasText: headline });
  await expect(told).toContainText('طلب');
  await told.getByRole('button', { name: 'تعليم كمقروء' }).click();
  await expect(told.getByRole('button', { name: 'تعليم كمقروء' })).toHaveCount(0);
  await told.getByRole('link', { name: headline }).click();
  await expect(reporter).toHaveURL(new RegExp(`/newsroom/articles/${articleId}$`));
  const banner = reporter.getByRole('region', { name: 'مطلوب تعديلات' });
  await expect(banner).toContainText(reason);
  await shoot(reporter, 'changes-requested');

  // Bad notes are refused next to the field, and nothing is added.
  const notes = reporter.getByRole('region', { name: 'ملاحظات التحرير' });
  await notes.getByRole('button', { name: 'إضافة ملاحظة' }).click();
  await expect(notes.locator('#note-error')).toHaveText('اكتب نص الملاحظة قبل إضافتها');
  await notes.getByLabel('نص الملاحظة').fill('ن'.repeat(10_000));
  await notes.getByRole('button', { name: 'إضافة ملاحظة' }).click();
  await expect(notes.locator('#note-error')).toContainText('أطول من 5000');
  await expect(notes.getByRole('listitem')).toHaveCount(1);
  await notes.getByLabel('نص الملاحظة').fill('أضفت اسم الجهة المنظمة، @خالد المحرر');
  await notes.getByRole('button', { name: 'إضافة ملاحظة' }).click();
  await expect(notes.getByRole('listitem')).toHaveCount(2);

  await waitUntilEditableAgain(reporter);
  await editorPage(reporter).body.click();
  await reporter.keyboard.press('End');
  await reporter.keyboard.type(' وتنظمه وزارة الثقافة.');
  await waitUntilSaved(reporter);
  await editorPage(reporter).button('إرسال للمراجعة').click();
  await expect(reporter.locator('.status')).toHaveText('قيد المراجعة');
  // Resubmitted: the banner is gone, the reason stays in the thread.
  await reporter.reload();
  await expect(reporter.getByRole('region', { name: 'مطلوب تعديلات' })).toHaveCount(0);
  await expect(reporter.getByRole('region', { name: 'ملاحظات التحرير' })).toContainText(reason);

  // The editor named in the note is told.
  await editor.goto('/newsroom/notifications');
  await expect(
    editor.getByRole('listitem').filter({ hasText: 'ذكرك' }).filter({ hasText: headline }),
  ).toHaveCount(1);
  await openArticle(editor, articleId);
  await expect(editor.getByRole('region', { name: 'ملاحظات التحرير' })).toContainText(reason);
  await editorPage(editor).button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');

  // A time already past, then an embargo after the schedule: refused next to their fields.
  const schedule = editor.getByRole('region', { name: 'جدولة' });
  await fillMinute(schedule, 'موعد النشر', newsroomMinute(new Date(Date.now() - 3_600_000)));
  await schedule.getByRole('button', { name: 'جدولة' }).click();
  await expect(schedule.locator('#scheduled-at-e')).toContainText('مضى');
  const { value, at } = comingMinute();
  await fillMinute(schedule, 'موعد النشر', value);
  await fillMinute(schedule, 'حظر النشر حتى', newsroomMinute(new Date(at.getTime() + 3_600_000)));
  await schedule.getByRole('button', { name: 'جدولة' }).click();
  await expect(schedule.locator('#embargo-until-e')).toContainText('بعد موعد النشر');
  await expect(editor.locator('.status')).toHaveText('معتمد');
  await shoot(editor, 'schedule-refused');

  await fillMinute(schedule, 'حظر النشر حتى', '');
  await schedule.getByRole('button', { name: 'جدولة' }).click();
  await expect(editor.locator('.status')).toHaveText('مجدول');
  await expect(editor.getByRole('region', { name: 'جدولة' })).toContainText('مجدول: يُنشر في');
  await shoot(editor, 'scheduled');

  // It waits for its minute…
  const request = (await browser.newContext()).request;
  expect(await statusOf(request, `/news/${articleId}`)).toBe(404);
  // …then goes live by itself.
  await expect
    .poll(() => statusOf(request, `/news/${articleId}`), { timeout: 150_000, intervals: [1_000] })
    .toBe(308);
  expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
  await editor.reload();
  await expect(editor.locator('.status')).toHaveText('منشور');
  // Editing the published article edits a working copy: readers keep the published version.
  const live = editor.getByRole('region', { name: 'النسخة المنشورة' });
  await expect(live.locator('strong')).toHaveCount(0);
  await waitUntilEditableAgain(editor);
  await editorPage(editor).headline.fill(`${headline} (محدّث)`);
  await waitUntilSaved(editor);
  await editor.reload();
  await expect(live.locator('strong')).toHaveText('تعديلات غير منشورة');
  const page = await request.get(`/news/${articleId}`);
  expect(await page.text()).not.toContain('(محدّث)');
  // The address did not follow the new headline.
  expect(decodeURIComponent(page.url())).toContain('افتتاح-سوق-الكتاب-في-بخارى');
  await shoot(editor, 'published-working-copy');

  // Unpublishing asks first, naming the article.
  await editorPage(editor).button('إلغاء النشر').click();
  const dialog = editor.getByRole('dialog', { name: 'إلغاء النشر' });
  await expect(dialog).toContainText(headline);
  await shoot(editor, 'unpublish-dialog');
  await dialog.getByRole('button', { name: 'إلغاء', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(editor.locator('.status')).toHaveText('منشور');
  await editorPage(editor).button('إلغاء النشر').click();
  await dialog.getByRole('button', { name: 'تأكيد' }).click();
  await expect(editor.locator('.status')).toHaveText('غير منشور');
  expect(await statusOf(request, `/news/${articleId}`)).toBe(404);

  await reporter.goto('/newsroom/notifications');
  await expect(reporter.getByRole('listitem').filter({ hasText: 'نُشر مقالك' }).first()).toContainText(
    headline,
  );
});

test('a reporter deletes a draft never published; it leaves their list', async ({ browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const headline = `مسودة للحذف ${stamp}`;
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  await editorPage(reporter).headline.fill(headline);
  await waitUntilSaved(reporter);
  await reporter.reload();
  await reporter.getByRole('button', { name: 'حذف', exact: true }).click();
  const dialog = reporter.getByRole('dialog', { name: 'حذف المسودة' });
  await expect(dialog).toContainText(headline);
  await dialog.getByRole('button', { name: 'حذف', exact: true }).click();
  await expect(reporter).toHaveURL(/\/newsroom$/);
  await expect(reporter.getByRole('link', { name: headline })).toHaveCount(0);
  expect((await reporter.request.get(`/newsroom/articles/${articleId}`)).status()).toBe(404);
});

async function waitUntilEditableAgain(page: Page): Promise<void> {
  await expect(editorPage(page).body).toHaveAttribute('contenteditable', 'true');
}

test('an embargoed article is absent from its page, home, search, feeds and sitemap until its time', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const stamp = Date.now().toString().slice(-6);
  const word = `كمثرى${stamp}`;
  const headline = `موسم ${word} يبدأ في فرغانة`;

  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  await write(editor, headline, `يبدأ موسم ${word} هذا الأسبوع في وادي فرغانة.`);
  await editorPage(editor).button('إرسال للمراجعة').click();
  await expect(editor.locator('.status')).toHaveText('قيد المراجعة');
  await editorPage(editor).button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');

  const { value, at } = comingMinute();
  const schedule = editor.getByRole('region', { name: 'جدولة' });
  await fillMinute(schedule, 'حظر النشر حتى', value);
  await schedule.getByRole('button', { name: 'حفظ حظر النشر' }).click();
  await expect(editor.getByRole('region', { name: 'جدولة' })).toContainText('حظر النشر حتى');
  await openArticle(editor, articleId);
  await editorPage(editor).button('نشر').click();
  await expect(editor.locator('.status')).toHaveText('منشور');
  await shoot(editor, 'embargoed');

  const reader = await (await browser.newContext()).newPage();
  const request = reader.request;
  const shown = async () => {
    const [page, home, search, rss, atom, sitemap, news] = await Promise.all([
      statusOf(request, `/news/${articleId}`),
      (await request.get('/')).text(),
      (await request.get(`/search?q=${encodeURIComponent(word)}`)).text(),
      fetchXml(request, '/feed.xml'),
      fetchXml(request, '/atom.xml'),
      fetchXml(request, '/sitemap.xml'),
      fetchXml(request, '/news-sitemap.xml'),
    ]);
    const titles = async (xml: string) =>
      (await parseXmlEntries(reader, xml)).entries.map((e) => decoded(e.link));
    const linked = (links: string[]) => links.some((link) => link.includes(`/news/${articleId}/`));
    return {
      page: page !== 404,
      home: home.includes(`/news/${articleId}/`),
      search: search.includes(`/news/${articleId}/`),
      rss: linked(await titles(rss)),
      atom: linked(await titles(atom)),
      sitemap: linked(await titles(sitemap)),
      newsSitemap: linked(await titles(news)),
    };
  };
  const nowhere = {
    page: false,
    home: false,
    search: false,
    rss: false,
    atom: false,
    sitemap: false,
    newsSitemap: false,
  };
  const everywhere = {
    page: true,
    home: true,
    search: true,
    rss: true,
    atom: true,
    sitemap: true,
    newsSitemap: true,
  };
  // Published, but under embargo: nowhere, for as long as the embargo lasts.
  expect(await shown()).toEqual(nowhere);
  expect(await (await request.get(`/api/stats/${articleId}`)).status()).toBe(404);
  // At its time the scheduler lifts it, and every page shows it.
  await expect.poll(shown, { timeout: 150_000, intervals: [1_000] }).toEqual(everywhere);
  expect(Date.now()).toBeGreaterThanOrEqual(at.getTime());
});
