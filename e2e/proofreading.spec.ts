import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { EDITOR, REPORTER, editorPage, expect, newArticle, personPage, test } from './fixtures';

// التدقيق as one types (issue 20): a house-style variant behind a prefix and a misspelling are
// underlined as two kinds, exposed as aria-invalid; the menu replaces, ignores, adds to the
// newsroom's dictionary (seen by a second browser through the poll); the panel and the workflow
// bar count the open points before publishing; قواعد أسلوب التحرير refuses bad rules in Arabic and
// a new rule reaches an editor already open.

const point = (page: Page, kind: 'spelling' | 'style', text: string) =>
  page.locator(`.ProseMirror [data-proof-kind="${kind}"]`, { hasText: text });

async function serious(page: Page, include?: string) {
  const builder = new AxeBuilder({ page });
  if (include) builder.include(include);
  const result = await builder.analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

test('house style and spelling are underlined as one types, and the menu fixes them', async ({ browser }) => {
  test.setTimeout(150_000);
  const editor = await personPage(browser, EDITOR);
  const stamp = Date.now().toString().slice(-5);
  // A name no dictionary knows, unique to this run.
  const name = `بختيار${['ف', 'ق', 'ك', 'م', 'ن'][Number(stamp) % 5]}وفيتش`;

  // A second browser, already open on its own draft with the name in it.
  const reporter = await personPage(browser, REPORTER);
  await newArticle(reporter);
  await editorPage(reporter).typeInBody(`التقى ${name} بالوفد.`);
  await expect(point(reporter, 'spelling', name)).toBeVisible({ timeout: 15_000 });

  await newArticle(editor);
  const ed = editorPage(editor);
  await ed.headline.fill(`ذالك اليوم في طشقند ${stamp}`);
  await ed.typeInBody(`قال وميرزيوييف إن الرءيس و${name} سيحضران.`);

  const style = point(editor, 'style', 'وميرزيوييف');
  const spelling = point(editor, 'spelling', 'الرءيس');
  await expect(style).toBeVisible({ timeout: 15_000 });
  await expect(spelling).toBeVisible();
  await expect(spelling).toHaveAttribute('aria-invalid', 'spelling');
  await expect(style).toHaveAttribute('aria-invalid', 'grammar');
  // Two kinds that look different: a wavy line and a double one.
  expect(await spelling.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('wavy');
  expect(await style.evaluate((el) => getComputedStyle(el).textDecorationStyle)).toBe('double');

  // The panel counts the body's three points and the headline's one; so does the workflow bar.
  await expect(editor.getByTestId('proof-count')).toHaveText('(4)');
  await expect(editor.getByTestId('proof-before-publish')).toContainText('4');
  expect(await serious(editor, '.editor-layout')).toEqual([]);

  // The house form first, with the prefix kept.
  await style.click({ button: 'right' });
  const menu = editor.getByRole('menu');
  await expect(menu.getByRole('menuitem').first()).toHaveText('استبدل بـ وميرضيائيف');
  await menu.getByRole('menuitem').first().click();
  await expect(ed.body).toContainText('قال وميرضيائيف إن');

  // Hunspell's suggestion, from the keyboard: Alt+Enter on the word.
  await spelling.click();
  await editor.keyboard.press('Alt+Enter');
  await expect(menu.getByRole('menuitem', { name: 'استبدل بـ الرئيس' })).toBeFocused();
  await editor.keyboard.press('Enter');
  await expect(ed.body).toContainText('إن الرئيس و');
  await expect(editor.locator('.ProseMirror [aria-invalid]')).toHaveCount(1);

  // أضف إلى القاموس: accepted here, and in the other browser at its next poll.
  await point(editor, 'spelling', name).click({ button: 'right' });
  await menu.getByRole('menuitem', { name: 'أضف إلى القاموس' }).click();
  await expect(point(editor, 'spelling', name)).toHaveCount(0);
  await expect(editor.getByTestId('proof-count')).toHaveText('(1)');
  await expect(point(reporter, 'spelling', name)).toHaveCount(0, { timeout: 45_000 });

  // The headline's point jumps to the headline.
  await editor.getByRole('button', { name: /العنوان: ذالك/ }).click();
  await expect(ed.headline).toBeFocused();
  await reporter.context().close();
});

test('قواعد أسلوب التحرير: Arabic refusals next to the field, and a new rule reaches an open editor', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const editor = await personPage(browser, EDITOR);
  const writer = await personPage(browser, REPORTER);
  await newArticle(writer);
  const variant = `كرزا${Date.now()
    .toString()
    .slice(-3)
    .replace(/\d/g, (d) => 'بتثجحخدذرز'[Number(d)]!)}`;
  await editorPage(writer).typeInBody(`وصل و${variant} أمس.`);

  // Reached through the navigation, and loaded directly.
  await editor.goto('/newsroom');
  await editor.getByRole('link', { name: 'أسلوب التحرير' }).click();
  await expect(editor.getByRole('heading', { name: 'قواعد أسلوب التحرير', level: 1 })).toBeVisible();
  await editor.goto('/newsroom/house-style');
  await expect(editor.getByRole('heading', { name: 'ميرضيائيف' })).toBeVisible();

  const form = editor.getByRole('form', { name: 'إضافة قاعدة' });
  await form.getByLabel('الكتابة المعتمدة').fill('احتفال');
  await form.getByLabel(/صيغ أخرى/).fill('إحتفال');
  await form.getByRole('button', { name: 'إضافة قاعدة' }).click();
  await expect(form.getByLabel(/صيغ أخرى/)).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByRole('alert')).toContainText('الكتابة المعتمدة نفسها');

  await form.getByLabel('نوع القاعدة').selectOption('pattern');
  await form.getByLabel('ما يحل محله').fill('x');
  await form.getByLabel(/النمط/).fill('.*');
  await form.getByRole('button', { name: 'إضافة قاعدة' }).click();
  await expect(form.getByRole('alert')).toContainText('يطابق كل الكلمات');
  expect(await serious(editor)).toEqual([]);

  await form.getByLabel('نوع القاعدة').selectOption('preferred');
  await form.getByLabel('الكتابة المعتمدة').fill(`قرضاي${variant.slice(-1)}`);
  await form.getByLabel(/صيغ أخرى/).fill(variant);
  await form.getByRole('button', { name: 'إضافة قاعدة' }).click();
  await expect(editor.getByRole('heading', { name: `قرضاي${variant.slice(-1)}` })).toBeVisible();

  // The writer's editor was open all along: the rule arrives at its next poll.
  await expect(point(writer, 'style', `و${variant}`)).toBeVisible({ timeout: 45_000 });
  await writer.context().close();
});
