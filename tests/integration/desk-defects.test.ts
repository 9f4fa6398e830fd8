import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import type { User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { getRevision, listRevisions } from '@/lib/newsroom/history';
import { submitForReview, withdrawFromReview } from '@/lib/newsroom/workflow';
import { countOf, REVISIONS } from '@/lib/shared/arabic';
import { writeArticle } from './fixtures';

// Defects found on the desk (issue 19): revisions numbered by database id ("النسخة 37…41" for an
// article's five) and "5 نسخة" where Arabic says "5 نسخ".

let reporter: User;
before(async () => {
  reporter = await createUser({
    email: 'dd@test.example',
    name: 'ريم',
    role: 'reporter',
    password: 'long-enough-password',
  });
});

test('revisions are numbered within their article, whatever other articles wrote in between', () => {
  const t = (m: number) => new Date(Date.UTC(2030, 0, 1, 10, m));
  const a = writeArticle(reporter, { headline: 'الأول', paragraphs: ['نص'] }, t(0));
  const b = writeArticle(reporter, { headline: 'الثاني', paragraphs: ['نص'] }, t(1));
  // Each change of state writes a revision: interleave the two articles' histories.
  for (let i = 0; i < 2; i++) {
    submitForReview(reporter, a.id, t(2 + i * 4));
    submitForReview(reporter, b.id, t(3 + i * 4));
    withdrawFromReview(reporter, a.id, t(4 + i * 4));
    withdrawFromReview(reporter, b.id, t(5 + i * 4));
  }
  for (const id of [a.id, b.id]) {
    const list = listRevisions(reporter, id);
    assert.deepEqual(
      list.map((r) => r.number),
      Array.from({ length: list.length }, (_, i) => list.length - i),
    );
    const oldest = list.at(-1)!;
    assert.equal(getRevision(reporter, id, oldest.id).number, 1);
    assert.equal(getRevision(reporter, id, list[0]!.id).number, list.length);
  }
  assert.ok(listRevisions(reporter, b.id).at(-1)!.id > 1, 'ids are shared across articles');
});

test('counts of revisions agree with the number (Intl.PluralRules("ar"))', () => {
  assert.deepEqual(
    [0, 1, 2, 3, 5, 10, 11, 37, 100, 102].map((n) => countOf(n, REVISIONS)),
    [
      'لا نسخ',
      'نسخة واحدة',
      'نسختان',
      '3 نسخ',
      '5 نسخ',
      '10 نسخ',
      '11 نسخة',
      '37 نسخة',
      '100 نسخة',
      '102 نسخة',
    ],
  );
});
