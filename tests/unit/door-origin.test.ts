import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { factsOfHeaders, sameOrigin } from '@/lib/http/door';

// The doors' same-origin check (lib/http/door.ts) and the host it compares an Origin with.

describe('the host a request is compared with', () => {
  const forged = new Headers({
    host: 'news.test',
    origin: 'http://evil.test',
    'x-forwarded-host': 'evil.test',
  });

  test('X-Forwarded-Host is a client’s word unless a proxy is declared: a forged one is refused', () => {
    assert.equal(sameOrigin(factsOfHeaders(forged, null, false)), false);
    // Read from NEWSROOM_TRUST_PROXY when not given (unset in tests).
    assert.equal(sameOrigin(factsOfHeaders(forged, null)), false);
  });

  test('behind a declared proxy, the host it forwards is the one compared', () => {
    const proxied = new Headers({
      host: '127.0.0.1:3000',
      origin: 'https://news.example',
      'x-forwarded-host': 'news.example',
    });
    assert.equal(sameOrigin(factsOfHeaders(proxied, null, true)), true);
    assert.equal(sameOrigin(factsOfHeaders(proxied, null, false)), false);
  });

  test('Sec-Fetch-Site: cross-site is refused whatever the Origin, or with none', () => {
    for (const origin of [null, 'http://news.test']) {
      const headers = new Headers({ host: 'news.test', 'sec-fetch-site': 'cross-site' });
      if (origin) headers.set('origin', origin);
      assert.equal(sameOrigin(factsOfHeaders(headers, null)), false);
    }
  });
});
