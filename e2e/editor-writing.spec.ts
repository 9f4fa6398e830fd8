import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import {
  expect,
  test,
  EDITOR,
  REPORTER,
  editorPage,
  newArticle,
  openArticle,
  personPage,
  waitUntilSaved,
} from './fixtures';

const MOD = 'Control';

// Pastes as a browser would: a paste event carrying the clipboard's HTML and/or plain text.
async function paste(page: Page, data: { html?: string; text?: string }) {
  await page.evaluate(({ html, text }) => {
    const transfer = new DataTransfer();
    if (html) transfer.setData('text/html', html);
    if (text) transfer.setData('text/plain', text);
    document
      .querySelector('[role="textbox"][aria-label="نص المقال"]')!
      .dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
  }, data);
}

test('a journalist writes mixed Arabic/English with formatting, a link and metadata; direction survives publish', async ({
  browser,
}) => {
  const stamp = Date.now().toString().slice(-6);
  const reporter = await personPage(browser, REPORTER);
  const articleId = await newArticle(reporter);
  const ed = editorPage(reporter);

  // The page has no serious or critical accessibility violation.
  const axe = await new AxeBuilder({ page: reporter }).analyze();
  const severe = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

  await ed.headline.fill(`قمة طشقند ${stamp}`);
  await waitUntilSaved(reporter);
  // Loaded afresh, the tab is titled by the headline and the page has its one heading.
  await reporter.reload();
  await expect(reporter).toHaveTitle(new RegExp(`^قمة طشقند ${stamp} — تحرير`));
  await expect(reporter.getByRole('heading', { level: 1 })).toHaveText(`تحرير: قمة طشقند ${stamp}`);
  await reporter.getByLabel('العنوان الفرعي').fill('لقاء Sergey Lavrov مع نظيره');
  await ed.body.click();
  await reporter.keyboard.type('عنوان القسم');
  await ed.button('عنوان داخلي').click();
  await expect(ed.button('عنوان داخلي')).toHaveAttribute('aria-pressed', 'true');
  await reporter.keyboard.press('End');
  await reporter.keyboard.press('Enter');
  await reporter.keyboard.type('قال Sergey Lavrov إن 3 اتفاقيات وُقّعت يوم 5 سبتمبر 2024 ');
  await reporter.keyboard.press(`${MOD}+B`);
  await reporter.keyboard.type('في Tashkent');
  await expect(ed.button('غامق')).toHaveAttribute('aria-pressed', 'true');
  await reporter.keyboard.press(`${MOD}+B`);
  await reporter.keyboard.type(' اليوم.');
  await expect(ed.body.locator('strong')).toHaveText('في Tashkent');
  // The paragraph stays right to left although it holds Latin names and numbers.
  await expect(ed.body.locator('p').first()).toHaveAttribute('dir', 'rtl');

  // A javascript: link is refused in the editor; an https one is accepted.
  await reporter.keyboard.press('Enter');
  await reporter.keyboard.type('المصدر');
  await reporter.keyboard.press('Shift+Home');
  await reporter.keyboard.press(`${MOD}+K`);
  const linkForm = reporter.getByRole('dialog', { name: 'رابط' });
  await linkForm.getByLabel('عنوان الرابط').fill('java\tscript:alert(document.cookie)');
  await linkForm.getByRole('button', { name: 'إدراج الرابط' }).click();
  await expect(linkForm.getByRole('alert')).toHaveText(
    'رابط غير مسموح: الروابط المقبولة http وhttps وmailto فقط',
  );
  await expect(ed.body.locator('a')).toHaveCount(0);
  await linkForm.getByLabel('عنوان الرابط').fill('https://example.com/tashkent');
  await linkForm.getByRole('button', { name: 'إدراج الرابط' }).click();
  await expect(linkForm).toHaveCount(0);
  await expect(ed.body.locator('a')).toHaveAttribute('href', 'https://example.com/tashkent');
  await expect(ed.body.locator('a')).toHaveText('المصدر');

  // A left-to-right paragraph, a list and a quotation.
  await reporter.keyboard.press('End');
  await reporter.keyboard.press('Enter');
  await ed.button('اتجاه من اليسار إلى اليمين').click();
  await reporter.keyboard.type('The ministers met in Tashkent.');
  await expect(ed.button('اتجاه من اليسار إلى اليمين')).toHaveAttribute('aria-pressed', 'true');
  await reporter.keyboard.press('Enter');
  await ed.button('اتجاه من اليمين إلى اليسار').click();
  await ed.button('قائمة نقطية').click();
  await reporter.keyboard.type('بند أول');
  await reporter.keyboard.press('Enter');
  await reporter.keyboard.press('Enter');
  await ed.button('اقتباس').click();
  await reporter.keyboard.type('قول مأثور');
  await ed.button('مائل').click();
  await reporter.keyboard.type(' مائل');
  await expect(ed.body.locator('blockquote em')).toHaveText(' مائل');
  // Undo and redo, by keyboard.
  await reporter.keyboard.press(`${MOD}+Z`);
  await expect(ed.body.locator('blockquote em')).toHaveCount(0);
  await reporter.keyboard.press(`${MOD}+Shift+Z`);
  await expect(ed.body.locator('blockquote em')).toHaveText(' مائل');

  await reporter.getByLabel('القسم').selectOption({ label: 'دولي' });
  await reporter.getByLabel('مكان الخبر').fill('طشقند');
  // A tag is a tag once finished: the comma finishes the first, leaving the field the second.
  await reporter.getByLabel('الوسوم').fill('طشقند، Diplomacy');
  await expect(reporter.getByRole('list', { name: 'وسوم المقال' }).getByRole('listitem')).toHaveText([
    'طشقند',
  ]);
  await reporter.getByLabel('الوسوم').press('Tab');
  await expect(reporter.getByRole('list', { name: 'وسوم المقال' }).getByRole('listitem')).toHaveText([
    'طشقند',
    'Diplomacy',
  ]);
  await waitUntilSaved(reporter);
  await expect(reporter.getByLabel('الرابط المختصر')).toHaveValue(`قمة-طشقند-${stamp}`);
  await expect(reporter.getByTestId('word-count')).not.toHaveText('0');
  await expect(reporter.getByText('مدة القراءة')).toBeVisible();

  // Ctrl+S saves at once.
  await ed.body.click();
  await reporter.keyboard.press(`${MOD}+End`);
  await reporter.keyboard.type('!');
  await reporter.keyboard.press(`${MOD}+S`);
  await waitUntilSaved(reporter);

  // Everything is back after a reload.
  await openArticle(reporter, articleId);
  await expect(ed.body.locator('h2')).toHaveText('عنوان القسم');
  await expect(ed.body.locator('p[dir="ltr"]')).toHaveText('The ministers met in Tashkent.');
  await expect(ed.body.locator('a')).toHaveAttribute('href', 'https://example.com/tashkent');
  await expect(reporter.getByLabel('العنوان الفرعي')).toHaveValue('لقاء Sergey Lavrov مع نظيره');
  await expect(reporter.getByLabel('القسم')).toHaveValue(/\d+/);
  await ed.button('إرسال للمراجعة').click();
  await expect(reporter.locator('.status')).toHaveText('قيد المراجعة');

  const editor = await personPage(browser, EDITOR);
  await openArticleReadOnly(editor, articleId);
  await editorPage(editor).button('اعتماد').click();
  await expect(editor.locator('.status')).toHaveText('معتمد');
  await editorPage(editor).button('نشر').click();
  await expect(editor.locator('.status')).toHaveText('منشور');
  await editor.getByRole('link', { name: 'عرض الصفحة المنشورة' }).click();

  // The reader gets what the journalist saw, dir attributes included.
  const body = editor.locator('.article-body');
  await expect(body.locator('h2')).toHaveText('عنوان القسم');
  await expect(body.locator('h2')).toHaveAttribute('dir', 'rtl');
  await expect(body.locator('p[dir="ltr"]')).toHaveText('The ministers met in Tashkent.');
  await expect(body.locator('strong')).toHaveText('في Tashkent');
  await expect(body.locator('a')).toHaveAttribute('href', 'https://example.com/tashkent');
  await expect(body.locator('a')).toHaveAttribute('rel', 'noopener noreferrer nofollow');
  await expect(body.locator('ul li')).toHaveText('بند أول');
  await expect(body.locator('blockquote')).toContainText('قول مأثور');
});

async function openArticleReadOnly(page: Page, articleId: number) {
  await page.goto(`/newsroom/articles/${articleId}`);
  await expect(editorPage(page).body).toBeVisible();
}

test('hostile pasted HTML comes out inert; Word/Docs markup comes out clean; lost paragraph breaks return', async ({
  page,
}) => {
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(REPORTER);
  await page.getByLabel('كلمة المرور').fill('newsroom-demo');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page).toHaveURL(/\/newsroom$/);
  const articleId = await newArticle(page);
  const ed = editorPage(page);
  await ed.headline.fill('لصق');
  await ed.body.click();

  await paste(page, {
    html:
      '<p class="evil" style="color:red" onclick="window.pwned=1">نص ملصوق <img src="x" onerror="window.pwned=2">' +
      '<script>window.pwned=3</script><a href="javascript:window.pwned=4">رابط خبيث</a></p>' +
      '<style>body{display:none}</style><iframe srcdoc="<script>parent.pwned=5</script>"></iframe>',
  });
  await expect(ed.body).toContainText('نص ملصوق');
  const inner = await ed.body.innerHTML();
  expect(inner).not.toMatch(/<script|<img|<iframe|<style|onerror|onclick|javascript:|class="evil"|style=/i);
  await expect(ed.body.locator('a')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();

  await page.keyboard.press('Enter');
  await paste(page, {
    html:
      '<b style="font-weight:normal;" id="docs-internal-guid-42"><p dir="ltr" style="line-height:1.38"><span style="font-weight:700;font-family:Arial">Bold Docs</span>' +
      '<span style="font-style:italic"> italic</span></p></b>',
  });
  await expect(ed.body.locator('strong', { hasText: 'Bold Docs' })).toBeVisible();
  await expect(ed.body.locator('em', { hasText: 'italic' })).toBeVisible();
  await expect(ed.body.locator('p[dir="ltr"]', { hasText: 'Bold Docs' })).toBeVisible();

  await page.keyboard.press('Enter');
  await paste(page, { text: 'الأمن في المنطقة.وتستضيف طشقند المؤتمر.' });
  await expect(ed.body.locator('p', { hasText: /^الأمن في المنطقة\.$/ })).toHaveCount(1);
  await expect(ed.body.locator('p', { hasText: /^وتستضيف طشقند المؤتمر\.$/ })).toHaveCount(1);

  await waitUntilSaved(page);
  await openArticle(page, articleId);
  const saved = await ed.body.innerHTML();
  expect(saved).not.toMatch(/<script|<img|onerror|onclick|javascript:|style=|class="evil"/i);
  await expect(ed.body).toContainText('نص ملصوق');
});

test('tags suggest existing ones in any spelling; the toolbar works from the keyboard', async ({ page }) => {
  await page.goto('/signin');
  await page.getByLabel('البريد الإلكتروني').fill(REPORTER);
  await page.getByLabel('كلمة المرور').fill('newsroom-demo');
  await page.getByRole('button', { name: 'تسجيل الدخول' }).click();
  await expect(page).toHaveURL(/\/newsroom$/);
  await newArticle(page);
  const tags = page.getByRole('combobox', { name: 'الوسوم' });
  await tags.click();
  await page.keyboard.type('اوزبك');
  const option = page.getByRole('option', { name: 'أوزبكستان' });
  await expect(option).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(tags).toHaveValue('');
  await expect(page.getByRole('list', { name: 'وسوم المقال' })).toHaveText('أوزبكستان');
  await waitUntilSaved(page);

  // One tab stop for the toolbar, arrows move within it.
  const bold = page.getByRole('button', { name: 'غامق', exact: true });
  await bold.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('button', { name: 'مائل', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('button', { name: 'إعادة', exact: true })).toBeFocused();
  for (const name of [
    'غامق',
    'مائل',
    'عنوان داخلي',
    'قائمة نقطية',
    'قائمة مرقمة',
    'اقتباس',
    'رابط',
    'تراجع',
    'إعادة',
  ]) {
    await expect(
      page.getByRole('toolbar', { name: 'أدوات التحرير' }).getByRole('button', { name, exact: true }),
    ).toHaveCount(1);
  }
});
