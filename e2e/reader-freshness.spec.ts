import { type APIRequestContext, type Page } from '@playwright/test';
import {
  expect,
  test,
  chooseSection,
  EDITOR,
  editorPage,
  newArticle,
  personPage,
  unpublishConfirmed,
  waitUntilSaved,
} from './fixtures';
import { decoded, fetchXml, parseXmlEntries } from './reader-helpers';

// Publishing and unpublishing refresh every cached reader page that shows the article within two
// seconds: its page, the home page, its tag and author pages, the feeds, the sitemaps and search.

// Passes when a check STARTED within `ms` of now succeeds: what the server answers at that moment
// is what counts, not how long a loaded test machine takes to look at it.
async function seenWithin(what: string, check: () => Promise<boolean>, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const startedAt = Date.now();
    if (await check()) return;
    if (startedAt > deadline) throw new Error(`not seen within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function htmlOf(request: APIRequestContext, path: string): Promise<{ status: number; html: string }> {
  const response = await request.get(path, { maxRedirects: 0 });
  return { status: response.status(), html: await response.text() };
}

async function xmlTitles(reader: Page, path: string): Promise<string[]> {
  const { entries } = await parseXmlEntries(reader, await fetchXml(reader.request, path));
  return entries.map((e) => e.title);
}

async function sitemapLinks(reader: Page): Promise<string[]> {
  const { entries } = await parseXmlEntries(reader, await fetchXml(reader.request, '/sitemap.xml'));
  return entries.map((e) => decoded(e.link));
}

test('publishing shows an article everywhere within two seconds; unpublishing removes it everywhere', async ({
  browser,
  baseURL,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const word = `زعفران${stamp}`;
  const headline = `افتتاح مهرجان ${word} في سمرقند`;
  const tag = `مهرجان ${stamp}`;
  const tagPath = `/tag/${encodeURIComponent(`مهرجان-${stamp}`)}`;

  const reader = await (await browser.newContext()).newPage();
  const request = reader.request;
  // Warm the caches first, so that what follows proves they are refreshed, not merely empty.
  for (const path of ['/', '/feed.xml', '/atom.xml', '/sitemap.xml', '/news-sitemap.xml'])
    await request.get(path);

  const editor = await personPage(browser, EDITOR);
  const articleId = await newArticle(editor);
  const ed = editorPage(editor);
  await ed.headline.fill(headline);
  await ed.body.click();
  await editor.keyboard.type('تنطلق اليوم فعاليات المهرجان السنوي بمشاركة فرق من عشرين دولة.');
  await editor.getByLabel('الوسوم').fill(tag);
  // A tag becomes a tag when the journalist finishes it (Enter), not while it is typed.
  await editor.getByLabel('الوسوم').press('Enter');
  await waitUntilSaved(editor);
  await chooseSection(editor);
  await ed.button('إرسال للمراجعة').click();
  await expect(editor.locator('.status')).toHaveText('قيد المراجعة');
  await ed.button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');
  await ed.button('نشر').click();
  await expect(editor.locator('.status')).toHaveText('منشور');

  const articlePath = `/news/${articleId}/${encodeURIComponent(`افتتاح-مهرجان-${word}-في-سمرقند`)}`;
  const articleUrl = new URL(articlePath, baseURL).href;
  // A list shows the article when it links to it (search results split the headline with marks).
  const linksTo = (html: string) => html.includes(`/news/${articleId}/`);
  const listed = async (path: string) => linksTo((await htmlOf(request, path)).html);
  await Promise.all([
    seenWithin('article page', async () => (await htmlOf(request, articlePath)).status === 200),
    seenWithin('home', () => listed('/')),
    seenWithin('tag page', () => listed(tagPath)),
    seenWithin('RSS', async () => (await xmlTitles(reader, '/feed.xml')).includes(headline)),
    seenWithin('Atom', async () => (await xmlTitles(reader, '/atom.xml')).includes(headline)),
    seenWithin('tag feed', async () => (await xmlTitles(reader, `${tagPath}/feed.xml`)).includes(headline)),
    seenWithin('news sitemap', async () => (await xmlTitles(reader, '/news-sitemap.xml')).includes(headline)),
    seenWithin('sitemap', async () => (await sitemapLinks(reader)).includes(decoded(articleUrl))),
    seenWithin('search', () => listed(`/search?q=${encodeURIComponent(word)}`)),
  ]);

  // What a reader sees in the browser: the home page links to it, and its page reads well.
  await reader.goto('/');
  await reader.getByRole('link', { name: headline }).first().click();
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(headline);
  const authorPath = (await reader.locator('.article-meta').getByRole('link').getAttribute('href'))!;
  expect(await listed(authorPath)).toBe(true);

  // The article page is now also kept in front of Next by the production server (server.mjs):
  // unpublishing must empty that copy too.
  await seenWithin(
    'article page kept in front of Next',
    async () => (await request.get(articlePath)).headers()['x-front-cache'] === 'hit',
    5_000,
  );

  await unpublishConfirmed(editor);

  const gone = async (path: string) => {
    const { status, html } = await htmlOf(request, path);
    return status === 404 || (status === 200 && !linksTo(html));
  };
  await Promise.all([
    seenWithin('article page 404', async () => (await htmlOf(request, articlePath)).status === 404),
    seenWithin('home', () => gone('/')),
    seenWithin('tag page', () => gone(tagPath)),
    seenWithin('author page', () => gone(authorPath)),
    seenWithin('search', () => gone(`/search?q=${encodeURIComponent(word)}`)),
    ...['/feed.xml', '/atom.xml', '/news-sitemap.xml'].map((path) =>
      seenWithin(path, async () => !(await xmlTitles(reader, path)).includes(headline)),
    ),
    // The tag was this article's alone: with it unpublished, the tag has no feed at all.
    ...[`${tagPath}/feed.xml`, `${tagPath}/atom.xml`].map((path) =>
      seenWithin(path, async () => (await request.get(path)).status() === 404),
    ),
    seenWithin('sitemap', async () => !(await sitemapLinks(reader)).includes(decoded(articleUrl))),
  ]);
  const response = await reader.goto(articlePath);
  expect(response?.status()).toBe(404);
  await expect(reader.getByRole('heading', { name: 'الصفحة غير موجودة' })).toBeVisible();
  await reader.goto(`/search?q=${encodeURIComponent(word)}`);
  await expect(reader.getByText('لا توجد نتائج')).toBeVisible();
});
