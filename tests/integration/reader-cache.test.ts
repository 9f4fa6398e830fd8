import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDraft } from '@/lib/newsroom/articles';
import {
  approveArticle,
  publishArticle,
  setEmbargo,
  submitForReview,
  unpublishArticle,
} from '@/lib/newsroom/workflow';
import { chooseTopStory } from '@/lib/newsroom/front-page';
import { currentReaderGeneration, listChangedReaderKeys } from '@/db/reader-cache';
import { createUser } from '@/lib/auth/users';
import { paragraphsToDocument } from '@/lib/document/check';
import { testSection } from './section';
import { saveFields } from './fixtures';

// The reader cache's one signal (db/reader-cache.ts): every change to what readers may see
// bumps the generation exactly once, in its own write transaction, and lists the Surrogate-Key
// names of the pages it touches (a CDN's purge list). Nothing else readers cannot see moves it.
test('each publish, correction, embargo, unpublish and top story choice bumps the generation once', async () => {
  const [reporter, editor] = await Promise.all([
    createUser({
      email: 'gr@test.example',
      name: 'ليلى',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'ge@test.example', name: 'سامي', role: 'editor', password: 'long-enough-password' }),
  ]);
  const draft = createDraft(reporter);
  saveFields(reporter, {
    articleId: draft.id,
    baseVersion: draft.version,
    headline: 'خبر يوقظ كل العمال',
    body: paragraphsToDocument(['نص.']),
    sectionId: testSection(),
    tags: ['طشقند'],
  });
  submitForReview(reporter, draft.id);
  approveArticle(editor, draft.id);
  const before = currentReaderGeneration();
  assert.deepEqual(
    listChangedReaderKeys(before).map((row) => row.key),
    [],
    'saving, submitting and approving change nothing readers see',
  );

  publishArticle(editor, draft.id);
  const published = currentReaderGeneration();
  assert.equal(published, before + 1, 'one bump per publication');
  const keys = listChangedReaderKeys(before).map((row) => row.key);
  for (const key of [
    `article-${draft.id}`,
    'home',
    'feeds',
    'search',
    `author-${reporter.id}`,
    `tag-${encodeURIComponent('طشقند')}`,
  ])
    assert.ok(keys.includes(key), key);
  assert.ok(keys.some((key) => key.startsWith('section-')));

  publishArticle(editor, draft.id, new Date(), 'تصحيح: الاسم');
  assert.equal(currentReaderGeneration(), published + 1, 'one bump per correction');

  setEmbargo(editor, draft.id, new Date(Date.now() + 3_600_000));
  assert.equal(currentReaderGeneration(), published + 2, 'one bump when an embargo takes it away');
  setEmbargo(editor, draft.id, null);
  assert.equal(currentReaderGeneration(), published + 3, 'one bump when the embargo is lifted');

  chooseTopStory(editor, { articleId: draft.id, chosen: true });
  assert.equal(currentReaderGeneration(), published + 4, 'one bump for the top story');
  assert.ok(listChangedReaderKeys(published + 3).some((row) => row.key === 'home'));

  unpublishArticle(editor, draft.id);
  assert.equal(currentReaderGeneration(), published + 5, 'one bump per unpublication');
  assert.ok(listChangedReaderKeys(published + 4).some((row) => row.key === `article-${draft.id}`));
});
