import { expect, test, type Page } from '@playwright/test';
import { EDITOR, editorPage, newArticle, personPage, waitUntilSaved } from './fixtures';
import { decoded, fetchXml, parseXmlEntries } from './reader-helpers';

// Publishing and unpublishing refresh every cached reader page that shows the article within two
// seconds: its page, the home page, its tag and author pages, the feeds, the sitemaps and search.

const FRESH_WITHIN = { timeout: 2_000, intervals: [100, 250, 500] };

async function feedTitles(reader: Page, path: string): Promise<string[]> {
  const { entries } = await parseXmlEntries(reader, await fetchXml(reader.request, path));
  return entries.map((e) => e.title);
}

test('publishing shows an article everywhere within two seconds; unpublishing removes it everywhere', async ({
  browser,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const word = `زعفران${stamp}`;
  const headline = `افتتاح مهرجان ${word} في سمرقند`;
  const tag = `مهرجان ${stamp}`;

  const reader = await (await browser.newContext()).newPage();
  // Warm the caches first, so that what follows proves they are refreshed, not merely empty.
  await reader.goto('/');
  await reader.request.get('/feed.xml');
  await reader.request.get('/atom.xml');
  await reader.request.get('/sitemap.xml');
  await reader.request.get('/news-sitemap.xml');

  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  const ed = editorPage(editor);
  await ed.headline.fill(headline);
  await ed.body.click();
  await editor.keyboard.type('تنطلق اليوم فعاليات المهرجان السنوي بمشاركة فرق من عشرين دولة.');
  await editor.getByLabel('الوسوم').fill(tag);
  await waitUntilSaved(editor);
  await ed.button('إرسال للمراجعة').click();
  await expect(editor.locator('.status')).toHaveText('قيد المراجعة');
  await ed.button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');
  await ed.button('نشر').click();
  await expect(editor.locator('.status')).toHaveText('منشور');

  await expect(async () => {
    await reader.goto('/');
    await expect(reader.getByRole('link', { name: headline })).toBeVisible({ timeout: 100 });
  }).toPass(FRESH_WITHIN);
  await reader.getByRole('link', { name: headline }).click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  const articleUrl = reader.url();
  const authorPath = await reader.locator('.article-meta').getByRole('link').getAttribute('href');
  const tagPath = await reader.locator('.tags').getByRole('link', { name: tag }).getAttribute('href');

  await expect(async () => {
    expect(await feedTitles(reader, '/feed.xml')).toContain(headline);
    expect(await feedTitles(reader, '/atom.xml')).toContain(headline);
    expect(await feedTitles(reader, `${tagPath}/feed.xml`)).toContain(headline);
    expect(await feedTitles(reader, '/news-sitemap.xml')).toContain(headline);
    const sitemap = await parseXmlEntries(reader, await fetchXml(reader.request, '/sitemap.xml'));
    expect(sitemap.entries.map((e) => e.link)).toContain(articleUrl);
  }).toPass(FRESH_WITHIN);
  await reader.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(
    reader.getByRole('region', { name: 'نتائج البحث' }).getByRole('link', { name: headline }),
  ).toBeVisible();
  await reader.goto(authorPath!);
  await expect(reader.getByRole('link', { name: headline })).toBeVisible();
  await reader.goto(tagPath!);
  await expect(reader.getByRole('link', { name: headline })).toBeVisible();

  await ed.button('إلغاء النشر').click();
  await expect(editor.locator('.status')).toHaveText('غير منشور');

  await expect(async () => {
    const response = await reader.goto(articleUrl);
    expect(response?.status()).toBe(404);
  }).toPass(FRESH_WITHIN);
  await expect(reader.getByRole('heading', { name: 'الصفحة غير موجودة' })).toBeVisible();
  await expect(async () => {
    for (const path of ['/', authorPath!, tagPath!]) {
      const response = await reader.goto(path);
      if (response?.status() === 200)
        await expect(reader.getByRole('link', { name: headline })).toHaveCount(0, { timeout: 100 });
    }
    for (const path of [
      '/feed.xml',
      '/atom.xml',
      `${tagPath}/feed.xml`,
      `${tagPath}/atom.xml`,
      '/news-sitemap.xml',
    ]) {
      expect(await feedTitles(reader, path), path).not.toContain(headline);
    }
    const sitemap = await parseXmlEntries(reader, await fetchXml(reader.request, '/sitemap.xml'));
    expect(sitemap.entries.map((e) => decoded(e.link))).not.toContain(decoded(articleUrl));
  }).toPass(FRESH_WITHIN);
  await reader.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(reader.getByText('لا توجد نتائج')).toBeVisible();
  expect(articleId).toBeGreaterThan(0);
});
