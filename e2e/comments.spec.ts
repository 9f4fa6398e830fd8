import { type Page } from '@playwright/test';
import {
  expect,
  test,
  EDITOR,
  editorPage,
  newArticle,
  personPage,
  publishThroughDesk,
  waitUntilSaved,
} from './fixtures';

// A reader's comment is held بانتظار المراجعة, an editor accepts it in إدارة التعليقات, and then
// every reader sees it, as text, and counted beside views and shares. The article page itself is
// the same cached page for everyone: comments, counts and the staff's تحرير المقال link arrive by
// the engagement request.

async function publishArticle(editor: Page, headline: string): Promise<string> {
  const articleId = await newArticle(editor);
  await editorPage(editor).headline.fill(headline);
  await editorPage(editor).body.click();
  await editor.keyboard.type('نص خبر يعلّق عليه القراء بعد نشره.');
  await waitUntilSaved(editor);
  await publishThroughDesk(editor);
  return `/news/${articleId}`;
}

test('a comment is held, approved, shown and counted', async ({ browser }) => {
  const stamp = Date.now().toString().slice(-6);
  const headline = `خبر للتعليقات ${stamp}`;
  const editor = await personPage(browser, EDITOR);
  const address = await publishArticle(editor, headline);

  const reader = await (await browser.newContext()).newPage();
  let dialogs = 0;
  reader.on('dialog', (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await reader.goto(address);
  const comments = reader.getByRole('region', { name: 'تعليقات' });
  await expect(comments.getByText('لا توجد تعليقات بعد.')).toBeVisible();
  await expect(reader.locator('.counters data[data-count="comments"]')).toHaveAttribute('value', '0');
  // Readers get no editor link; the page is the same for staff, who get it from the small request.
  await expect(reader.getByRole('link', { name: 'تحرير المقال' })).toBeHidden();

  const form = comments.getByRole('form', { name: 'أضف تعليقًا' });
  await form.getByRole('button', { name: 'إرسال التعليق' }).click();
  await expect(form.getByLabel('اسمك')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.locator('#comment-name-error')).toHaveText('اكتب اسمك');
  await expect(form.locator('#comment-text-error')).toHaveText('اكتب نص التعليق');
  await expect(form.getByLabel('اسمك')).toBeFocused();

  const text = `<script>alert(1)</script> تعليق القارئ ${stamp}`;
  await form.getByLabel('اسمك').fill('سلمى');
  await form.getByLabel('نص التعليق').fill(text);
  await form.getByRole('button', { name: 'إرسال التعليق' }).click();
  await expect(form.getByRole('status')).toContainText('بانتظار المراجعة');
  await expect(form.getByLabel('نص التعليق')).toHaveValue('');
  // The same text again is refused, next to the field.
  await form.getByLabel('نص التعليق').fill(text);
  await form.getByRole('button', { name: 'إرسال التعليق' }).click();
  await expect(form.locator('#comment-text-error')).toHaveText('وصل هذا التعليق من قبل.');

  await reader.reload();
  await expect(comments.getByText(text)).toHaveCount(0);
  await expect(reader.locator('.counters data[data-count="comments"]')).toHaveAttribute('value', '0');

  // The editor sees the staff link on the reader's page, and accepts the comment in the queue.
  await editor.goto(address);
  await expect(editor.getByRole('link', { name: 'تحرير المقال' })).toBeVisible();
  await editor.goto('/newsroom');
  await editor.getByRole('link', { name: 'إدارة التعليقات' }).click();
  await expect(editor.getByRole('heading', { name: 'إدارة التعليقات', level: 1 })).toBeVisible();
  const held = editor.getByRole('listitem').filter({ hasText: text });
  await expect(held).toContainText('سلمى');
  await expect(held).toContainText(headline);
  await held.getByRole('button', { name: 'قبول' }).click();
  await expect(held.getByRole('status')).toHaveText('قُبل التعليق');

  await reader.reload();
  await expect(comments.getByText(text)).toBeVisible();
  await expect(comments.getByRole('listitem').filter({ hasText: text })).toContainText('سلمى');
  await expect(reader.locator('.counters data[data-count="comments"]')).toHaveAttribute('value', '1');
  expect(dialogs, 'the comment stays text').toBe(0);
});
