import { expect, test } from './fixtures';
import { decoded, fetchXml, lastListPage, parseXmlEntries } from './reader-helpers';

const DEMO_HEADLINE = 'ميرضيائيف يدعو إلى تعزيز التعاون الإقليمي لضمان السلام والأمن في جهود مكافحة الإرهاب';

test('a reader reads the demo article: dates, byline, tags, sharing, counts and related pages', async ({
  page,
}) => {
  // The demo newsroom's front page (lib/demo/): its top story, الأكثر قراءة and a block per section.
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'الخبر الرئيسي' }).getByRole('link')).not.toHaveCount(0);
  await expect(page.getByRole('complementary', { name: 'الأكثر قراءة' }).getByRole('listitem')).toHaveCount(
    5,
  );
  for (const section of ['دولي', 'محلي', 'اقتصاد', 'رياضة', 'ثقافة'])
    await expect(page.getByRole('region', { name: section, exact: true })).toBeVisible();
  // The sample article reports a day in 2024: the oldest story, so the last one of آخر الأخبار,
  // reached page by page from the front page.
  await lastListPage(page);
  await expect(
    page.locator('.story-grid > li').last().getByRole('link', { name: DEMO_HEADLINE }),
  ).toBeVisible();
  await page.getByRole('link', { name: DEMO_HEADLINE }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(DEMO_HEADLINE);
  await expect(page.locator('.article-meta')).toContainText('نُشر في 5 سبتمبر 2024');
  await expect(page.locator('.article-meta')).not.toContainText('حُدّث في');
  await expect(page.locator('.article-meta .dateline')).toHaveText('مكان الخبر: طشقند');
  await expect(page.locator('.counters')).toContainText(/مشاهدات: \d+/);
  await expect(page.locator('.counters')).toContainText(/مشاركات: \d+/);

  const share = page.getByRole('region', { name: 'مشاركة' });
  await expect(share.getByRole('button', { name: 'نسخ الرابط' })).toBeVisible();
  for (const [name, host] of [
    ['واتساب', 'https://wa.me/'],
    ['تيليجرام', 'https://t.me/'],
    ['إكس', 'https://x.com/'],
    ['فيسبوك', 'https://www.facebook.com/'],
    ['البريد الإلكتروني', 'mailto:'],
  ]) {
    const href = await share.getByRole('link', { name: name!, exact: true }).getAttribute('href');
    expect(href).toContain(host!);
    expect(decoded(href!)).toContain('/news/1/');
  }
  // The article page is plain HTML: no framework or editor code, no third-party script, only its
  // own small inline script (counts and sharing, which the checks above needed).
  expect(await page.locator('script[src]').count()).toBe(0);
  const inline = await page.$$eval('script:not([type])', (els) => els.map((e) => e.textContent ?? ''));
  expect(inline).toHaveLength(1);
  // About 5 kB since it also loads and sends comments (lib/reader/scripts.ts); under 2 kB gzipped.
  expect(inline[0]!.length).toBeLessThan(6000);
  // Every reader page is plain HTML now, the front page included: no script file at all.
  await page.goto('/');
  expect(await page.locator('script[src]').count()).toBe(0);
  await page.goto('/news/1');

  // Tag, section and author pages list it: last, being the oldest, after the demo day's stories
  // and the ones this suite publishes.
  await page.locator('.tags').getByRole('link', { name: 'طشقند', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('الوسم: طشقند');
  await lastListPage(page);
  await expect(page.getByRole('link', { name: DEMO_HEADLINE })).toBeVisible();
  await page.goto('/news/1');
  await page.locator('article').getByRole('link', { name: 'دولي', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('دولي');
  await lastListPage(page);
  await expect(page.getByRole('link', { name: DEMO_HEADLINE })).toBeVisible();
  await page.goto('/news/1');
  await page.locator('.article-meta').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^الكاتب: /);
  await lastListPage(page);
  await expect(page.getByRole('link', { name: DEMO_HEADLINE })).toBeVisible();

  // An unknown page of a list, a section or a tag is the Arabic 404.
  for (const path of [
    '/section/لا-يوجد',
    '/tag/لا-يوجد',
    '/author/999999',
    '/page/99',
    '/section/دولي/page/1',
  ]) {
    const response = await page.goto(encodeURI(path));
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'الصفحة غير موجودة' })).toBeVisible();
  }
});

test('an article page is served from the cache with headers a CDN can keep', async ({ request }) => {
  await request.get('/news/1');
  const page = await request.get(
    '/news/1/' +
      encodeURIComponent('ميرضيائيف-يدعو-إلى-تعزيز-التعاون-الإقليمي-لضمان-السلام-والأمن-في-جهود-مكافحة'),
    {
      maxRedirects: 0,
    },
  );
  // The slug is the seed's current one or it redirects there; either way follow once.
  const final = page.status() === 308 ? await request.get(page.headers()['location']!) : page;
  expect(final.status()).toBe(200);
  // Next renders it (x-front-copy-bypass takes the request past server.mjs's front copy), with headers a
  // CDN may follow.
  const again = await request.get(final.url(), { headers: { 'x-front-copy-bypass': '1' } });
  expect(again.status()).toBe(200);
  expect(again.headers()['cache-control']).toMatch(/s-maxage=\d+/);
  expect(again.headers()['cache-control']).toMatch(/stale-while-revalidate/);
  expect(again.headers()['cache-control']).not.toMatch(/private|no-store/);
  // And the names a CDN purges it by when the article changes (lib/http/route-kinds.mjs).
  expect(again.headers()['surrogate-key']).toMatch(/^article-\d+$/);
  // The production server (server.mjs) then serves it from memory, byte for byte what Next gave,
  // gzipped for browsers that take it.
  const url = final.url();
  await expect
    .poll(async () => (await request.get(url)).headers()['x-front-cache'], { timeout: 5_000 })
    .toBe('hit');
  const front = await request.get(url, { headers: { 'accept-encoding': 'gzip' } });
  expect(front.headers()['content-encoding']).toBe('gzip');
  const fromNext = await request.get(url, { headers: { 'x-front-copy-bypass': '1' } });
  expect(fromNext.headers()['x-front-cache']).toBeUndefined();
  expect(await front.text()).toBe(await fromNext.text());
  expect(front.headers()['cache-control']).toBe(fromNext.headers()['cache-control']);
  expect(front.headers()['surrogate-key']).toBe(fromNext.headers()['surrogate-key']);
  expect((await request.get('/')).headers()['surrogate-key']).toBe('home');
  // A query string, or any other spelling of the address, always goes to Next.
  expect((await request.get(`${url}?x=1`)).headers()['x-front-cache']).toBeUndefined();
  const lowercase = url.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  expect(lowercase).not.toBe(url);
  for (let i = 0; i < 3; i++) {
    const variant = await request.get(lowercase);
    expect(variant.status()).toBe(200);
    // Never copied: a copy would have been made after the first answer.
    expect(variant.headers()['x-front-cache']).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  // A CDN keeps it minutes, not a day: unpublishing must reach readers behind it too.
  expect(Number(/s-maxage=(\d+)/.exec(again.headers()['cache-control']!)![1])).toBeLessThanOrEqual(120);
});

test('search finds Arabic words whatever their spelling, and bad queries give a normal page', async ({
  page,
  request,
}) => {
  const spellings = [
    'مكافحة', // as written
    'مكافحه', // taa marbuta as haa
    'الاقليمي', // hamza-less alef
    'والإرهاب', // attached و and the article
    'لمكافحة', // attached ل
    'مُكَافَحَة', // with diacritics
    'مكـــافحة', // with tatweel
    'الى', // alef maqsura as in إلى
    'الي', // yaa for alef maqsura
    '٢٠٢٤', // Arabic-Indic digits for 2024
    'ميرضيائيف أوزبكستان',
  ];
  for (const q of spellings) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status(), q).toBe(200);
    const results = page.getByRole('region', { name: 'نتائج البحث' });
    await expect(results.getByRole('link', { name: DEMO_HEADLINE }), q).toBeVisible();
    await expect(results.locator('mark').first(), q).toBeVisible();
  }
  // The marks wrap the original words, not their folded forms.
  await page.goto(`/search?q=${encodeURIComponent('مكافحه')}`);
  await expect(page.locator('.snippet mark').first()).toHaveText(/مكافحة/);

  await page.goto(`/search?q=${encodeURIComponent('كلمة-لا-توجد-أبدا')}`);
  await expect(page.getByText('لا توجد نتائج')).toBeVisible();

  for (const q of [
    '',
    ' ',
    '"',
    "'",
    'مكافحة"',
    'NEAR(a b)',
    'a* OR b:',
    '(((',
    '-',
    '^',
    '{}',
    'x'.repeat(10_000),
    '<script>alert(1)</script>',
  ]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(q)}`);
    expect(response?.status(), q.slice(0, 20)).toBe(200);
    await expect(page.getByRole('heading', { name: 'بحث', level: 1 })).toBeVisible();
  }
  // A query asked again is answered from the front copy (lib/server/front-copy.mjs), whatever the
  // spelling of its address, byte for byte what Next writes, with the headers a CDN keeps by.
  const asked = `/search?q=${encodeURIComponent('مكافحة الإرهاب')}`;
  await (await request.get(asked)).text();
  const formSpelling = `/search?page=&q=${new URLSearchParams({ q: 'مكافحة الإرهاب' }).toString().slice(2)}`;
  await expect
    .poll(async () => (await request.get(formSpelling)).headers()['x-front-cache'], { timeout: 5_000 })
    .toBe('hit');
  const copied = await request.get(formSpelling);
  expect(copied.headers()['x-front-cache']).toBe('hit');
  const rendered = await request.get(asked, { headers: { 'x-front-copy-bypass': '1' } });
  expect(rendered.headers()['x-front-cache']).toBeUndefined();
  expect(await copied.text()).toBe(await rendered.text());
  for (const header of ['cache-control', 'surrogate-key', 'content-security-policy'])
    expect(copied.headers()[header], header).toBe(rendered.headers()[header]);
  expect(copied.headers()['surrogate-key']).toBe('search');
  // Any other parameter goes to Next every time.
  await (await request.get(`${asked}&x=1`)).text();
  expect((await request.get(`${asked}&x=1`)).headers()['x-front-cache']).toBeUndefined();

  // The search form works from the page itself.
  await page.goto('/search');
  await page.getByRole('main').getByRole('searchbox', { name: 'بحث' }).fill('شنغهاي');
  await page.getByRole('main').getByRole('button', { name: 'بحث' }).click();
  await expect(
    page.getByRole('region', { name: 'نتائج البحث' }).getByRole('link', { name: DEMO_HEADLINE }),
  ).toBeVisible();
});

test('feeds, sitemaps, robots.txt and the article metadata parse and list what they should', async ({
  page,
  request,
}) => {
  // The latest twenty at most, newest first: the demo day's stories (21 published, 4 of them in
  // دولي) and the ones this suite publishes, each at its address.
  for (const [path, least] of [
    ['/feed.xml', 20],
    ['/atom.xml', 20],
    [`/section/${encodeURIComponent('دولي')}/feed.xml`, 4],
  ] as const) {
    const { root, entries } = await parseXmlEntries(page, await fetchXml(request, path));
    expect(['rss', 'feed'], path).toContain(root);
    expect(entries.length, path).toBeGreaterThanOrEqual(least);
    expect(entries.length, path).toBeLessThanOrEqual(20);
    for (const entry of entries) {
      expect(entry.title, path).not.toBe('');
      expect(decoded(entry.link), path).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/news\/\d+\/[^/]+$/);
    }
  }
  // The sample article from 2024 is older than twenty others; the feeds of tags only it carries
  // list it.
  for (const path of [
    `/tag/${encodeURIComponent('مكافحة-الإرهاب')}/feed.xml`,
    `/tag/${encodeURIComponent('رابطة-الدول-المستقلة')}/atom.xml`,
  ]) {
    const { root, entries } = await parseXmlEntries(page, await fetchXml(request, path));
    expect(['rss', 'feed'], path).toContain(root);
    expect(
      entries.map((e) => e.title),
      path,
    ).toEqual([DEMO_HEADLINE]);
    expect(decoded(entries[0]!.link)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/news\/1\/ميرضيائيف/);
  }
  const sitemap = await parseXmlEntries(page, await fetchXml(request, '/sitemap.xml'));
  expect(sitemap.root).toBe('urlset');
  expect(sitemap.entries.map((e) => decoded(e.link))).toContainEqual(
    expect.stringMatching(/\/news\/1\/ميرضيائيف/),
  );
  // The demo article is from 2024: not news any more.
  const news = await parseXmlEntries(page, await fetchXml(request, '/news-sitemap.xml'));
  expect(news.root).toBe('urlset');
  expect(news.entries.map((e) => e.title)).not.toContain(DEMO_HEADLINE);

  const robots = await (await request.get('/robots.txt')).text();
  expect(robots).toContain('Disallow: /newsroom');
  expect(robots).toMatch(/Sitemap: http:\/\/127\.0\.0\.1:\d+\/sitemap\.xml/);

  await page.goto('/news/1');
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(decoded(canonical!)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/news\/1\/ميرضيائيف/);
  await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', DEMO_HEADLINE);
  await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', /summary/);
  await expect(page.locator('link[rel="alternate"][type="application/rss+xml"]').first()).toHaveCount(1);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd['@type']).toBe('NewsArticle');
  expect(jsonLd.headline).toBe(DEMO_HEADLINE);
  expect(new Date(jsonLd.datePublished).toISOString()).toBe(jsonLd.datePublished);
  expect(jsonLd.dateModified).toBeTruthy();
  expect(jsonLd.author[0].name).toBeTruthy();
  expect(jsonLd.publisher.name).toBe('غرفة الأخبار');
});

test('a view counts once per visitor per half hour, cookies or not, and never for a known bot', async ({
  browser,
  request,
}) => {
  const views = async () => ((await (await request.get('/api/stats/1')).json()) as { views: number }).views;
  const before = await views();

  // A browser of its own: every test reaches the server from the same address, and the other
  // tests' default browser has already been counted on this article.
  const userAgent = `Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0 t${Date.now()}`;
  const reader = await (await browser.newContext({ userAgent })).newPage();
  await reader.goto('/news/1');
  await expect.poll(views).toBe(before + 1);
  await expect(reader.locator('.counters')).toContainText('مشاهدات:');
  // Reloading, and reading again, in the same browser adds nothing.
  const beacon = reader.waitForRequest((r) => r.url().endsWith('/api/views/1'));
  await reader.reload();
  await beacon;
  await reader.goto('/');
  await reader.goto('/news/1');
  await expect.poll(views).toBe(before + 1);

  const bot = await (
    await browser.newContext({
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    })
  ).newPage();
  const botBeacon = bot.waitForResponse((r) => r.url().endsWith('/api/views/1'));
  await bot.goto('/news/1');
  await botBeacon;
  expect(await views()).toBe(before + 1);

  // A fresh browser context has no cookies, yet it is the same visitor: same address, same browser.
  const sameVisitor = await (await browser.newContext({ userAgent })).newPage();
  const repeat = sameVisitor.waitForResponse((r) => r.url().endsWith('/api/views/1'));
  await sameVisitor.goto('/news/1');
  await repeat;
  expect(await views()).toBe(before + 1);

  // Another browser on the same address is another reader.
  const another = await (
    await browser.newContext({
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    })
  ).newPage();
  await another.goto('/news/1');
  await expect.poll(views).toBe(before + 2);
});

test('copying the link copies the article address, and sharing counts once per visitor', async ({
  browser,
  request,
}) => {
  const shares = async () =>
    ((await (await request.get('/api/stats/1')).json()) as { shares: number }).shares;
  const before = await shares();
  const context = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const reader = await context.newPage();
  await reader.goto('/news/1');
  const share = reader.getByRole('region', { name: 'مشاركة' });
  await share.getByRole('button', { name: 'نسخ الرابط' }).click();
  await expect(share.getByRole('status')).toHaveText('تم نسخ الرابط');
  const copied = await reader.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(await reader.locator('link[rel="canonical"]').getAttribute('href'));
  await expect.poll(shares).toBe(before + 1);

  // A share link opens the service in a new tab; the same reader sharing again within half an hour
  // is not counted again.
  const popup = context.waitForEvent('page');
  const shareBeacon = reader.waitForResponse((r) => r.url().endsWith('/api/shares/1'));
  await share.getByRole('link', { name: 'تيليجرام', exact: true }).click();
  await (await popup).close();
  await shareBeacon;
  expect(await shares()).toBe(before + 1);
  // The counts on the page come from the engagement route, in the newsroom's digits. That answer
  // is the same for every signed-out reader and kept a few seconds (its s-maxage), so a reload
  // shows the new count within them.
  const shown = reader.locator('.counters data[data-count="shares"]');
  await expect
    .poll(
      async () => {
        const engagement = reader.waitForResponse((r) => r.url().endsWith('/api/articles/1/engagement'));
        await reader.reload();
        await engagement;
        await expect(shown).not.toHaveAttribute('value', '');
        return shown.getAttribute('value');
      },
      { timeout: 15_000, intervals: [1_000] },
    )
    .toBe(String(before + 1));
  await context.close();
});
