import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';

export { expect };

// Every spec's `test`: fails a test in which any page reported a Content-Security-Policy
// violation (the `securitypolicyviolation` event, or Chromium's console error about a CSP), so
// the headers of lib/security-headers.ts are proved on every page of every journey.
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ context }, use) => {
      const violations = await watchCsp(context);
      await use(violations);
      expect(violations, 'no Content-Security-Policy violation on any page').toEqual([]);
    },
    { auto: true },
  ],
});

const watched = new WeakMap<BrowserContext, string[]>();

// Collects the CSP violations of every page of a context (also the ones a spec opens itself).
export async function watchCsp(context: BrowserContext): Promise<string[]> {
  const known = watched.get(context);
  if (known) return known;
  const violations: string[] = [];
  watched.set(context, violations);
  await context.exposeBinding('__reportCspViolation', (_source, text: string) => violations.push(text));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __reportCspViolation?: (text: string) => void })
        .__reportCspViolation;
      report?.(`${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} on ${location.pathname}`);
    });
  });
  context.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
      violations.push(message.text());
  });
  return violations;
}

export const DEMO_PASSWORD = 'newsroom-demo';
export const REPORTER = 'reporter@newsroom.test';
export const EDITOR = 'editor@newsroom.test';
export const ADMIN = 'admin@newsroom.test';

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill(password);
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page).toHaveURL(/\/newsroom$/);
}

// A page signed in as `email` in its own browser context, so several people can act at once.
export async function personPage(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext();
  await watchCsp(context);
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

export function editorPage(page: Page) {
  return {
    headline: page.getByLabel('العنوان', { exact: true }),
    body: page.getByRole('textbox', { name: 'نص المقال' }),
    saveState: page.getByRole('status'),
    button: (name: string) => page.getByRole('button', { name, exact: true }),
  };
}

// Opens a new draft and returns its id.
export async function newArticle(page: Page): Promise<number> {
  await page.goto('/newsroom/articles/new');
  await expect(page).toHaveURL(/\/newsroom\/articles\/\d+$/);
  const id = Number(/\/articles\/(\d+)$/.exec(page.url())![1]);
  await waitUntilEditable(page);
  return id;
}

// The editor becomes editable once it has checked this browser's journal of unsaved work.
export async function waitUntilEditable(page: Page): Promise<void> {
  await expect(editorPage(page).body).toHaveAttribute('contenteditable', 'true');
}

export async function openArticle(page: Page, articleId: number): Promise<void> {
  await page.goto(`/newsroom/articles/${articleId}`);
  await waitUntilEditable(page);
}

export async function waitUntilSaved(page: Page): Promise<void> {
  await expect(editorPage(page).saveState).toHaveText('تم الحفظ');
}

// Records every text the save indicator shows, so a test can see "saving…" however brief it is.
export async function recordSaveStates(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const status = document.querySelector('[role="status"].save-state')!;
    const seen: string[] = [];
    (window as unknown as { saveStates: string[] }).saveStates = seen;
    new MutationObserver(() => seen.push(status.textContent ?? '')).observe(status, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  return () => page.evaluate(() => (window as unknown as { saveStates: string[] }).saveStates);
}

// Publishing needs a section: the first one, when the article has none yet.
export async function chooseSection(page: Page): Promise<void> {
  const section = page.getByLabel('القسم', { exact: true });
  if ((await section.inputValue()) === '') {
    await section.selectOption({ index: 1 });
    await waitUntilSaved(page);
  }
}

// Unpublishing asks first, naming the article.
export async function unpublishConfirmed(page: Page): Promise<void> {
  await editorPage(page).button('إلغاء النشر').click();
  const dialog = page.getByRole('dialog', { name: 'إلغاء النشر' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'تأكيد' }).click();
  await expect(page.locator('.status')).toHaveText('غير منشور');
}

// An editor takes their own open draft through the desk: submit, approve, publish.
export async function publishThroughDesk(page: Page): Promise<void> {
  await chooseSection(page);
  for (const [button, status] of [
    ['إرسال للمراجعة', 'قيد المراجعة'],
    ['اعتماد', 'معتمد'],
    ['نشر', 'منشور'],
  ] as const) {
    await editorPage(page).button(button).click();
    await expect(page.locator('.status')).toHaveText(status);
  }
}

// Finds a server action's id in the page's JavaScript, as anyone with the page can.
export async function pageActionId(page: Page, name: string): Promise<string> {
  const scripts = await page.evaluate(() => Array.from(document.scripts, (s) => s.src).filter(Boolean));
  for (const src of scripts) {
    const code = await (await page.request.get(src)).text();
    const match = new RegExp(`"([0-9a-f]{40,})"[^"]{0,200}"${name}"`).exec(code);
    if (match) return match[1]!;
  }
  throw new Error(`no server action named ${name} in the page's scripts`);
}

// Posts a raw body to a server action from the page's own address and session, as React's
// client does (its arguments are JSON.stringify([input])).
export function postToAction(page: Page, id: string, body: string) {
  return page.request.post(page.url(), {
    headers: { 'Next-Action': id, Accept: 'text/x-component', 'Content-Type': 'text/plain;charset=UTF-8' },
    data: body,
  });
}
