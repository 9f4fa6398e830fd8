import { type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { expect, test, EDITOR, REPORTER, editorPage, fillMinute, minuteText, personPage } from './fixtures';
import { e2eServerEnv } from './server-env';
import { toNewsroomMinute } from '@/lib/shared/validation/workflow';

// The planning desk in Debian's Chromium against the production server: an editor plans the day
// and assigns a story, the reporter accepts, starts writing from it and submits; the plan shows it
// moving; a deadline that passes (on the real clock) shows متأخر and notifies the reporter; a
// scheduled article is moved on the calendar with the keyboard; the plan and the calendar are
// loaded directly by their addresses. Screenshots and axe are taken by e2e/planning-shots.spec.ts.

const ZONE = 'Asia/Tashkent';
const minute = (at: Date) => toNewsroomMinute(at, ZONE);
const dayOf = (at: Date) => minute(at).slice(0, 10);
const HOUR = 3_600_000;

async function planStory(editor: Page, idea: string, deadline: string, words = '450') {
  const form = editor.getByRole('form', { name: 'تكليف جديد' });
  await form.getByLabel('فكرة العنوان').fill(idea);
  await form.getByLabel('المكلَّف').selectOption({ label: 'سارة الصحفية' });
  await fillMinute(form, /الموعد النهائي/, deadline);
  await form.getByLabel('عدد الكلمات المطلوب').fill(words);
  await form.getByRole('button', { name: 'إضافة إلى الخطة' }).click();
  await expect(form.getByRole('status')).toHaveText('أُضيفت القصة إلى خطة التغطية.');
  await expect(form.getByRole('status')).toBeFocused();
}

const storyCard = (page: Page, idea: string) =>
  page.getByTestId('planned-story').filter({ has: page.getByRole('link', { name: idea }) });

test('an editor plans and assigns; the reporter accepts, writes from it, submits; the plan follows', async ({
  browser,
}) => {
  const idea = `ميزانية البلدية ${Date.now()}`;
  const editor = await personPage(browser, EDITOR);
  await editor.goto('/newsroom/plan');
  await expect(editor.getByRole('heading', { level: 1, name: 'خطة التغطية' })).toBeVisible();

  // Bad input: an Arabic message next to each field, and nothing added.
  const form = editor.getByRole('form', { name: 'تكليف جديد' });
  await form.getByLabel('فكرة العنوان').fill(idea);
  await fillMinute(form, /الموعد النهائي/, minute(new Date(Date.now() - HOUR)));
  await form.getByLabel('عدد الكلمات المطلوب').fill('ستمئة');
  await form.getByRole('button', { name: 'إضافة إلى الخطة' }).click();
  await expect(form.getByText(/عدد صحيح موجب/)).toBeVisible();
  await form.getByLabel('عدد الكلمات المطلوب').fill('450');
  await form.getByRole('button', { name: 'إضافة إلى الخطة' }).click();
  await expect(form.getByText('الموعد النهائي مضى؛ اختر وقتاً قادماً')).toBeVisible();
  await expect(storyCard(editor, idea)).toHaveCount(0);

  await planStory(editor, idea, minute(new Date(Date.now() + 3 * HOUR)));
  await expect(storyCard(editor, idea)).toHaveAttribute('data-state', 'assigned');
  await expect(storyCard(editor, idea)).toContainText('مكلَّف');

  // The reporter: the assignment first on the dashboard, accepted, then بدء الكتابة.
  const reporter = await personPage(browser, REPORTER);
  await reporter.goto('/newsroom');
  await expect(reporter.getByRole('heading', { level: 2 }).first()).toHaveText('تكليفاتي');
  await expect(reporter.getByRole('link', { name: idea })).toBeVisible();
  await reporter.goto(`/newsroom/plan?day=${dayOf(new Date())}`);
  const card = storyCard(reporter, idea);
  await card.getByRole('button', { name: 'قبول التكليف' }).click();
  await expect(card.getByRole('status')).toHaveText('قبلت التكليف.');
  await card.getByRole('button', { name: 'بدء الكتابة' }).click();
  await reporter.waitForURL(/\/newsroom\/articles\/\d+$/);
  const writing = editorPage(reporter);
  await writing.waitUntilEditable();
  await expect(writing.headline).toHaveValue(idea);
  await expect(reporter.getByTestId('word-target')).toHaveText('450');
  await writing.typeInBody('أقرّ المجلس البلدي ميزانية العام الجديد بزيادة في بند النقل العام.');
  await writing.waitUntilSaved();

  await editor.reload();
  await expect(storyCard(editor, idea)).toHaveAttribute('data-state', 'writing');
  await writing.moveTo('إرسال للمراجعة', 'قيد المراجعة');
  await editor.reload();
  await expect(storyCard(editor, idea)).toHaveAttribute('data-state', 'in_review');
  await expect(storyCard(editor, idea)).toContainText('قيد المراجعة');
});

test('a deadline that passes shows متأخر, first on the plan, and tells the reporter', async ({ browser }) => {
  test.setTimeout(150_000);
  const idea = `موعد يفوت ${Date.now()}`;
  const editor = await personPage(browser, EDITOR);
  await editor.goto('/newsroom/plan');
  // The next whole minute at least 15 seconds away: sent before it comes, then left to pass.
  let at = Math.ceil(Date.now() / 60_000) * 60_000;
  if (at - Date.now() < 15_000) at += 60_000;
  await planStory(editor, idea, minute(new Date(at)));
  await editor.waitForTimeout(at - Date.now() + 2_000);
  await editor.goto(`/newsroom/plan?day=${dayOf(new Date(at))}`);
  const first = editor.getByTestId('planned-story').first();
  await expect(first).toContainText(idea);
  await expect(first).toHaveAttribute('data-state', 'late');
  await expect(first).toContainText('متأخر');
  const reporter = await personPage(browser, REPORTER);
  await expect(async () => {
    await reporter.goto('/newsroom/notifications');
    await expect(reporter.getByText('فات الموعد النهائي لتكليف').first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(reporter.getByRole('link', { name: idea }).first()).toBeVisible();
  // The editor's dashboard leads with it.
  await editor.goto('/newsroom');
  await expect(editor.getByRole('heading', { level: 2 }).first()).toHaveText('متأخر اليوم');
});

test('a scheduled article is moved on the calendar with the keyboard, through the schedule transition', async ({
  browser,
}) => {
  const idea = `يُنقل بلوحة المفاتيح ${Date.now()}`;
  const editor = await personPage(browser, EDITOR);
  // An article of the editor's own, approved and scheduled two hours from now.
  await editor.goto('/newsroom/articles/new');
  const page = editorPage(editor);
  await editor.waitForURL(/\/newsroom\/articles\/\d+$/);
  await page.waitUntilEditable();
  await page.headline.fill(idea);
  await page.typeInBody('نص المقال المجدول.');
  await page.chooseSection();
  await page.waitUntilSaved();
  await page.moveTo('إرسال للمراجعة', 'قيد المراجعة');
  await page.moveTo('اعتماد', 'معتمد');
  const when = new Date(Date.now() + 2 * HOUR);
  const schedule = editor.getByRole('region', { name: 'جدولة' });
  await fillMinute(schedule, 'موعد النشر', minute(when));
  await schedule.getByRole('button', { name: 'جدولة' }).click();
  await expect(page.status).toHaveText('مجدول');

  await editor.goto(`/newsroom/calendar?day=${dayOf(when)}&view=day`);
  const item = editor.getByTestId('calendar-item').filter({ hasText: idea });
  await expect(item).toHaveAttribute('data-kind', 'scheduled');
  // «نقل» opens the item's form, the focus in its date; Escape closes it, back on «نقل».
  const open = item.getByRole('button', { name: /^نقل «/ });
  await open.focus();
  await editor.keyboard.press('Enter');
  const moveTo = item.getByRole('group', { name: 'نقل إلى' });
  await expect(moveTo.getByLabel('التاريخ')).toBeFocused();
  await editor.keyboard.press('Escape');
  await expect(moveTo).toHaveCount(0);
  await expect(open).toBeFocused();
  // Into the past: refused in Arabic next to the item, nothing moved.
  await editor.keyboard.press('Enter');
  await expect(moveTo.getByLabel('التاريخ')).toBeFocused();
  await fillMinute(item, 'نقل إلى', minute(new Date(Date.now() - HOUR)));
  await editor.keyboard.press('Enter');
  await expect(item.getByText('موعد النشر مضى؛ اختر وقتاً قادماً')).toBeVisible();
  // An hour later: moved; the status line, which has the focus, says where.
  const later = minute(new Date(when.getTime() + HOUR));
  await fillMinute(item, 'نقل إلى', later);
  await editor.keyboard.press('Enter');
  const status = editor.getByRole('status').first();
  await expect(status).toContainText(`إلى ${minuteText(later)}`);
  await expect(status).toBeFocused();
  const db = new Database(e2eServerEnv.DATABASE_PATH, { readonly: true });
  try {
    const row = db.prepare('SELECT scheduled_at FROM articles WHERE headline = ?').get(idea) as {
      scheduled_at: number;
    };
    expect(minute(new Date(row.scheduled_at))).toBe(later);
    const events = db
      .prepare(
        "SELECT count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id WHERE a.headline = ? AND e.action = 'schedule'",
      )
      .get(idea) as { n: number };
    expect(events.n).toBe(2);
  } finally {
    db.close();
  }
  // The reporter sees the calendar but has no move control.
  const reporter = await personPage(browser, REPORTER);
  await reporter.goto(`/newsroom/calendar?day=${dayOf(when)}`);
  const seen = reporter.getByTestId('calendar-item').filter({ hasText: idea });
  await expect(seen).toBeVisible();
  await expect(seen.getByRole('group', { name: 'نقل إلى' })).toHaveCount(0);
  await expect(seen.getByRole('button', { name: /^نقل/ })).toHaveCount(0);
});

test('the plan and the calendar load directly, and the iCalendar feed answers', async ({
  browser,
  request,
}) => {
  const editor = await personPage(browser, EDITOR);
  for (const path of [
    '/newsroom/plan?day=2030-01-05',
    '/newsroom/calendar',
    '/newsroom/calendar?view=day&day=2030-01-05',
  ]) {
    const response = await editor.goto(path);
    expect(response?.status(), path).toBe(200);
  }
  // A day that is not a day: today's plan, not an error.
  expect((await editor.goto('/newsroom/plan?day=2030-02-30'))?.status()).toBe(200);
  await editor.goto('/newsroom/calendar');
  await editor.getByRole('button', { name: /إنشاء رابط التقويم|رابط جديد/ }).click();
  const url = await editor.getByTestId('feed-url').textContent();
  expect(url).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]+$/);
  const feed = await request.get(url!);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  await editor.getByRole('button', { name: 'إلغاء الرابط' }).click();
  await expect(editor.getByText('أُلغي رابط التقويم')).toBeVisible();
  expect((await request.get(url!)).status()).toBe(404);
});

test('a signed-out deep link returns to its page after sign-in, and only on this site', async ({ page }) => {
  await page.goto('/newsroom/plan?day=2030-01-05');
  await expect(page).toHaveURL(/\/signin\?next=%2Fnewsroom%2Fplan%3Fday%3D2030-01-05$/);
  await page.getByLabel('البريد الإلكتروني').fill(EDITOR);
  await page.getByLabel('كلمة المرور').fill('newsroom-demo');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page).toHaveURL(/\/newsroom\/plan\?day=2030-01-05$/);
  await expect(page.getByRole('heading', { level: 1, name: 'خطة التغطية' })).toBeVisible();
});

test('an embargo on a live article asks first, naming it; focus goes to the status message', async ({
  browser,
}) => {
  const headline = `خبر منشور يُحظر ${Date.now()}`;
  const editor = await personPage(browser, EDITOR);
  await editor.goto('/newsroom/articles/new');
  await editor.waitForURL(/\/newsroom\/articles\/\d+$/);
  const page = editorPage(editor);
  await page.waitUntilEditable();
  await page.headline.fill(headline);
  await page.typeInBody('نص الخبر المنشور.');
  await page.waitUntilSaved();
  await page.publishThroughDesk();
  const schedule = editor.getByRole('region', { name: 'جدولة' });
  const until = minute(new Date(Date.now() + 2 * HOUR));
  await fillMinute(schedule, 'حظر النشر حتى', until);
  await schedule.getByRole('button', { name: 'حفظ حظر النشر' }).click();
  const dialog = editor.getByRole('dialog', { name: 'حظر نشر مقال منشور' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(headline);
  await expect(dialog).toContainText('سيختفي عن القراء');
  // Cancelled: nothing changed.
  await dialog.getByRole('button', { name: 'إلغاء' }).click();
  await expect(dialog).toBeHidden();
  await expect(schedule).not.toContainText('حُفظ حظر النشر');
  await schedule.getByRole('button', { name: 'حفظ حظر النشر' }).click();
  await dialog.getByRole('button', { name: 'حظر النشر' }).click();
  const status = schedule.getByRole('status');
  await expect(status).toHaveText(`حُفظ حظر النشر حتى ${minuteText(until)}.`);
  await expect(status).toBeFocused();
});
