import { expect, test, REPORTER, editorPage, newArticle, personPage, waitUntilSaved } from './fixtures';

// One word counter (issue 8, point 3): the count the editor shows while typing (in Chromium) and
// the count the server stores at the save (in Node), which the article lists show, are the same,
// on text where the two engines' word breaking differs (a full stop between letters) and with a
// hard line break between two words.

test('the editor and the article list give the same word count', async ({ browser }) => {
  const reporter = await personPage(browser, REPORTER);
  const stamp = Date.now().toString().slice(-6);
  await newArticle(reporter);
  const ed = editorPage(reporter);
  const headline = `عدد الكلمات ${stamp}`;
  await ed.headline.fill(headline);
  await ed.body.click();
  await reporter.keyboard.type('قال د.محمد إن U.S.A. وموقع x.org');
  await reporter.keyboard.press('Shift+Enter');
  await reporter.keyboard.type('سطر ثانٍ بعد فاصل');
  await reporter.keyboard.press('Enter');
  await reporter.keyboard.type('فقرة ثالثة فيها 3.5 مليار دولار.');
  // One letter typed inside a word, as in the issue.
  await reporter.keyboard.press('Home');
  await reporter.keyboard.press('ArrowLeft');
  await reporter.keyboard.press('ArrowLeft');
  await reporter.keyboard.type('ة');
  await waitUntilSaved(reporter);
  // قال د محمد إن U S A وموقع x org | سطر ثانٍ بعد فاصل | فقرة ثالثة فيها 3.5 مليار دولار
  await expect(reporter.getByTestId('word-count')).toHaveText('20');

  await reporter.goto('/newsroom');
  const row = reporter.getByRole('row').filter({ has: reporter.getByRole('link', { name: headline }) });
  await expect(row.getByRole('cell').nth(3)).toHaveText('20');
});
