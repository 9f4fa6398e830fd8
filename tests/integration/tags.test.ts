import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { db } from '@/db';
import { createDraft, saveDraft } from '@/db/queries/articles';
import { cleanTagNames, suggestTags } from '@/db/queries/tags';
import { createUser } from '@/db/queries/users';
import { tags, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/article-document/check';
import { normalizeTagName } from '@/lib/arabic';

let reporter: User;

before(async () => {
  reporter = await createUser({
    email: 'tags@test.example',
    name: 'صحفية',
    role: 'reporter',
    password: 'long-enough-password',
  });
  const draft = createDraft(reporter);
  saveDraft(reporter, {
    articleId: draft.id,
    baseVersion: draft.version,
    headline: 'خبر',
    tags: ['آسيا الوسطى', 'الأمم المتحدة', 'مكافحة الإرهاب', 'أمن_100%'],
    body: paragraphsToDocument(['نص']),
    bodyText: 'نص',
    wordCount: 1,
  });
});

describe('tag identity', () => {
  test('hamza forms, taa marbuta, alef maqsura, diacritics and tatweel make one tag', () => {
    const variants = ['مستشفى إسلامية', 'مستشفي اسلاميه', 'مُسْتَشْفَى إسلامـــية', 'مستشفى أسلامية'];
    const keys = new Set(variants.map(normalizeTagName));
    assert.equal(keys.size, 1);
    assert.deepEqual(cleanTagNames(variants), ['مستشفى إسلامية']);
  });

  test('a second spelling of an existing tag reuses it', () => {
    const draft = createDraft(reporter);
    saveDraft(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      headline: 'خبر ثانٍ',
      tags: ['اسيا الوسطي', 'مُكافَحة الارهاب'],
      body: paragraphsToDocument(['نص']),
      bodyText: 'نص',
      wordCount: 1,
    });
    const names = db
      .select({ name: tags.name })
      .from(tags)
      .all()
      .map((t) => t.name);
    assert.equal(names.filter((n) => normalizeTagName(n) === normalizeTagName('آسيا الوسطى')).length, 1);
  });
});

describe('suggestTags', () => {
  test('finds existing tags from a prefix typed in any spelling', () => {
    assert.deepEqual(suggestTags(db, 'اسي'), ['آسيا الوسطى']);
    assert.deepEqual(suggestTags(db, 'الامم'), ['الأمم المتحدة']);
    assert.deepEqual(suggestTags(db, 'مُكافـحة'), ['مكافحة الإرهاب']);
  });

  test('LIKE wildcards in what was typed match only themselves', () => {
    assert.deepEqual(suggestTags(db, '%'), []);
    assert.deepEqual(suggestTags(db, '_'), []);
    assert.deepEqual(suggestTags(db, 'أمن_1'), ['أمن_100%']);
    assert.deepEqual(suggestTags(db, '   '), []);
  });
});
