import { expect, type Page } from '@playwright/test';

// The article editor (/newsroom/articles/<id>) as a journalist meets it: the fields by their
// Arabic labels, the save indicator, the workflow buttons and the conflict panel.
export class EditorPage {
  constructor(readonly page: Page) {}

  get headline() {
    return this.page.getByLabel('العنوان', { exact: true });
  }
  get body() {
    return this.page.getByRole('textbox', { name: 'نص المقال' });
  }
  get saveState() {
    // The editor's own status line (the desk's panels have theirs).
    return this.page.getByRole('status').and(this.page.locator('.save-state'));
  }
  get status() {
    return this.page.locator('.status');
  }
  get conflictHeading() {
    return this.page.getByRole('heading', { name: 'تعارض في التعديل' });
  }
  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }
  // One side of the conflict panel for a field: 'نسختهم' (theirs) or 'نسختي' (mine).
  conflictSide(side: 'نسختهم' | 'نسختي', field = 'نص المقال') {
    return this.page.getByRole('region', { name: `${side}: ${field}` });
  }

  // This page stops hearing of others' saves (its presence heartbeat, which carries the article's
  // version, is cut; its own saves still go through): a page left stale, to make a conflict.
  async keepStale(): Promise<void> {
    await this.page.route('**/*', (route) =>
      route.request().method() === 'POST' && (route.request().postData() ?? '').includes('"tabId"')
        ? route.abort()
        : route.fallback(),
    );
  }

  // Opens a new draft and returns its id.
  async openNew(): Promise<number> {
    await this.page.goto('/newsroom/articles/new');
    await expect(this.page).toHaveURL(/\/newsroom\/articles\/\d+$/);
    const id = Number(/\/articles\/(\d+)$/.exec(this.page.url())![1]);
    await this.waitUntilEditable();
    return id;
  }

  async open(articleId: number): Promise<void> {
    await this.page.goto(`/newsroom/articles/${articleId}`);
    await this.waitUntilEditable();
  }

  // The editor becomes editable once it has checked this browser's journal of unsaved work.
  async waitUntilEditable(): Promise<void> {
    await expect(this.body).toHaveAttribute('contenteditable', 'true');
  }

  async waitUntilSaved(): Promise<void> {
    await expect(this.saveState).toHaveText('تم الحفظ');
  }

  // Types at the end of the body, as a journalist adding a line would.
  async typeInBody(text: string): Promise<void> {
    await this.body.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  // A new draft written by this page's person: its headline and one paragraph a line, saved.
  async draft(headline: string, ...paragraphs: string[]): Promise<number> {
    const articleId = await this.openNew();
    await this.headline.fill(headline);
    await this.typeInBody(paragraphs[0]!);
    for (const paragraph of paragraphs.slice(1)) {
      await this.page.keyboard.press('Enter');
      await this.page.keyboard.type(paragraph);
    }
    await this.waitUntilSaved();
    return articleId;
  }

  // Puts the caret at the end of paragraph `index` (0-based) and types there.
  async typeAtEndOf(index: number, text: string): Promise<void> {
    await this.body.locator('p').nth(index).click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text, { delay: 15 });
  }

  // The body's paragraphs, one a line, without the other people's caret labels.
  async bodyText(): Promise<string> {
    return this.body.evaluate((body) =>
      [...body.querySelectorAll('p')]
        .map((p) => {
          const copy = p.cloneNode(true) as HTMLElement;
          for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
          return copy.textContent ?? '';
        })
        .join('\n'),
    );
  }

  // Selects `words` in the body (as a drag over them would) and leaves the focus in the body.
  async selectWords(words: string): Promise<void> {
    await this.body.evaluate((body, w) => {
      // TipTap keeps its editor on the element (dom.editor), for tests like this one.
      type Ed = {
        state: {
          doc: { descendants: (f: (n: { isText: boolean; text?: string }, pos: number) => void) => void };
        };
        chain: () => {
          focus: () => { setTextSelection: (r: { from: number; to: number }) => { run: () => boolean } };
        };
      };
      const ed = (body as unknown as { editor: Ed }).editor;
      let from = -1;
      ed.state.doc.descendants((node, pos) => {
        const at = node.isText ? node.text!.indexOf(w) : -1;
        if (from < 0 && at >= 0) from = pos + at;
      });
      if (from < 0) throw new Error(`no «${w}» in the body`);
      ed.chain()
        .focus()
        .setTextSelection({ from, to: from + w.length })
        .run();
    }, words);
    await expect.poll(() => this.page.evaluate(() => window.getSelection()?.toString())).toBe(words);
  }

  // Publishing needs a section: the first one, when the article has none yet.
  async chooseSection(): Promise<void> {
    const section = this.page.getByLabel('القسم', { exact: true });
    if ((await section.inputValue()) === '') {
      await section.selectOption({ index: 1 });
      await this.waitUntilSaved();
    }
  }

  // Presses a workflow button and waits for the state it leads to.
  async moveTo(button: string, status: string): Promise<void> {
    await this.button(button).click();
    await expect(this.status).toHaveText(status);
  }

  // An editor takes their own open draft through the desk: submit, approve, publish.
  async publishThroughDesk(): Promise<void> {
    await this.chooseSection();
    await this.moveTo('إرسال للمراجعة', 'قيد المراجعة');
    await this.moveTo('اعتماد', 'معتمد');
    await this.moveTo('نشر', 'منشور');
  }

  // Unpublishing asks first, naming the article.
  async unpublishConfirmed(): Promise<void> {
    await this.button('إلغاء النشر').click();
    const dialog = this.page.getByRole('dialog', { name: 'إلغاء النشر' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'تأكيد' }).click();
    await expect(this.status).toHaveText('غير منشور');
  }
}
