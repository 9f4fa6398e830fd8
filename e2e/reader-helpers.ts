import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Reader-side helpers: feeds and sitemaps are fetched as text and parsed with the browser's own
// XML parser (DOMParser), which refuses anything that is not well-formed.

export type XmlEntry = { title: string; link: string };

export async function fetchXml(request: APIRequestContext, path: string): Promise<string> {
  const response = await request.get(path);
  expect(response.status(), path).toBe(200);
  return response.text();
}

// Entries of an RSS 2.0 feed (item), an Atom feed (entry) or a sitemap (url).
export async function parseXmlEntries(
  page: Page,
  xml: string,
): Promise<{ root: string; entries: XmlEntry[] }> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'application/xml');
    if (doc.getElementsByTagName('parsererror').length > 0)
      throw new Error(`not well-formed XML: ${text.slice(0, 200)}`);
    const root = doc.documentElement.localName;
    const child = (el: Element, name: string) =>
      Array.from(el.children).find((c) => c.localName === name || c.nodeName === name);
    const items = Array.from(
      doc.documentElement.getElementsByTagName(root === 'rss' ? 'item' : root === 'feed' ? 'entry' : 'url'),
    );
    const entries = items.map((item) => {
      if (root === 'feed') {
        return {
          title: child(item, 'title')?.textContent ?? '',
          link: child(item, 'link')?.getAttribute('href') ?? '',
        };
      }
      if (root === 'urlset') {
        const title = item.getElementsByTagNameNS(
          'http://www.google.com/schemas/sitemap-news/0.9',
          'title',
        )[0];
        return { title: title?.textContent ?? '', link: child(item, 'loc')?.textContent ?? '' };
      }
      return { title: child(item, 'title')?.textContent ?? '', link: child(item, 'link')?.textContent ?? '' };
    });
    return { root, entries };
  }, xml);
}

export const decoded = (url: string) => decodeURIComponent(url);

// The last page of a reader's list (home, section, tag, author), reached as a reader would: by
// following «الصفحة التالية» until there is none. Each page is a full load (plain HTML).
export async function lastListPage(page: Page): Promise<void> {
  const next = page
    .getByRole('navigation', { name: 'الصفحات' })
    .getByRole('link', { name: 'الصفحة التالية' });
  for (let pages = 1; (await next.count()) > 0; pages++) {
    expect(pages, 'a list of fewer than 50 pages').toBeLessThan(50);
    await next.click();
    await page.waitForLoadState();
  }
}
