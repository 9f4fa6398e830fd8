// Where the pictures' web sizes are stored, read once from the environment at start
// (docs/configuration.md). Plain JavaScript: server.mjs checks it untranspiled before Next loads,
// so a wrong or half configuration stops the server at start instead of failing the first upload
// (types in media-config.d.mts).
//
// A directory (MEDIA_DIR, default data/media) unless NEWSROOM_MEDIA_S3_BUCKET names a bucket of an
// S3-compatible store; the access keys are the SDK's own AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY
// (or, when both are unset, its usual chain: an instance role, AWS_PROFILE…).

const S3_SETTINGS = [
  'NEWSROOM_MEDIA_S3_BUCKET',
  'NEWSROOM_MEDIA_S3_ENDPOINT',
  'NEWSROOM_MEDIA_S3_REGION',
  'NEWSROOM_MEDIA_S3_PATH_STYLE',
];

// S3's rules for a bucket name (3 to 63 lower-case letters, digits, dots and hyphens, starting and
// ending with a letter or a digit): a name the store would refuse is refused here, at start.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * @param {Record<string, string | undefined>} [env]
 * @returns {{ ok: true; store: import('./media-config.d.mts').MediaStoreSettings } | { ok: false; message: string }}
 */
export function mediaStoreSettings(env = process.env) {
  /** @param {string} name */
  const value = (name) => env[name]?.trim() || undefined;
  /** @param {string} message */
  const refuse = (message) => /** @type {const} */ ({ ok: false, message });
  const bucket = value('NEWSROOM_MEDIA_S3_BUCKET');
  if (!bucket) {
    const stray = S3_SETTINGS.filter(value);
    if (stray.length > 0)
      return refuse(
        `${stray.join(', ')} ${stray.length > 1 ? 'are' : 'is'} set but NEWSROOM_MEDIA_S3_BUCKET is not: ` +
          'name the bucket to keep pictures in S3, or unset them to keep pictures in MEDIA_DIR',
      );
    return { ok: true, store: { kind: 'directory', dir: value('MEDIA_DIR') ?? 'data/media' } };
  }
  if (value('MEDIA_DIR'))
    return refuse(
      'MEDIA_DIR and NEWSROOM_MEDIA_S3_BUCKET are both set: pictures are kept in one store, ' +
        'so unset MEDIA_DIR to use the bucket (or the bucket to use the directory)',
    );
  if (!BUCKET_NAME.test(bucket) || bucket.includes('..'))
    return refuse(
      `NEWSROOM_MEDIA_S3_BUCKET must be a bucket name (3 to 63 lower-case letters, digits, dots and hyphens), not "${bucket}"`,
    );
  const endpoint = value('NEWSROOM_MEDIA_S3_ENDPOINT');
  if (endpoint !== undefined) {
    let url;
    try {
      url = new URL(endpoint);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.username || url.password)
      return refuse(
        `NEWSROOM_MEDIA_S3_ENDPOINT must be the store's http(s) address without credentials, e.g. https://s3.example.org, not ` +
          // A mistyped address may hold a password: it is not written to the log.
          (endpoint.includes('@') ? 'an address with credentials in it' : `"${endpoint}"`),
      );
  }
  // AWS needs the bucket's region; an S3-compatible server at its own address does not care.
  const region =
    value('NEWSROOM_MEDIA_S3_REGION') ?? value('AWS_REGION') ?? (endpoint ? 'us-east-1' : undefined);
  if (!region)
    return refuse(
      'NEWSROOM_MEDIA_S3_REGION (or AWS_REGION) must name the region of the bucket, e.g. eu-west-1',
    );
  // Bucket in the path (http://host/bucket/key), which S3-compatible servers expect, unless told
  // otherwise; AWS itself prefers the bucket in the host name.
  const pathStyle = value('NEWSROOM_MEDIA_S3_PATH_STYLE');
  if (pathStyle !== undefined && pathStyle !== '0' && pathStyle !== '1')
    return refuse(`NEWSROOM_MEDIA_S3_PATH_STYLE must be 0 or 1, not "${pathStyle}"`);
  const forcePathStyle = pathStyle === undefined ? endpoint !== undefined : pathStyle === '1';
  // Half a key pair would leave the SDK to find other credentials, or none, at the first upload.
  const keyId = value('AWS_ACCESS_KEY_ID');
  const secret = value('AWS_SECRET_ACCESS_KEY');
  if (Boolean(keyId) !== Boolean(secret))
    return refuse(
      `${keyId ? 'AWS_ACCESS_KEY_ID' : 'AWS_SECRET_ACCESS_KEY'} is set without ${keyId ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID'}: the picture store needs both, or neither (the SDK's own credentials chain)`,
    );
  return { ok: true, store: { kind: 's3', bucket, region, endpoint, forcePathStyle } };
}
