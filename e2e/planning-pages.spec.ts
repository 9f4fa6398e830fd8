import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { type Page } from '@playwright/test';
import { expect, test, EDITOR, REPORTER, ADMIN, fillMinute, personPage } from './fixtures';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';

// Every page the planning desk added or changed, as the desk and as a reporter, at a phone's and a
// desktop's width: loaded directly, no serious accessibility violation (axe-core), nothing wider
// than the screen. PLANNING_SHOTS=<dir> also saves a full-page screenshot of each.

const SHOTS = process.env.PLANNING_SHOTS;

async function check(page: Page, path: string, name: string) {
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    const axe = await new AxeBuilder({ page }).analyze();
    const severe = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(
      severe.map((v) => `${path} ${width}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} at ${width} px is wider than the screen`).toBeLessThanOrEqual(1);
    if (SHOTS) {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    }
  }
}

test('the planning pages pass axe and fit a phone, for the desk and a reporter', async ({ browser }) => {
  test.setTimeout(180_000);
  const editor = await personPage(browser, EDITOR);
  // Something on the plan: one story assigned to the reporter, due in three hours.
  await editor.goto('/newsroom/plan');
  const form = editor.getByRole('form', { name: 'تكليف جديد' });
  const idea = `تغطية معرض الكتاب ${Date.now()}`;
  await form.getByLabel('فكرة العنوان').fill(idea);
  await form.getByLabel('المكلَّف').selectOption({ label: 'سارة الصحفية' });
  await fillMinute(
    form,
    /الموعد النهائي/,
    toNewsroomMinute(new Date(Date.now() + 3 * 3_600_000), 'Asia/Tashkent'),
  );
  await form.getByLabel('عدد الكلمات المطلوب').fill('700');
  await form.getByRole('button', { name: 'إضافة إلى الخطة' }).click();
  await expect(form.getByRole('status')).toHaveText('أُضيفت القصة إلى خطة التغطية.');
  const href = await editor.getByRole('link', { name: idea }).first().getAttribute('href');

  await check(editor, '/newsroom/plan', 'plan-editor');
  await check(editor, href!, 'assignment-editor');
  await check(editor, '/newsroom/calendar', 'calendar-week-editor');
  await check(editor, '/newsroom/calendar?view=day', 'calendar-day-editor');
  await check(editor, '/newsroom', 'dashboard-editor');

  const reporter = await personPage(browser, REPORTER);
  await check(reporter, '/newsroom/plan', 'plan-reporter');
  await check(reporter, href!, 'assignment-reporter');
  await check(reporter, '/newsroom/calendar', 'calendar-reporter');
  await check(reporter, '/newsroom', 'dashboard-reporter');
  await check(reporter, '/newsroom/notifications', 'notifications-reporter');

  const admin = await personPage(browser, ADMIN);
  await check(admin, '/newsroom/activity', 'activity-admin');
  await check(admin, '/newsroom/people', 'people-admin');
});
