import { expect, type Page } from '@playwright/test';

// كل المقالات (/newsroom/articles): the desk's index of every article the person may see.
export class ArticlesIndex {
  constructor(readonly page: Page) {}

  get searchForm() {
    return this.page.getByRole('search', { name: 'بحث في المقالات' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/newsroom/articles');
    await expect(this.page.getByRole('heading', { name: 'كل المقالات', level: 1 })).toBeVisible();
  }

  // Filters by words (folded as reader search folds them) and, optionally, a state's label.
  async search(words: string, stateLabel?: string): Promise<void> {
    await this.searchForm.getByLabel('بحث في المقالات').fill(words);
    if (stateLabel) await this.searchForm.getByLabel('الحالة').selectOption({ label: stateLabel });
    await this.searchForm.getByRole('button', { name: 'تصفية' }).click();
    await expect(this.page).toHaveURL(/\/newsroom\/articles\?q=/);
  }

  rowsWith(text: string) {
    return this.page.getByRole('row').filter({ hasText: text });
  }
}
