import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { APIRequestContext, Browser, BrowserContext } from '@playwright/test';
import { AUTHORIZATION_MATRIX } from '../tests/authorization/matrix';
import {
  ADMIN,
  EDITOR,
  REPORTER,
  editorPage,
  expect,
  newArticle,
  pageActionId,
  personPage,
  postToAction,
  publishThroughDesk,
  signIn,
  test,
  waitUntilSaved,
  watchCsp,
} from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';

// The door against the production server: security headers on every route kind (and on the
// front copy's pages), framing refused, sessions that end, sign-in that cannot be turned against
// its owner or send them off-site, the matrix rows that need Next's runtime, and unpublished text
// that no reader address gives away, whatever headers are sent.

const ORIGIN = `http://127.0.0.1:${E2E_PORT}`;
const WRONG = 'البريد الإلكتروني أو كلمة المرور غير صحيحة.';
const LOCKED = 'محاولات دخول خاطئة كثيرة. انتظر قليلاً ثم أعد المحاولة، أو ادخل من متصفح دخلت منه من قبل.';

function expectCommonHeaders(headers: Record<string, string>, where: string) {
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBeTruthy();
  expect(headers['permissions-policy'], where).toContain('camera=()');
  expect(headers['content-security-policy'], where).toMatch(/object-src 'none'|default-src 'none'/);
  // Plain http in this run: no HSTS.
  expect(headers['strict-transport-security'], where).toBeUndefined();
}

test('every route kind has its security headers, and the front copy serves the same ones', async ({
  page,
  request,
}) => {
  for (const path of ['/', '/section/politics', '/search?q=x', '/api/stats/1', '/feed.xml', '/robots.txt']) {
    const response = await request.get(path);
    expectCommonHeaders(response.headers(), path);
    // Every reader page is plain HTML: scripts by hash only, framed by this site only.
    if (!/\.(xml|txt)$|^\/api\//.test(path)) {
      expect(response.headers()['content-security-policy'], path).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(response.headers()['content-security-policy'], path).toMatch(/script-src 'sha256-/);
      expect(response.headers()['x-frame-options'], path).toBe('SAMEORIGIN');
    }
  }
  // A plain-HTML reader page: its script allowed by hash only, the same from Next and from the
  // copy server.mjs keeps in front of it.
  await page.goto('/news/1');
  const canonical = new URL((await page.locator('link[rel="canonical"]').getAttribute('href'))!).pathname;
  const fromNext = await request.get(canonical);
  expectCommonHeaders(fromNext.headers(), canonical);
  const csp = fromNext.headers()['content-security-policy']!;
  expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  let fromCopy = await request.get(canonical);
  await expect
    .poll(async () => (fromCopy = await request.get(canonical)).headers()['x-front-cache'])
    .toBe('hit');
  expectCommonHeaders(fromCopy.headers(), `${canonical} (front copy)`);
  expect(fromCopy.headers()['content-security-policy']).toBe(csp);
  // The page's own script ran under that policy: the counters were filled in.
  await expect(page.locator('.counters data').first()).not.toHaveText('…');

  // Sign-in and the newsroom: a nonce per response, and no framing.
  const signin = await request.get('/signin');
  expectCommonHeaders(signin.headers(), '/signin');
  expect(signin.headers()['content-security-policy']).toMatch(
    /'nonce-[^']+' 'strict-dynamic'.*frame-ancestors 'none'/,
  );
  expect(signin.headers()['x-frame-options']).toBe('DENY');
  const again = await request.get('/signin');
  expect(again.headers()['content-security-policy']).not.toBe(signin.headers()['content-security-policy']);
  await signIn(page, EDITOR);
  const newsroom = await page.request.get('/newsroom');
  expectCommonHeaders(newsroom.headers(), '/newsroom');
  expect(newsroom.headers()['x-frame-options']).toBe('DENY');
  expect(newsroom.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
});

test('a page on another port cannot frame the signed-in newsroom', async ({ browser }) => {
  // A same-site page (127.0.0.1, another port) that tries to frame the newsroom.
  const framer = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><iframe name="victim" src="${ORIGIN}/newsroom" width="800" height="600"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => framer.listen(E2E_PORT + 1, '127.0.0.1', resolve));
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, EDITOR);
    const framed = page.waitForEvent('console', (m) => /frame-ancestors|X-Frame-Options/.test(m.text()));
    await page.goto(`http://127.0.0.1:${E2E_PORT + 1}/`);
    await framed;
    const frame = page.frame({ name: 'victim' })!;
    await expect(frame.getByRole('button', { name: 'تسجيل الخروج' })).toHaveCount(0);
    await context.close();
  } finally {
    framer.close();
  }
});

test('signing out ends the session everywhere: the old cookie opens nothing', async ({ browser }) => {
  const page = await personPage(browser, REPORTER);
  const stolen = await page.context().storageState();
  const copy = await browser.newContext({ storageState: stolen });
  await watchCsp(copy);
  const thief = await copy.newPage();
  await thief.goto('/newsroom');
  await expect(thief).toHaveURL(/\/newsroom$/);

  await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
  await expect(page).toHaveURL(/\/signin/);
  // The copied token still has its cookie, but its session version is gone.
  await thief.goto('/newsroom');
  await expect(thief).toHaveURL(/\/signin/);
  expect((await thief.request.get('/api/media')).status()).toBe(401);
  await copy.close();
});

test('after sign-in, `next` only ever leads to this site', async ({ page }) => {
  for (const next of [
    '%2F%5Cevil.test%2F',
    '%2F%09%2Fevil.test%2F',
    '%2F%2Fevil.test',
    'https%3A%2F%2Fevil.test%2F',
  ]) {
    await page.context().clearCookies();
    await page.goto(`/signin?next=${next}`);
    await page.getByLabel('البريد الإلكتروني').fill(EDITOR);
    await page.getByLabel('كلمة المرور').fill('newsroom-demo');
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await expect(page).toHaveURL(`${ORIGIN}/newsroom`);
  }
  await page.context().clearCookies();
  await page.goto(`/signin?next=${encodeURIComponent('/newsroom?from=signin')}`);
  await page.getByLabel('البريد الإلكتروني').fill(EDITOR);
  await page.getByLabel('كلمة المرور').fill('newsroom-demo');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page).toHaveURL(`${ORIGIN}/newsroom?from=signin`);
});

async function trySignIn(context: BrowserContext, email: string, password: string): Promise<string> {
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  await page.getByLabel('كلمة المرور').fill(password);
  const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await answered;
  const outcome = await Promise.race([
    page.waitForURL(/\/newsroom$/).then(() => 'signed in'),
    page
      .locator('form')
      .getByRole('alert')
      .textContent()
      .then((t) => t ?? ''),
  ]);
  await page.close();
  return outcome;
}

async function newBrowser(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await watchCsp(context);
  return context;
}

test("an attacker's wrong passwords lock other browsers out, never the owner's own", async ({ browser }) => {
  const email = `owner-${Date.now()}@newsroom.test`;
  const password = 'owner-password-123';
  execFileSync(
    'npx',
    [
      'tsx',
      '--conditions=react-server',
      'scripts/user-create.ts',
      '--email',
      email,
      '--name',
      'صاحبة الحساب',
      '--role',
      'reporter',
    ],
    { env: { ...process.env, ...e2eServerEnv, NEWSROOM_USER_PASSWORD: password }, stdio: 'pipe' },
  );
  const owners = await newBrowser(browser);
  expect(await trySignIn(owners, email, password)).toBe('signed in');
  await owners.clearCookies({ name: /next-auth/ });

  const attacker = await newBrowser(browser);
  const answers: string[] = [];
  for (let i = 0; i < 6; i++) answers.push(await trySignIn(attacker, email, `guess-${i}`));
  expect(answers.slice(0, 5)).toEqual(Array(5).fill(WRONG));
  expect(answers[5]).toBe(LOCKED);
  // A browser that never signed in to this account is refused even with the right password…
  const stranger = await newBrowser(browser);
  expect(await trySignIn(stranger, email, password)).toBe(LOCKED);
  // …while the owner's own browser, with its device cookie, signs in.
  expect(await trySignIn(owners, email, password)).toBe('signed in');
  await Promise.all([owners.close(), attacker.close(), stranger.close()]);
});

test('matrix rows that need Next itself answer everyone, and refuse posts from other sites', async ({
  request,
  browser,
}) => {
  const signedIn = await personPage(browser, ADMIN);
  for (const [key, row] of Object.entries(AUTHORIZATION_MATRIX)) {
    if (row.probe !== 'e2e' || row.who !== 'anyone') continue;
    const method = key.split(' ').at(-1)!;
    for (const [who, client] of [
      ['anonymous', request],
      ['admin', signedIn.request],
    ] as [string, APIRequestContext][]) {
      const response =
        method === 'GET'
          ? await client.get(row.path!, { maxRedirects: 0 })
          : await client.post(row.path!, {
              headers: { origin: ORIGIN, 'user-agent': 'Mozilla/5.0 Chrome/120' },
            });
      expect(response.status(), `${key} as ${who}`).toBeLessThan(500);
      expect([401, 403], `${key} as ${who}: public`).not.toContain(response.status());
    }
    if (method === 'POST') {
      const crossSite = await request.post(row.path!, { headers: { origin: 'https://evil.example' } });
      expect(crossSite.status(), `${key} from another site`).toBe(403);
    }
  }
  await signedIn.context().close();
});

test('unpublished text reaches no reader address, whatever the headers', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const editor = await personPage(browser, EDITOR);
  const stamp = Date.now();
  const draftSecret = `مسودة-سرية-${stamp}`;
  const workingSecret = `نسخة-عمل-سرية-${stamp}`;
  const embargoSecret = `محظور-سري-${stamp}`;
  const noteSecret = `ملاحظة-سرية-${stamp}`;

  // A draft that was never published.
  const draftId = await newArticle(editor);
  await editorPage(editor).headline.fill(draftSecret);
  await editorPage(editor).body.click();
  await editor.keyboard.type(`${draftSecret} في النص أيضاً.`);
  await waitUntilSaved(editor);

  // A published article whose working copy has changed since.
  const publishedId = await newArticle(editor);
  await editorPage(editor).headline.fill(`خبر منشور ${stamp}`);
  await editorPage(editor).body.click();
  await editor.keyboard.type('نص منشور للقراء.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);
  await editorPage(editor).headline.fill(workingSecret);
  await editorPage(editor).body.click();
  await editor.keyboard.press('End');
  await editor.keyboard.type(` ${workingSecret} لم يُنشر بعد.`);
  await waitUntilSaved(editor);
  // An editorial note on it (ملاحظات التحرير are the newsroom's).
  const addNote = await pageActionId(editor, 'addNoteAction');
  const noted = await postToAction(
    editor,
    addNote,
    JSON.stringify([{ articleId: publishedId, body: noteSecret }]),
  );
  expect(await noted.text()).toContain('"ok":true');

  // An article published under an embargo that has not passed.
  const embargoedId = await newArticle(editor);
  await editorPage(editor).headline.fill(embargoSecret);
  await editorPage(editor).body.click();
  await editor.keyboard.type(`${embargoSecret} حتى موعد الحظر.`);
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);
  const setEmbargo = await pageActionId(editor, 'setEmbargoAction');
  const embargoed = await postToAction(
    editor,
    setEmbargo,
    JSON.stringify([{ articleId: embargoedId, embargoUntil: '2099-01-01T10:00' }]),
  );
  expect(await embargoed.text()).toContain('"ok":true');

  const addresses = [
    '/',
    `/news/${draftId}`,
    `/news/${draftId}/x`,
    `/news/${publishedId}`,
    `/news/${embargoedId}`,
    `/news/${embargoedId}/x`,
    `/api/stats/${embargoedId}`,
    `/api/articles/${embargoedId}/engagement`,
    `/api/articles/${publishedId}/engagement`,
    // The page repeats the query, so ask for the stamp alone: the secrets are longer than it.
    `/search?q=${stamp}`,
    `/search?q=${encodeURIComponent('سرية')}`,
    '/feed.xml',
    '/atom.xml',
    '/news-sitemap.xml',
    '/sitemap.xml',
    `/newsroom/articles/${draftId}`,
    `/newsroom/articles/${publishedId}`,
    `/api/stats/${draftId}`,
  ];
  const tricks: Record<string, string>[] = [
    {},
    { RSC: '1' },
    { RSC: '1', 'Next-Router-Prefetch': '1' },
    { 'Next-Router-Prefetch': '1', Purpose: 'prefetch' },
    { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy' },
    { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' },
    {
      'x-middleware-subrequest': 'src/middleware:src/middleware:src/middleware:src/middleware:src/middleware',
    },
    {
      'Next-Router-State-Tree': encodeURIComponent(
        JSON.stringify(['', { children: ['newsroom', {}] }, null, null, true]),
      ),
    },
    { 'x-prerender-revalidate': '1' },
    { 'x-now-route-matches': '1' },
  ];
  let probes = 0;
  for (const address of addresses) {
    for (const suffix of ['', address.includes('?') ? '&_rsc=1a2b3' : '?_rsc=1a2b3']) {
      for (const headers of tricks) {
        const response = await request.get(address + suffix, { headers, maxRedirects: 0 });
        const text = await response.text();
        probes++;
        for (const secret of [draftSecret, workingSecret, embargoSecret, noteSecret])
          expect(text.includes(secret), `${secret} in ${address}${suffix} ${JSON.stringify(headers)}`).toBe(
            false,
          );
      }
    }
  }
  expect(probes).toBe(addresses.length * 2 * tricks.length);
  await editor.context().close();
});
