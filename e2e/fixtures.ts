import {
  test as base,
  expect,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from '@playwright/test';
import { EditorPage } from './pages/editor';

export { expect };
export { EditorPage } from './pages/editor';
export { ArticlesIndex } from './pages/desk';
export { ReaderArticle } from './pages/reader';

// Every spec's `test`: fails a test in which any page reported a Content-Security-Policy
// violation (the `securitypolicyviolation` event, or Chromium's console error about a CSP), so
// the headers of lib/http/security-headers.ts are proved on every page of every journey.
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

// Signed-in states saved once per person for the whole run (Playwright's storageState): a UI
// sign-in costs an argon2 check and three page loads, and the suite needs about seventy people.
// A saved state is checked before use (a spec may have signed that person out everywhere, or
// changed their role): when the newsroom no longer lets it in, the person signs in again.
const signedInStates = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

// A page signed in as `email` in its own browser context, so several people can act at once.
export async function personPage(browser: Browser, email: string): Promise<Page> {
  const saved = signedInStates.get(email);
  const context = await browser.newContext(saved ? { storageState: saved } : {});
  await watchCsp(context);
  const page = await context.newPage();
  if (saved) {
    await page.goto('/newsroom');
    if (new URL(page.url()).pathname === '/newsroom') return page;
  }
  await signIn(page, email);
  signedInStates.set(email, await context.storageState());
  return page;
}

// A member the admin adds on الفريق (صحفي), with a first password they are made to change.
export async function addMember(
  admin: Page,
  name: string,
  email: string,
  firstPassword: string,
): Promise<void> {
  await admin.goto('/newsroom/people');
  const add = admin.getByRole('form', { name: 'إضافة عضو' });
  await add.getByLabel('الاسم').fill(name);
  await add.getByLabel('البريد الإلكتروني').fill(email);
  await add.getByLabel('الدور').selectOption({ label: 'صحفي' });
  await add.getByLabel('كلمة المرور الأولى').fill(firstPassword);
  await add.getByRole('button', { name: 'إضافة عضو' }).click();
  await expect(add.getByRole('status')).toContainText(name);
}

// The editor's page object (e2e/pages/editor.ts); kept under this name for the older specs.
export function editorPage(page: Page): EditorPage {
  return new EditorPage(page);
}

// Opens a new draft and returns its id.
export const newArticle = (page: Page): Promise<number> => new EditorPage(page).openNew();
export const waitUntilEditable = (page: Page): Promise<void> => new EditorPage(page).waitUntilEditable();
export const openArticle = (page: Page, articleId: number): Promise<void> =>
  new EditorPage(page).open(articleId);
export const waitUntilSaved = (page: Page): Promise<void> => new EditorPage(page).waitUntilSaved();

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

export const chooseSection = (page: Page): Promise<void> => new EditorPage(page).chooseSection();
export const unpublishConfirmed = (page: Page): Promise<void> => new EditorPage(page).unpublishConfirmed();
export const publishThroughDesk = (page: Page): Promise<void> => new EditorPage(page).publishThroughDesk();

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

// The desk's date and time fields (app/(newsroom)/newsroom/_desk/TimeFields.tsx): a fieldset
// named `label` with التاريخ (day/month/year) and الساعة (24-hour). `minute` is
// 'YYYY-MM-DDTHH:MM' as the tests compute it, or '' to empty both.
export async function fillMinute(
  scope: Page | Locator,
  label: string | RegExp,
  minute: string,
): Promise<void> {
  const group = scope.getByRole('group', { name: label });
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2})$/.exec(minute);
  await group.getByLabel('التاريخ').fill(match ? `${match[3]}/${match[2]}/${match[1]}` : minute);
  await group.getByLabel('الساعة').fill(match ? match[4]! : '');
}

// The same minute as the desk's messages say it: '07/12/2026 21:05'.
export const minuteText = (minute: string): string =>
  minute.replace(/^(\d{4})-(\d{2})-(\d{2})T/, '$3/$2/$1 ');
