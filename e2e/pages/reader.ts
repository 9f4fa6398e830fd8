import { expect, type Page } from '@playwright/test';

// A reader's article page (/news/<id>/<slug>), loaded by its address as a reader's browser would.
export class ReaderArticle {
  constructor(readonly page: Page) {}

  get headline() {
    return this.page.getByRole('heading', { level: 1 });
  }
  get dateline() {
    return this.page.locator('.article-meta .dateline');
  }
  get body() {
    return this.page.locator('.article-body');
  }
  get tags() {
    return this.page.locator('.tags li');
  }

  // By the short link /news/<id>, which redirects to the article's full address.
  async open(articleId: number): Promise<void> {
    const response = await this.page.goto(`/news/${articleId}`);
    expect(response?.status()).toBe(200);
  }
}
