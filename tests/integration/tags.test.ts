import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { db } from '@/db';
import * as articleActions from '@/app/(newsroom)/newsroom/articles/actions';
import { createDraft } from '@/lib/newsroom/articles';
import { approveArticle, publishArticle, submitForReview } from '@/lib/newsroom/workflow';
import { cleanTagNames, suggestTags } from '@/lib/newsroom/tags';
import { createUser } from '@/lib/auth/users';
import { tags, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { normalizeTagName } from '@/lib/shared/arabic';
import { DOOR, type RequestFacts } from '@/lib/http/door';
import { testSection } from './section';
import { saveFields } from './fixtures';

let reporter: User;

before(async () => {
  reporter = await createUser({
    email: 'tags@test.example',
    name: 'صحفية',
    role: 'reporter',
    password: 'long-enough-password',
  });
  const draft = createDraft(reporter);
  saveFields(reporter, {
    articleId: draft.id,
    baseVersion: draft.version,
    headline: 'خبر',
    tags: ['آسيا الوسطى', 'الأمم المتحدة', 'مكافحة الإرهاب', 'أمن_100%'],
    body: paragraphsToDocument(['نص']),
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
    saveFields(reporter, {
      articleId: draft.id,
      baseVersion: draft.version,
      headline: 'خبر ثانٍ',
      tags: ['اسيا الوسطي', 'مُكافَحة الارهاب'],
      body: paragraphsToDocument(['نص']),
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
    assert.deepEqual(suggestTags(db, 'اسي', reporter), ['آسيا الوسطى']);
    assert.deepEqual(suggestTags(db, 'الامم', reporter), ['الأمم المتحدة']);
    assert.deepEqual(suggestTags(db, 'مُكافـحة', reporter), ['مكافحة الإرهاب']);
  });

  test('LIKE wildcards in what was typed match only themselves', () => {
    assert.deepEqual(suggestTags(db, '%', reporter), []);
    assert.deepEqual(suggestTags(db, '_', reporter), []);
    assert.deepEqual(suggestTags(db, 'أمن_1', reporter), ['أمن_100%']);
    assert.deepEqual(suggestTags(db, '   ', reporter), []);
  });
});

describe('tag suggestions through the door: only tags of articles the caller may read', () => {
  type Door = {
    [DOOR]: { runAs: (facts: RequestFacts, raw: unknown) => Promise<{ ok: boolean; data?: unknown }> };
  };
  const suggestAs = async (user: User, typed: string) => {
    const result = await (articleActions.suggestTagsAction as unknown as Door)[DOOR].runAs(
      {
        claims: { userId: user.id, sessionVersion: user.sessionVersion },
        origin: null,
        host: '127.0.0.1:3000',
        fetchSite: 'same-origin',
      },
      { typed },
    );
    assert.equal(result.ok, true);
    return result.data;
  };

  test('another reporter’s draft tag is not offered; the author and the desk see it; published, everyone does', async () => {
    const author = await createUser({
      email: 'secret-tags@test.example',
      name: 'كاتبة',
      role: 'reporter',
      password: 'long-enough-password',
    });
    const other = await createUser({
      email: 'other-tags@test.example',
      name: 'زميل',
      role: 'reporter',
      password: 'long-enough-password',
    });
    const editor = await createUser({
      email: 'desk-tags@test.example',
      name: 'محرر',
      role: 'editor',
      password: 'long-enough-password',
    });
    const draft = createDraft(author);
    saveFields(author, {
      articleId: draft.id,
      baseVersion: draft.version,
      headline: 'سبق صحفي',
      tags: ['صفقة سرية مع الوزارة'],
      body: paragraphsToDocument(['نص']),
      sectionId: testSection(),
    });
    assert.deepEqual(await suggestAs(other, 'صفقة'), []);
    assert.deepEqual(await suggestAs(author, 'صفقة'), ['صفقة سرية مع الوزارة']);
    assert.deepEqual(await suggestAs(editor, 'صفقة'), ['صفقة سرية مع الوزارة']);
    submitForReview(author, draft.id);
    approveArticle(editor, draft.id);
    publishArticle(editor, draft.id);
    assert.deepEqual(await suggestAs(other, 'صفقة'), ['صفقة سرية مع الوزارة']);
  });
});
