import { expect, test } from '@playwright/test';
import { REPORTER, signIn } from './fixtures';

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
