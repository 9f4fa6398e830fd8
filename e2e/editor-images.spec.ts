import { type Page } from '@playwright/test';
import {
  expect,
  test,
  chooseSection,
  EDITOR,
  REPORTER,
  editorPage,
  newArticle,
  openArticle,
  personPage,
  waitUntilSaved,
} from './fixtures';
import sharp from 'sharp';

const photo = () =>
  sharp({ create: { width: 800, height: 450, channels: 3, background: '#2a6f97' } })
    .jpeg()
    .toBuffer();

async function uploadInLibrary(page: Page, name: string) {
  const library = page.getByRole('dialog', { name: 'مكتبة الصور' });
  await expect(library).toBeVisible();
  await library.getByLabel('صورة').setInputFiles({ name, mimeType: 'image/jpeg', buffer: await photo() });
  await expect(library).toHaveCount(0);
}

test('an image in the body and a lead image, each with alternative text, caption and credit, reach the reader', async ({
  browser,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  const ed = editorPage(reporter);
  await ed.headline.fill(`صور من طشقند ${stamp}`);
  await ed.body.click();
  await reporter.keyboard.type('افتتاح المؤتمر في Tashkent.');

  await ed.button('صورة').click();
  await uploadInLibrary(reporter, 'body.jpg');
  const figure = ed.body.locator('figure img');
  await expect(figure).toHaveAttribute('src', /^\/media\/[0-9a-f]{32}-\d+\.webp$/);
  await figure.click();
  const details = reporter.getByRole('group', { name: 'صورة' });
  await details.getByLabel('النص البديل').fill('قاعة المؤتمر');
  await details.getByLabel('التعليق على الصورة').fill('المشاركون في المؤتمر');
  await details.getByLabel('مصدر الصورة').fill('وكالة الأنباء');
  await expect(ed.body.locator('figure figcaption')).toContainText('المشاركون في المؤتمر');
  await expect(ed.body.locator('figure figcaption')).toContainText('وكالة الأنباء');

  const lead = reporter.getByRole('group', { name: 'الصورة الرئيسية' });
  await lead.getByRole('button', { name: 'اختيار الصورة الرئيسية' }).click();
  await uploadInLibrary(reporter, 'lead.jpg');
  await lead.getByLabel('النص البديل').fill('رئيس أوزبكستان يلقي كلمته');
  await lead.getByLabel('التعليق على الصورة').fill('الرئيس في الافتتاح');
  await lead.getByLabel('مصدر الصورة').fill('الرئاسة');
  await waitUntilSaved(reporter);

  await openArticle(reporter, articleId);
  await expect(ed.body.locator('figure img')).toHaveAttribute('alt', 'قاعة المؤتمر');
  await expect(lead.getByLabel('مصدر الصورة')).toHaveValue('الرئاسة');
  await chooseSection(reporter);
  await ed.button('إرسال للمراجعة').click();
  await expect(reporter.locator('.status')).toHaveText('قيد المراجعة');

  const editor = await personPage(browser, EDITOR);
  await editor.goto(`/newsroom/articles/${articleId}`);
  await editorPage(editor).button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');
  await editorPage(editor).button('نشر').click();
  await expect(editor.locator('.status')).toHaveText('منشور');
  await editor.getByRole('link', { name: 'عرض الصفحة المنشورة' }).click();
  const body = editor.locator('.article-body');
  await expect(body.locator('figure img')).toHaveAttribute('alt', 'قاعة المؤتمر');
  await expect(body.locator('figure figcaption')).toContainText('المشاركون في المؤتمر');
  await expect(body.locator('figure figcaption')).toContainText('وكالة الأنباء');
  await expect(editor.getByRole('img', { name: 'رئيس أوزبكستان يلقي كلمته' })).toBeVisible();
  await expect(editor.getByText('الرئيس في الافتتاح')).toBeVisible();
});
