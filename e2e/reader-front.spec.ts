import { type Browser, type Page } from '@playwright/test';
import sharp from 'sharp';
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

// The reader's front page and an article with a large picture in its body, at a phone's width and
// a desktop's: nothing wider than the window, the top story with its picture, the sections, and
// the desk's choice of top story reaching the front page.

const WIDTHS = [390, 1280];

const photo = (width: number, height: number, background: string) =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();

async function upload(page: Page, name: string, buffer: Buffer) {
  const library = page.getByRole('dialog', { name: 'مكتبة الصور' });
  await expect(library).toBeVisible();
  await library.getByLabel('صورة').setInputFiles({ name, mimeType: 'image/jpeg', buffer });
  await expect(library).toHaveCount(0);
}

// An editor writes and publishes an article in دولي with a 1600 px photo in its body, a lead
// image, a quotation and a list; returns its id and public address.
async function publishPictureArticle(browser: Browser, headline: string) {
  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  const ed = editorPage(editor);
  await ed.headline.fill(headline);
  await editor.getByLabel('القسم').selectOption({ label: 'دولي' });
  await ed.body.click();
  await editor.keyboard.type('بدأت اليوم في العاصمة أعمال القمة الإقليمية بحضور الوفود.');
  await ed.button('صورة').click();
  await upload(editor, 'body-1600.jpg', await photo(1600, 1067, '#264653'));
  await expect(ed.body.locator('figure img')).toHaveAttribute('src', /^\/media\//);
  await ed.body.locator('figure img').click();
  const details = editor.getByRole('group', { name: 'صورة' });
  await details.getByLabel('النص البديل').fill('قاعة القمة');
  await details.getByLabel('التعليق على الصورة').fill('الوفود في القاعة');
  const lead = editor.getByRole('group', { name: 'الصورة الرئيسية' });
  await lead.getByRole('button', { name: 'اختيار الصورة الرئيسية' }).click();
  await upload(editor, 'lead.jpg', await photo(1600, 900, '#bc4749'));
  await lead.getByLabel('النص البديل').fill('صورة الافتتاح');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);
  await expect(editor.getByRole('link', { name: 'عرض الصفحة المنشورة' })).toBeVisible();
  const path = (await editor.getByRole('link', { name: 'عرض الصفحة المنشورة' }).getAttribute('href'))!;
  return { editor, articleId, path };
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test('an article with a 1600 px photo in its body stays inside the window, and the desk makes it the top story', async ({
  browser,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const headline = `قمة إقليمية في طشقند ${stamp}`;
  const { editor, articleId, path } = await publishPictureArticle(browser, headline);

  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const reader = await context.newPage();
    await reader.goto(path);
    const body = reader.locator('.article-body');
    const image = body.locator('figure img');
    await expect(image).toBeVisible();
    await image.scrollIntoViewIfNeeded();
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    expect(await scrollWidth(reader), `article at ${width}`).toBeLessThanOrEqual(width);
    // The photo fills the column, no more: its box is inside the body's.
    const [imageBox, bodyBox] = [await image.boundingBox(), await body.boundingBox()];
    expect(imageBox!.width).toBeLessThanOrEqual(bodyBox!.width + 0.5);
    expect(imageBox!.width).toBeGreaterThan(bodyBox!.width - 2);
    await expect(image).toHaveAttribute('srcset', /1280w/);
    await expect(body.locator('figure figcaption')).toContainText('الوفود في القاعة');
    // The page links to its section.
    await expect(reader.locator('article .kicker').getByRole('link', { name: 'دولي' })).toHaveAttribute(
      'href',
      `/section/${encodeURIComponent('دولي')}`,
    );
    await context.close();
  }

  // The desk chooses it as the top story, from the article's page in the newsroom.
  await editor.goto(`/newsroom/articles/${articleId}`);
  const control = editor.getByRole('region', { name: 'الخبر الرئيسي' });
  await control.getByRole('button', { name: 'اختياره خبراً رئيسياً' }).click();
  await expect(control).toContainText('هذا المقال هو الخبر الرئيسي');

  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const reader = await context.newPage();
    const top = reader.getByRole('region', { name: 'الخبر الرئيسي' });
    await expect
      .poll(async () => {
        await reader.goto('/');
        return top.getByRole('link', { name: headline }).count();
      })
      .toBe(1);
    const picture = top.locator('img');
    await expect(picture).toBeVisible();
    await expect
      .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    await expect(picture).toHaveAttribute('alt', 'صورة الافتتاح');
    await expect(picture).toHaveAttribute('srcset', /320w.*1280w/);
    // A block per section, under a label that links to the section's page.
    const section = reader.getByRole('region', { name: 'دولي' });
    await expect(section.getByRole('heading', { name: 'دولي' }).getByRole('link')).toHaveAttribute(
      'href',
      `/section/${encodeURIComponent('دولي')}`,
    );
    // The top story is not repeated in its section's block; the block shows the section's others.
    await expect(section.getByRole('link', { name: headline })).toHaveCount(0);
    await expect(section.locator('.story').first()).toBeVisible();
    await expect(reader.getByRole('heading', { name: 'آخر الأخبار' })).toBeVisible();
    expect(await scrollWidth(reader), `home at ${width}`).toBeLessThanOrEqual(width);

    // Every other reader page fits the window too.
    for (const other of [
      `/section/${encodeURIComponent('دولي')}`,
      `/tag/${encodeURIComponent('طشقند')}`,
      '/author/1',
      `/search?q=${encodeURIComponent('طشقند')}`,
      '/news/987654/x',
    ]) {
      await reader.goto(other);
      expect(await scrollWidth(reader), `${other} at ${width}`).toBeLessThanOrEqual(width);
    }
    await context.close();
  }

  // The section's own page opens with its latest pictured story.
  const reader = await browser.newPage();
  await reader.goto(`/section/${encodeURIComponent('دولي')}`);
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText('دولي');
  await expect(reader.locator('.section-lead').getByRole('link', { name: headline })).toBeVisible();
  await expect(reader.locator('.section-lead img')).toBeVisible();

  // Withdrawing the choice gives the front page back to the newest pictured story (this one).
  await control.getByRole('button', { name: 'إلغاء اختياره خبراً رئيسياً' }).click();
  await expect(control).toContainText('ليس هذا المقال الخبر الرئيسي');
});

test('the search page has one visible "بحث" and a field wide enough to type in', async ({ page }) => {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/search');
    const main = page.getByRole('main');
    // The heading names the field; the button is an icon with the same name.
    await expect(main.getByRole('heading', { level: 1, name: 'بحث' })).toBeVisible();
    await expect(main.getByRole('searchbox', { name: 'بحث' })).toBeVisible();
    await expect(main.getByRole('button', { name: 'بحث' })).toBeVisible();
    const visibleText = await page.evaluate(() => document.body.innerText);
    expect(visibleText.split('بحث').length - 1).toBe(1);
    const field = await main.getByRole('searchbox').boundingBox();
    expect(field!.width).toBeGreaterThan(width * 0.6);
    expect(field!.height).toBeGreaterThanOrEqual(40);
  }
});
