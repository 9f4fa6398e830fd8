import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, EDITOR, REPORTER, EditorPage, personPage } from './fixtures';

// The body merged by paragraph when it is not written together live (this server runs with
// NEWSROOM_COLLAB=0, as a newsroom with writing together off, or a page whose edits were kept on the
// device and sent later): two people in different paragraphs never see a conflict; the same
// paragraph is a conflict of that paragraph alone; and whoever loses a conflict is told at once.

const PARAGRAPHS = [
  'بدأت القمة صباح اليوم في طشقند.',
  'وحضرها وزراء من عشرين دولة.',
  'وينتهي الاجتماع مساء الغد.',
];

async function threeParagraphs(editor: EditorPage): Promise<number> {
  const articleId = await editor.openNew();
  await editor.headline.fill('قمة طشقند');
  await editor.body.click();
  for (const [i, text] of PARAGRAPHS.entries()) {
    if (i > 0) await editor.page.keyboard.press('Enter');
    await editor.page.keyboard.type(text);
  }
  await editor.waitUntilSaved();
  return articleId;
}

async function noSeriousAxeViolation(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  const severe = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

// Puts the caret at the end of the body's paragraph number `index` and types there.
async function typeInParagraph(page: Page, index: number, text: string): Promise<void> {
  const paragraph = page.getByRole('textbox', { name: 'نص المقال' }).locator('p').nth(index);
  await paragraph.click();
  await page.keyboard.press('End');
  await page.keyboard.type(text);
}

test('two people in different paragraphs: both kept, no conflict panel, on both pages', async ({
  browser,
}) => {
  // Two browsers, a connection dropped and brought back, axe: slow on a shared machine.
  test.slow();
  const reporter = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await threeParagraphs(reporter);
  const editor = new EditorPage(await personPage(browser, EDITOR));
  await editor.open(articleId);
  await expect(editor.body.locator('p')).toHaveCount(3);

  // The reporter's connection drops; she goes on typing in the last paragraph (kept on the device).
  await reporter.page.context().setOffline(true);
  await typeInParagraph(reporter.page, 2, ' وقد يُمدَّد يوماً');
  await expect(reporter.saveState).toContainText('لم يُحفظ');
  // Meanwhile the editor fixes the first paragraph, saved.
  await typeInParagraph(editor.page, 0, ' بحضور الرئيس');
  await editor.waitUntilSaved();

  // Back online: her body, made on the older one, is merged by paragraph.
  await reporter.page.context().setOffline(false);
  await reporter.waitUntilSaved();
  await expect(reporter.conflictHeading).toBeHidden();
  await expect(reporter.body.locator('p').nth(0)).toHaveText(`${PARAGRAPHS[0]} بحضور الرئيس`);
  await expect(reporter.body.locator('p').nth(2)).toHaveText(`${PARAGRAPHS[2]} وقد يُمدَّد يوماً`);
  // The editor's page gets her paragraph within seconds, with no conflict and no «replaced» notice.
  await expect(editor.body.locator('p').nth(2)).toHaveText(`${PARAGRAPHS[2]} وقد يُمدَّد يوماً`);
  await expect(editor.conflictHeading).toBeHidden();
  await expect(editor.page.getByRole('region', { name: 'استُبدل ما حفظتَه' })).toBeHidden();

  // Stored: a page loaded directly shows both.
  const check = new EditorPage(await personPage(browser, EDITOR));
  await check.open(articleId);
  await expect(check.body.locator('p')).toHaveText([
    `${PARAGRAPHS[0]} بحضور الرئيس`,
    PARAGRAPHS[1]!,
    `${PARAGRAPHS[2]} وقد يُمدَّد يوماً`,
  ]);
});

test('the same paragraph on both sides: the panel shows that paragraph only; keeping mine keeps their other paragraph', async ({
  browser,
}) => {
  // Two browsers, a connection dropped and brought back, axe: slow on a shared machine.
  test.slow();
  const reporter = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await threeParagraphs(reporter);
  const editor = new EditorPage(await personPage(browser, EDITOR));
  await editor.open(articleId);
  await expect(editor.body.locator('p')).toHaveCount(3);

  await reporter.page.context().setOffline(true);
  await typeInParagraph(reporter.page, 1, ' والعديد من الخبراء');
  await typeInParagraph(editor.page, 1, ' ومندوبون عن الأمم المتحدة');
  await typeInParagraph(editor.page, 0, ' (تحديث)');
  await editor.waitUntilSaved();

  await reporter.page.context().setOffline(false);
  await expect(reporter.conflictHeading).toBeVisible();
  const conflict = reporter.page.getByRole('region', { name: 'تعارض: نص المقال' });
  await expect(conflict).toContainText('غيّره خالد');
  await expect(conflict).toContainText('الفقرة المعروضة وحدها عدّلها كلاكما');
  await expect(reporter.conflictSide('نسختهم').locator('.conflict-text')).toHaveText(
    `${PARAGRAPHS[1]} ومندوبون عن الأمم المتحدة`,
  );
  await expect(reporter.conflictSide('نسختي').locator('.conflict-text')).toHaveText(
    `${PARAGRAPHS[1]} والعديد من الخبراء`,
  );
  // Not the whole text: the paragraphs only one side changed are merged, not shown.
  await expect(conflict).not.toContainText(PARAGRAPHS[2]!);
  await expect(conflict).not.toContainText('(تحديث)');
  for (const width of [390, 1280]) {
    await reporter.page.setViewportSize({ width, height: 900 });
    await reporter.page.screenshot({ path: `/work/shots/merge/block-conflict-${width}.png`, fullPage: true });
  }
  await noSeriousAxeViolation(reporter.page);

  await reporter.page.getByRole('button', { name: 'حفظ نسختي فوقها' }).click();
  await reporter.waitUntilSaved();
  await expect(reporter.body.locator('p')).toHaveText([
    `${PARAGRAPHS[0]} (تحديث)`,
    `${PARAGRAPHS[1]} والعديد من الخبراء`,
    PARAGRAPHS[2]!,
  ]);
  // The editor lost that paragraph: told at once, by name, and shown the stored text.
  const told = editor.page.getByRole('region', { name: 'استُبدل ما حفظتَه' });
  await expect(told).toContainText('استبدل سارة');
  await expect(told).toContainText('«نص المقال»');
  await expect(editor.body.locator('p').nth(1)).toHaveText(`${PARAGRAPHS[1]} والعديد من الخبراء`);
  await expect(editor.body.locator('p').nth(0)).toHaveText(`${PARAGRAPHS[0]} (تحديث)`);
});

test('the losing side of a headline conflict sees the new headline and who replaced it, at once', async ({
  browser,
}) => {
  // Two browsers, a connection dropped and brought back, axe: slow on a shared machine.
  test.slow();
  const reporter = new EditorPage(await personPage(browser, REPORTER));
  const articleId = await reporter.openNew();
  await reporter.headline.fill('عنوان أول');
  await reporter.waitUntilSaved();
  const editor = new EditorPage(await personPage(browser, EDITOR));
  await editor.open(articleId);
  await expect(editor.headline).toHaveValue('عنوان أول');

  await editor.page.context().setOffline(true);
  await editor.headline.fill('عنوان المحرر');
  await reporter.headline.fill('عنوان الصحفية');
  await reporter.waitUntilSaved();
  await editor.page.context().setOffline(false);
  await expect(editor.conflictHeading).toBeVisible();
  await editor.page.getByRole('button', { name: 'حفظ نسختي فوقها' }).click();
  await editor.waitUntilSaved();

  // Without typing or reloading, the reporter's form shows the stored headline and says who.
  await expect(reporter.headline).toHaveValue('عنوان المحرر', { timeout: 10_000 });
  const told = reporter.page.getByRole('region', { name: 'استُبدل ما حفظتَه' });
  await expect(told).toContainText('استبدل خالد');
  await expect(told).toContainText('«العنوان»');
  await expect(told).toContainText('عنوان المحرر');
  await expect(reporter.saveState).toHaveText('تم الحفظ');
  for (const width of [390, 1280]) {
    await reporter.page.setViewportSize({ width, height: 900 });
    await reporter.page.screenshot({ path: `/work/shots/merge/replaced-${width}.png`, fullPage: true });
  }
  await noSeriousAxeViolation(reporter.page);
  await told.getByRole('button', { name: 'حسناً' }).click();
  await expect(told).toBeHidden();
});
