import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isSafeHref } from '@/lib/shared/links';
import { safeNextPath } from '@/lib/shared/urls';

// Addresses that look like paths on this site but that a browser opens on another host.
const OFF_SITE = [
  '//evil.test/',
  '/\\evil.test/',
  '\\\\evil.test',
  '/\t/evil.test/',
  '/\n/evil.test',
  '/\r\n/evil.test',
  '/ /evil.test',
  '\\/evil.test',
  '/%09/evil.test',
  'https://evil.test/newsroom',
  'javascript:alert(1)',
  'evil.test',
];

describe('where sign-in may send you next', () => {
  test('only same-origin paths; everything else goes to the newsroom', () => {
    for (const next of OFF_SITE.filter((n) => n !== '/%09/evil.test'))
      assert.equal(safeNextPath(next), '/newsroom', JSON.stringify(next));
    for (const next of [undefined, null, '', ['/a', '/b'], 42, 'x'.repeat(3000)])
      assert.equal(safeNextPath(next), '/newsroom', JSON.stringify(next));
  });

  test('dot segments that resolve to "//host" are refused (an open redirect after sign-in)', () => {
    for (const next of [
      '/..//evil.example/',
      '/../..//evil.example',
      '/newsroom/../..//evil.example',
      '/./..//evil.example',
      '/%2e%2e//evil.example',
      '/%2E%2E//evil.example/x?y#z',
      '/.%2e//evil.example',
      '/newsroom/%2e%2e/%2e%2e//evil.example',
      '/a/..//evil.example',
    ])
      assert.equal(safeNextPath(next), '/newsroom', JSON.stringify(next));
  });

  test('a real path keeps its query and fragment, and stays on this site', () => {
    assert.equal(safeNextPath('/newsroom/articles/12?tab=notes#top'), '/newsroom/articles/12?tab=notes#top');
    assert.equal(safeNextPath('/%09/evil.test'), '/%09/evil.test');
    assert.equal(safeNextPath('/newsroom/../signin'), '/signin');
  });
});

describe('the link check', () => {
  test('backslash, tab and control tricks that browsers read as another host are refused', () => {
    for (const href of [
      '/\\evil.example',
      '\\/evil.example',
      '/\t/evil.example',
      '/\u0000/evil.example',
      '\\\\evil.example',
      ' //evil.example',
      '/\u200b/evil.example',
    ])
      assert.equal(isSafeHref(href), false, JSON.stringify(href));
  });

  test('paths on the site and web addresses still pass', () => {
    for (const href of [
      '/news/1/عنوان',
      '/section/politics',
      'https://example.org/a\\b',
      'mailto:desk@example.org',
    ])
      assert.equal(isSafeHref(href), true, href);
  });
});
