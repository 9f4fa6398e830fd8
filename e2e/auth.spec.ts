import { expect, test, REPORTER, signIn } from './fixtures';

test('the newsroom needs a signed-in user', async ({ page }) => {
  await page.goto('/newsroom');
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.getByRole('heading', { name: 'تسجيل الدخول' })).toBeVisible();
});

test('a wrong password and an unknown email get the same message', async ({ page }) => {
  const message = 'البريد الإلكتروني أو كلمة المرور غير صحيحة.';
  for (const [email, password] of [
    [REPORTER, 'wrong-password'],
    ['nobody@newsroom.test', 'newsroom-demo'],
  ] as const) {
    await page.goto('/signin');
    await page.getByLabel('البريد الإلكتروني').fill(email);
    await page.getByLabel('كلمة المرور').fill(password);
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText(message);
    await expect(page).toHaveURL(/\/signin$/);
  }
});

test('signing in and out', async ({ page }) => {
  await signIn(page, REPORTER.toUpperCase());
  await expect(page.getByText('صحفي', { exact: false }).first()).toBeVisible();
  await page.getByRole('button', { name: 'تسجيل الخروج' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/newsroom');
  await expect(page).toHaveURL(/\/signin$/);
});

test('a signed-in member sent to /signin?next=… is never redirected to another host', async ({ page }) => {
  await signIn(page, REPORTER);
  for (const next of [
    '/..//evil.example/',
    '/newsroom/../..//evil.example',
    '/./..//evil.example',
    '/%2e%2e//evil.example',
    '//evil.example',
  ]) {
    const response = await page.request.get(`/signin?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(response.status(), next).toBe(307);
    // Once resolved these were "//evil.example": a Location that leaves the site.
    expect(response.headers()['location'], next).toBe('/newsroom');
  }
  // A path on the site is still where sign-in sends you.
  const own = await page.request.get(`/signin?next=${encodeURIComponent('/newsroom/people')}`, {
    maxRedirects: 0,
  });
  expect(own.headers()['location']).toBe('/newsroom/people');
});

test('after five wrong passwords an address is refused to untrusted browsers for a while, with its reason', async ({
  page,
}) => {
  const email = `guess-${Date.now()}@newsroom.test`;
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(email);
  const alert = page.locator('form').getByRole('alert');
  for (let i = 1; i <= 6; i++) {
    await page.getByLabel('كلمة المرور').fill(`guess-${i}`);
    // Each attempt is answered by the server before its message is read.
    const answered = page.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await answered;
    await expect(alert).toHaveText(
      i <= 5
        ? 'البريد الإلكتروني أو كلمة المرور غير صحيحة.'
        : 'محاولات دخول خاطئة كثيرة. انتظر قليلاً ثم أعد المحاولة، أو ادخل من متصفح دخلت منه من قبل.',
    );
  }
  await expect(page).toHaveURL(/\/signin$/);
});
