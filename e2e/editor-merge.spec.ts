import { type Page } from '@playwright/test';
import sharp from 'sharp';
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

// The scenario: A sets deck, tags and section; B, whose page is stale, edits the body.
// That is no conflict (different fields): A's fields stay, and B's page shows them. Then both
// change the deck: only the deck is a conflict, and the choice is per field.
test('stale page editing the body keeps the other editor’s deck, tags and section; only true conflicts show', async ({
  browser,
}) => {
  const b = await personPage(browser, REPORTER);
  const articleId = await newArticle(b);
  await editorPage(b).headline.fill('خبر يتشاركه اثنان');
  await editorPage(b).body.click();
  await b.keyboard.type('الفقرة الأولى.');
  await waitUntilSaved(b);

  const a = await personPage(browser, EDITOR);
  await openArticle(a, articleId);
  await a.getByLabel('العنوان الفرعي').fill('موجز كتبه المحرر');
  await a.getByLabel('القسم').selectOption({ label: 'دولي' });
  await a.getByLabel('الوسوم').fill('طشقند،');
  await waitUntilSaved(a);

  // B never reloaded: its page still has the old deck, tags and section.
  await editorPage(b).body.click();
  await b.keyboard.press('Control+End');
  await b.keyboard.type(' وكلمة من الصحفية');
  await waitUntilSaved(b);
  await expect(b.getByRole('heading', { name: 'تعارض في التعديل' })).toHaveCount(0);
  await expect(b.getByLabel('العنوان الفرعي')).toHaveValue('موجز كتبه المحرر');
  await expect(b.getByRole('list', { name: 'وسوم المقال' })).toHaveText('طشقند');
  await expect(b.getByLabel('القسم')).not.toHaveValue('');
  // B types on; A's fields are still there on the server.
  await b.keyboard.type('!');
  await waitUntilSaved(b);
  const check = await personPage(browser, EDITOR);
  await openArticle(check, articleId);
  await expect(check.getByLabel('العنوان الفرعي')).toHaveValue('موجز كتبه المحرر');
  await expect(check.getByRole('list', { name: 'وسوم المقال' })).toHaveText('طشقند');
  await expect(check.getByLabel('القسم')).not.toHaveValue('');
  await expect(editorPage(check).body).toHaveText('الفقرة الأولى. وكلمة من الصحفية!');

  // A true conflict: both change the deck. Only the deck is shown; B's body keeps saving.
  // (B's connection drops meanwhile: connected, B's page would show A's deck within seconds.)
  await b.context().setOffline(true);
  await a.getByLabel('العنوان الفرعي').fill('موجز المحرر الثاني');
  await waitUntilSaved(a);
  await b.getByLabel('العنوان الفرعي').fill('موجز الصحفية');
  await b.context().setOffline(false);
  await expect(b.getByRole('heading', { name: 'تعارض في التعديل' })).toBeVisible();
  await expect(editorPage(b).saveState).toContainText('لم يُحفظ');
  const deck = b.getByRole('region', { name: 'تعارض: العنوان الفرعي' });
  await expect(deck).toContainText('غيّره خالد المحرر');
  await expect(deck.getByRole('region', { name: 'نسختهم: العنوان الفرعي' })).toContainText(
    'موجز المحرر الثاني',
  );
  await expect(deck.getByRole('region', { name: 'نسختي: العنوان الفرعي' })).toContainText('موجز الصحفية');
  await expect(b.locator('.conflict-field')).toHaveCount(1);
  await editorPage(b).body.click();
  await b.keyboard.press('Control+End');
  await b.keyboard.type(' تتمة');
  await expect(b.locator('.conflict-field')).toHaveCount(1);
  await deck.getByRole('button', { name: 'اعتماد نسختهم' }).click();
  await expect(b.getByLabel('العنوان الفرعي')).toHaveValue('موجز المحرر الثاني');
  await waitUntilSaved(b);
  await check.reload();
  await expect(check.getByLabel('العنوان الفرعي')).toHaveValue('موجز المحرر الثاني');
  await expect(editorPage(check).body).toContainText('تتمة');

  // And keeping mine, on the headline this time.
  await b.context().setOffline(true);
  await editorPage(a).headline.fill('عنوان المحرر');
  await waitUntilSaved(a);
  await editorPage(b).headline.fill('عنوان الصحفية');
  await b.context().setOffline(false);
  const headline = b.getByRole('region', { name: 'تعارض: العنوان' });
  await expect(headline).toBeVisible();
  await headline.getByRole('button', { name: 'حفظ نسختي فوقها' }).click();
  await waitUntilSaved(b);
  await check.reload();
  await expect(editorPage(check).headline).toHaveValue('عنوان الصحفية');
});

test('the toolbar is usable by keyboard from the moment the page opens; focus follows the work', async ({
  browser,
}) => {
  const page = await personPage(browser, REPORTER);
  const articleId = await newArticle(page);
  const ed = editorPage(page);
  // A new article starts in its headline.
  await expect(ed.headline).toBeFocused();
  await page.keyboard.type('خبر بلوحة المفاتيح');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('العنوان الفرعي')).toBeFocused();
  // Nothing typed in the body yet: the toolbar is one Tab stop, already enabled.
  await page.keyboard.press('Tab');
  const toolbar = page.getByRole('toolbar', { name: 'أدوات التحرير' });
  const bold = toolbar.getByRole('button', { name: 'غامق', exact: true });
  await expect(bold).toBeFocused();
  for (const button of await toolbar.getByRole('button').all()) await expect(button).toBeEnabled();
  // Arrows move within it in reading order (right to left): the left arrow goes to the next.
  await page.keyboard.press('ArrowLeft');
  await expect(toolbar.getByRole('button', { name: 'مائل', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  const subheading = toolbar.getByRole('button', { name: 'عنوان داخلي', exact: true });
  await expect(subheading).toBeFocused();
  await expect(subheading).toHaveAttribute('title', 'عنوان داخلي');
  await page.keyboard.press('Enter');
  await page.keyboard.type('عنوان داخل النص');
  await expect(ed.body.locator('h2')).toHaveText('عنوان داخل النص');
  // Every icon is drawn (an SVG), none is an empty box.
  for (const icon of await toolbar.locator('button svg').all()) {
    const box = await icon.boundingBox();
    expect(box && box.width > 10 && box.height > 10).toBe(true);
  }
  // Tab again leaves the toolbar for the body, in one step.
  await bold.focus();
  await page.keyboard.press('Tab');
  await expect(ed.body).toBeFocused();

  await expect(page.getByRole('link', { name: 'معاينة' })).toHaveAttribute(
    'href',
    `/newsroom/articles/${articleId}/preview`,
  );
  // After a workflow action, focus is on the status message.
  await waitUntilSaved(page);
  await ed.button('إرسال للمراجعة').click();
  await expect(page.locator('.status')).toHaveText('قيد المراجعة');
  await expect(ed.saveState).toBeFocused();
});

// Pastes files as a browser does: a paste event whose clipboard carries them.
async function pasteFiles(page: Page, files: { name: string; type: string; base64: string }[]) {
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) {
      const bytes = Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], f.name, { type: f.type }));
    }
    document
      .querySelector('[role="textbox"][aria-label="نص المقال"]')!
      .dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }),
      );
  }, files);
}

test('a pasted photo uploads into the body; a refused file says why in Arabic', async ({ browser }) => {
  const page = await personPage(browser, REPORTER);
  const articleId = await newArticle(page);
  const ed = editorPage(page);
  await ed.headline.fill('صورة ملصوقة');
  await ed.body.click();
  await page.keyboard.type('قبل الصورة');
  const jpeg = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#7a4' } })
    .jpeg()
    .toBuffer();
  await pasteFiles(page, [{ name: 'لقطة.jpg', type: 'image/jpeg', base64: jpeg.toString('base64') }]);
  await expect(ed.body.locator('figure img')).toHaveAttribute('src', /^\/media\/[0-9a-f]{32}-\d+\.webp$/);
  await expect(page.getByRole('list', { name: 'صور قيد الرفع' })).toHaveCount(0);
  await waitUntilSaved(page);
  await openArticle(page, articleId);
  await expect(ed.body.locator('figure img')).toHaveCount(1);

  // Not an image: refused before upload. A broken "JPEG": refused by the server, same message
  // as the media library's.
  await ed.body.click();
  await pasteFiles(page, [{ name: 'notes.txt', type: 'text/plain', base64: btoa('hello') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'نوع الملف غير مقبول' })).toBeVisible();
  await pasteFiles(page, [{ name: 'broken.jpg', type: 'image/jpeg', base64: btoa('not really a jpeg') }]);
  await expect(page.getByRole('alert').filter({ hasText: 'لم تُرفع الصورة' })).toHaveCount(2);
  await expect(ed.body.locator('figure img')).toHaveCount(1);
});

test('a photo dropped onto the body uploads where it was dropped', async ({ browser }) => {
  const page = await personPage(browser, REPORTER);
  const articleId = await newArticle(page);
  const ed = editorPage(page);
  await ed.headline.fill('صورة مسحوبة');
  await ed.body.click();
  await page.keyboard.type('الفقرة الأولى');
  await page.keyboard.press('Enter');
  await page.keyboard.type('الفقرة الثانية');
  const png = await sharp({ create: { width: 480, height: 320, channels: 3, background: '#247' } })
    .png()
    .toBuffer();
  // A drop as the browser sends it: dragenter/dragover, then drop with the file, at the end of
  // the first paragraph.
  const box = (await ed.body.locator('p').first().boundingBox())!;
  await page.evaluate(
    ({ base64, x, y }) => {
      const transfer = new DataTransfer();
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], 'صورة.png', { type: 'image/png' }));
      const target = document.querySelector('[role="textbox"][aria-label="نص المقال"] p')!;
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(
          new DragEvent(type, {
            dataTransfer: transfer,
            clientX: x,
            clientY: y,
            bubbles: true,
            cancelable: true,
          }),
        );
    },
    { base64: png.toString('base64'), x: box.x + 4, y: box.y + box.height / 2 },
  );
  await expect(ed.body.locator('figure img')).toHaveAttribute('src', /^\/media\/[0-9a-f]{32}-\d+\.webp$/);
  await waitUntilSaved(page);
  await openArticle(page, articleId);
  // One photo, between the two paragraphs (dropped on the first, it lands after it), and no text lost.
  await expect(ed.body.locator('figure img')).toHaveCount(1);
  const order = await ed.body.evaluate((body) =>
    Array.from(body.children, (child) => child.tagName.toLowerCase()),
  );
  expect(order.filter((tag) => tag === 'p' || tag === 'figure')).toEqual(['p', 'figure', 'p']);
  await expect(ed.body).toContainText('الفقرة الأولى');
  await expect(ed.body).toContainText('الفقرة الثانية');
});
