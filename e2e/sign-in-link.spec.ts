import { expect, test, ADMIN, addMember, personPage, watchCsp } from './fixtures';

// Issue 15.7: a stranger's wrong passwords lock every browser new to an account out of it for a
// while; the admin sees who is targeted on الفريق and issues a one-time link that the owner's new
// browser signs in with regardless.

const LOCKED = 'محاولات دخول خاطئة كثيرة. انتظر قليلاً ثم أعد المحاولة، أو ادخل من متصفح دخلت منه من قبل.';

test('an admin issues a one-time link and the member signs in with it while the account is under attack', async ({
  browser,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const name = `مراسلة مستهدفة ${stamp}`;
  const email = `targeted-${stamp}@newsroom.test`;
  const admin = await personPage(browser, ADMIN);
  await addMember(admin, name, email, 'first-password-2026');

  // A stranger guesses, from a browser that never signed in to this account.
  const strangerContext = await browser.newContext();
  await watchCsp(strangerContext);
  const stranger = await strangerContext.newPage();
  await stranger.goto('/signin');
  await stranger.getByLabel('البريد الإلكتروني').fill(email);
  for (let i = 1; i <= 6; i++) {
    await stranger.getByLabel('كلمة المرور').fill(`guess-${i}-wrong`);
    const answered = stranger.waitForResponse((r) => r.url().includes('/api/auth/callback/credentials'));
    await stranger.getByRole('button', { name: 'تسجيل الدخول' }).click();
    await answered;
  }
  await expect(stranger.locator('form').getByRole('alert')).toHaveText(LOCKED);

  // The member, on a new browser, with the right password: made to wait.
  const memberContext = await browser.newContext();
  const violations = await watchCsp(memberContext);
  const member = await memberContext.newPage();
  await member.goto('/signin');
  await member.getByLabel('البريد الإلكتروني').fill(email);
  await member.getByLabel('كلمة المرور').fill('first-password-2026');
  await member.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(member.locator('form').getByRole('alert')).toHaveText(LOCKED);

  // The admin sees who is targeted, and issues a link.
  await admin.reload();
  const card = admin.getByRole('region', { name });
  await expect(card).toContainText('محاولات دخول خاطئة من متصفحات جديدة على هذا الحساب: 5');
  await card.getByRole('button', { name: 'رابط دخول لمرة واحدة' }).click();
  const shown = card.getByRole('status').locator('.one-time');
  await expect(shown).toContainText('/signin/link#');
  const link = (await shown.textContent())!.trim();

  // The member opens it, presses the button, and is in (first, the admin-chosen password is changed).
  await member.goto(link);
  await member.getByRole('button', { name: 'الدخول إلى غرفة الأخبار' }).click();
  await expect(member).toHaveURL(/\/change-password$/);
  await expect(member.getByRole('heading', { name: 'تغيير كلمة المرور' })).toBeVisible();
  expect(violations).toEqual([]);

  // Used once: the same link in another browser is refused, in Arabic.
  const laterContext = await browser.newContext();
  await watchCsp(laterContext);
  const later = await laterContext.newPage();
  await later.goto(link);
  await later.getByRole('button', { name: 'الدخول إلى غرفة الأخبار' }).click();
  await expect(later.locator('form').getByRole('alert')).toHaveText(/استُخدم من قبل/);
  await expect(later).toHaveURL(/\/signin\/link$|\/signin\/link#/);
  await Promise.all([strangerContext.close(), memberContext.close(), laterContext.close()]);
});
