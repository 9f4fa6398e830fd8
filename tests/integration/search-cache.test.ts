import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { unpublishArticle } from '@/lib/newsroom/workflow';
import { createUser } from '@/lib/auth/users';
import type { User } from '@/db/schema';
import { cachedSearch, SEARCH_CACHE, searchCacheSize } from '@/lib/reader/search-cache';
import { searchPage } from '@/lib/reader/pages';
import { publishedArticle } from './fixtures';

// Search results are kept a few seconds per normalised query (lib/reader/search-cache.ts), bounded, and
// forgotten on the next search after anything is published or unpublished.

let people: { reporter: User; editor: User };

before(async () => {
  people = {
    reporter: await createUser({
      email: 'sc-r@test.example',
      name: 'صحفي',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    editor: await createUser({
      email: 'sc-e@test.example',
      name: 'محرر',
      role: 'editor',
      password: 'long-enough-password',
    }),
  };
  publishedArticle(people, 'قمة الأمم المتحدة في طشقند');
});

describe('the search cache', () => {
  test('spellings of one query share an entry, answered from it without a new read', () => {
    const now = 1_000_000;
    const first = cachedSearch('الأمم', 1, now);
    assert.equal(first.total, 1);
    // The same object: answered from the cache, not read again.
    assert.equal(cachedSearch('الامم', 1, now + 10), first);
    assert.equal(cachedSearch('  الأُمم ', 1, now + 10), first);
    // Expired after its few seconds: read again.
    assert.notEqual(cachedSearch('الأمم', 1, now + SEARCH_CACHE.ttlMs + 1), first);
  });

  test('a publish (and an unpublish) is found by the very next search', () => {
    const now = Date.now();
    assert.equal(cachedSearch('سمرقند', 1, now).total, 0);
    const id = publishedArticle(people, 'مهرجان سمرقند للموسيقى');
    assert.equal(cachedSearch('سمرقند', 1, now + 1).total, 1);
    unpublishArticle(people.editor, id);
    assert.equal(cachedSearch('سمرقند', 1, now + 2).total, 0);
  });

  test('bounded: the least recently used entries go first', () => {
    const now = Date.now();
    for (let i = 0; i < SEARCH_CACHE.entries + 50; i++) cachedSearch(`كلمة${i}`, 1, now);
    assert.equal(searchCacheSize(), SEARCH_CACHE.entries);
  });

  test('the search page still shows what this reader typed, with the shared results', async () => {
    const page = await searchPage(new URL('http://x/search?q=%D8%A7%D9%84%D8%A7%D9%85%D9%85')).text();
    assert.match(page, /value="الامم"/);
    assert.match(page, /قمة/);
  });
});
