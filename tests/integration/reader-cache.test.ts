import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDraft } from '@/lib/newsroom/articles';
import { approveArticle, publishArticle, submitForReview, unpublishArticle } from '@/lib/newsroom/workflow';
import {
  currentReaderGeneration,
  listExpiredReaderTags,
  rememberExpiredReaderTags,
} from '@/db/queries/reader-cache';
import { createUser } from '@/lib/auth/users';
import { paragraphsToDocument } from '@/lib/document/check';
import { testSection } from './section';
import { saveFields } from './fixtures';

// The reader cache's tag expiries, kept in SQLite across restarts and shared by every worker: one
// row per tag, and a later expiry is never overwritten by an earlier one (two servers, or clocks,
// may report out of order).
test('tag expiries are remembered once per tag, keeping the latest', () => {
  rememberExpiredReaderTags(['article:1', 'latest', 'latest'], 1_000);
  rememberExpiredReaderTags(['article:1'], 3_000);
  rememberExpiredReaderTags(['article:1', 'tag:7'], 2_000);
  rememberExpiredReaderTags([], 9_000);
  const byTag = Object.fromEntries(listExpiredReaderTags().map((row) => [row.tag, row.expiredAt]));
  assert.deepEqual(byTag, { 'article:1': 3_000, latest: 1_000, 'tag:7': 2_000 });
});

// What every worker process reads before each request (server.mjs): the generation moves in the
// publish's own transaction, and the tags written with it are those of the article's places.
test('publishing and unpublishing bump the generation with the tags of the places', async () => {
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
  });
  submitForReview(reporter, draft.id);
  approveArticle(editor, draft.id);
  const before = currentReaderGeneration();
  assert.deepEqual(
    listExpiredReaderTags(before).map((row) => row.tag),
    [],
    'saving, submitting and approving change nothing readers see',
  );

  publishArticle(editor, draft.id);
  const published = currentReaderGeneration();
  assert.equal(published, before + 1);
  const tags = listExpiredReaderTags(before).map((row) => row.tag);
  assert.ok(tags.includes(`article:${draft.id}`));
  assert.ok(tags.includes('latest'));
  assert.ok(tags.includes(`author:${reporter.id}`));

  unpublishArticle(editor, draft.id);
  assert.equal(currentReaderGeneration(), published + 1);
  assert.ok(listExpiredReaderTags(published).some((row) => row.tag === `article:${draft.id}`));
});
