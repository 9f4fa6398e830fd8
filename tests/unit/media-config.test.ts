import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { mediaStoreSettings } from '@/db/media-config.mjs';

// Where pictures are kept, read from the environment at start (db/media-config.mjs): a directory
// unless a bucket is named; anything half said or wrong is refused with what to change.

const KEYS = { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret-example' };
// The store an environment chooses (the test fails on a refusal), and why one is refused (the
// test fails if it is not).
const chosen = (env: Record<string, string>) => {
  const result = mediaStoreSettings(env);
  assert.equal(result.ok, true, JSON.stringify(result));
  return result.ok ? result.store : undefined;
};
const refusal = (env: Record<string, string>) => {
  const result = mediaStoreSettings(env);
  assert.equal(result.ok, false, JSON.stringify(result));
  return result.ok ? '' : result.message;
};

describe('the picture store settings', () => {
  test('a directory by default: MEDIA_DIR, else data/media; empty values count as unset', () => {
    assert.deepEqual(chosen({}), { kind: 'directory', dir: 'data/media' });
    assert.deepEqual(chosen({ MEDIA_DIR: '/srv/media', NEWSROOM_MEDIA_S3_BUCKET: ' ' }), {
      kind: 'directory',
      dir: '/srv/media',
    });
    // The SDK's own keys alone do not choose a bucket (they may be there for something else).
    assert.deepEqual(chosen({ ...KEYS }), { kind: 'directory', dir: 'data/media' });
  });

  test('AWS: a bucket and its region; the bucket in the host name', () => {
    assert.deepEqual(
      chosen({
        NEWSROOM_MEDIA_S3_BUCKET: 'newsroom-pictures',
        NEWSROOM_MEDIA_S3_REGION: 'eu-west-1',
        ...KEYS,
      }),
      {
        kind: 's3',
        bucket: 'newsroom-pictures',
        region: 'eu-west-1',
        endpoint: undefined,
        forcePathStyle: false,
      },
    );
    // AWS_REGION, the SDK's own, is enough; so is no key pair at all (an instance role).
    assert.deepEqual(chosen({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures', AWS_REGION: 'me-south-1' }), {
      kind: 's3',
      bucket: 'pictures',
      region: 'me-south-1',
      endpoint: undefined,
      forcePathStyle: false,
    });
  });

  test('an S3-compatible server: its address, the bucket in the path, any region', () => {
    assert.deepEqual(
      chosen({
        NEWSROOM_MEDIA_S3_BUCKET: 'pictures',
        NEWSROOM_MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000',
        ...KEYS,
      }),
      {
        kind: 's3',
        bucket: 'pictures',
        region: 'us-east-1',
        endpoint: 'http://127.0.0.1:9000',
        forcePathStyle: true,
      },
    );
    assert.deepEqual(
      chosen({
        NEWSROOM_MEDIA_S3_BUCKET: 'pictures',
        NEWSROOM_MEDIA_S3_ENDPOINT: 'https://s3.example.org',
        NEWSROOM_MEDIA_S3_PATH_STYLE: '0',
      }),
      {
        kind: 's3',
        bucket: 'pictures',
        region: 'us-east-1',
        endpoint: 'https://s3.example.org',
        forcePathStyle: false,
      },
    );
  });

  test('half a configuration is refused, naming what is missing', () => {
    assert.match(
      refusal({ NEWSROOM_MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000', NEWSROOM_MEDIA_S3_REGION: 'x' }),
      /^NEWSROOM_MEDIA_S3_ENDPOINT, NEWSROOM_MEDIA_S3_REGION are set but NEWSROOM_MEDIA_S3_BUCKET is not/,
    );
    assert.match(
      refusal({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures' }),
      /NEWSROOM_MEDIA_S3_REGION \(or AWS_REGION\)/,
    );
    assert.match(
      refusal({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures', AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'AKIA' }),
      /AWS_ACCESS_KEY_ID is set without AWS_SECRET_ACCESS_KEY/,
    );
    assert.match(
      refusal({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures', AWS_REGION: 'eu-west-1', AWS_SECRET_ACCESS_KEY: 's' }),
      /AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID/,
    );
  });

  test('a wrong configuration is refused, and never echoes a secret', () => {
    assert.match(
      refusal({ MEDIA_DIR: '/srv/media', NEWSROOM_MEDIA_S3_BUCKET: 'pictures', AWS_REGION: 'eu-west-1' }),
      /MEDIA_DIR and NEWSROOM_MEDIA_S3_BUCKET are both set/,
    );
    for (const bucket of ['Pictures', 'ab', 'صور', 'a..b', '-pictures', 'pictures/2026', 'x'.repeat(64)]) {
      assert.match(
        refusal({ NEWSROOM_MEDIA_S3_BUCKET: bucket, AWS_REGION: 'eu-west-1' }),
        /must be a bucket name/,
      );
    }
    for (const endpoint of ['127.0.0.1:9000', 'ftp://store', 'http://user:pass@store:9000', 'not a url']) {
      const message = refusal({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures', NEWSROOM_MEDIA_S3_ENDPOINT: endpoint });
      assert.match(message, /NEWSROOM_MEDIA_S3_ENDPOINT must be the store's http\(s\) address/);
      assert.doesNotMatch(message, /pass/);
    }
    assert.match(
      refusal({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures', AWS_REGION: 'x', NEWSROOM_MEDIA_S3_PATH_STYLE: 'yes' }),
      /NEWSROOM_MEDIA_S3_PATH_STYLE must be 0 or 1, not "yes"/,
    );
    const secret = 'do-not-print-me';
    assert.doesNotMatch(
      refusal({ NEWSROOM_MEDIA_S3_BUCKET: 'pictures', AWS_REGION: 'x', AWS_SECRET_ACCESS_KEY: secret }),
      new RegExp(secret),
    );
  });

  test('the server refuses to start on it, with the message, before Next loads', () => {
    const env = { ...process.env };
    delete env.MEDIA_DIR;
    const started = spawnSync(process.execPath, ['server.mjs', '-p', '1'], {
      env: { ...env, NEWSROOM_MEDIA_S3_ENDPOINT: 'http://127.0.0.1:9000' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    assert.equal(started.status, 1, started.stderr);
    assert.match(started.stderr, /NEWSROOM_MEDIA_S3_ENDPOINT is set but NEWSROOM_MEDIA_S3_BUCKET is not/);
  });
});
