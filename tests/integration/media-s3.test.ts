import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import S3rver from 's3rver';
import * as mediaFileRoute from '@/app/media/[file]/route';
import * as uploadsRoute from '@/app/api/uploads/route';
import { db } from '@/db';
import { mediaStore, MediaStoreUnavailable, s3Store, type MediaStore } from '@/db/media-store';
import { media, type User } from '@/db/schema';
import { createUser } from '@/lib/auth/users';
import { DOOR, type RequestFacts } from '@/lib/http/door';
import { processUpload, removeVariantFiles, uploadMedia, UploadRefused } from '@/lib/newsroom/uploads';
import { UPLOAD_MESSAGES } from '@/lib/shared/media-urls';
import { jpegPhoto as photo } from '../photos';

// The picture store as a bucket: a real S3-compatible server (s3rver, in Node) on a free port of
// 127.0.0.1, its objects in a temporary folder, reached through @aws-sdk/client-s3 exactly as a
// newsroom configured with NEWSROOM_MEDIA_S3_* reaches AWS or MinIO.

const root = mkdtempSync(path.join(tmpdir(), 'newsroom-s3-'));
const BUCKET = 'pictures';
let server: S3rver;
let port = 0;
let editor: User;

async function startStore() {
  server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: path.join(root, 's3'),
    configureBuckets: [{ name: BUCKET }],
  });
  ({ port } = await server.run());
}

// The environment a newsroom on a bucket runs with (docs/configuration.md); s3rver's own keys.
const S3_ENV = () => ({
  NEWSROOM_MEDIA_S3_BUCKET: BUCKET,
  NEWSROOM_MEDIA_S3_ENDPOINT: `http://127.0.0.1:${port}`,
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
});

const mediaRows = () =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(media)
    .get()!.n;
const serve = (file: string) =>
  mediaFileRoute.GET(new Request(`http://127.0.0.1:3000/media/${file}`), {
    params: Promise.resolve({ file }),
  });

before(async () => {
  await startStore();
  delete process.env.MEDIA_DIR;
  Object.assign(process.env, S3_ENV());
  editor = await createUser({
    email: 'e@s3.example',
    name: 'مصوّرة',
    role: 'editor',
    password: 'long-enough-password',
  });
});
after(() => server.close());

describe('pictures in an S3-compatible bucket', () => {
  let stored: Awaited<ReturnType<typeof uploadMedia>>;

  test('an upload puts every web size in the bucket, and /media/<file> answers its bytes', async () => {
    const store = mediaStore();
    assert.equal(store.where, 's3://pictures');
    stored = await uploadMedia(editor, await photo(1400, 900), 'ميناء.jpg');
    assert.deepEqual(
      stored.variants.map((v) => v.width),
      [320, 640, 960, 1280, 1400],
    );
    const names = await store.list();
    for (const v of stored.variants) {
      assert.ok(names.includes(v.file), v.file);
      const response = await serve(v.file);
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'image/webp');
      assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      const bytes = Buffer.from(await response.arrayBuffer());
      assert.equal(response.headers.get('content-length'), String(bytes.length));
      assert.equal(bytes.length, v.bytes);
      assert.deepEqual(bytes, await store.get(v.file));
      const seen = await sharp(bytes).metadata();
      assert.equal(seen.format, 'webp');
      assert.equal(seen.width, v.width);
    }
    // Nothing went to a directory on this machine.
    assert.equal(existsSync(path.resolve('data', 'media', stored.variants[0]!.file)), false);
  });

  test('an unknown or foreign name is a 404, not a 500', async () => {
    for (const file of ['0123456789abcdef0123456789abcdef-320.webp', '..%2Fnewsroom.db', 'a.webp']) {
      const response = await serve(file);
      assert.equal(response.status, 404, file);
      assert.equal(await response.text(), 'الصورة غير موجودة.');
    }
  });

  test('a bucket that does not exist is a store that is not there, not a missing picture', async () => {
    const absent = s3Store({
      kind: 's3',
      bucket: 'no-such-bucket',
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      forcePathStyle: true,
    });
    await assert.rejects(absent.get(stored.variants[0]!.file), MediaStoreUnavailable);
    await assert.rejects(
      absent.put('0123456789abcdef0123456789abcdef-320.webp', Buffer.from('x'), 'image/webp'),
      MediaStoreUnavailable,
    );
  });

  test('removing a picture deletes its objects from the bucket', async () => {
    const other = await processUpload(await photo(500, 300), 'x.jpg');
    await removeVariantFiles(other.variants);
    const names = await mediaStore().list();
    for (const v of other.variants) {
      assert.equal(names.includes(v.file), false, v.file);
      assert.equal((await serve(v.file)).status, 404);
    }
    // The first upload's pictures are still there.
    for (const v of stored.variants) assert.ok(names.includes(v.file));
  });

  test('a put that fails midway leaves no object and no row: the upload is refused in Arabic', async () => {
    const bucket = mediaStore();
    const before = { names: (await bucket.list()).sort(), rows: mediaRows() };
    let puts = 0;
    // The bucket, failing its third put as a store that goes away mid-upload would.
    const failing: MediaStore = {
      ...bucket,
      put: (name, bytes, type) =>
        ++puts === 3
          ? Promise.reject(new MediaStoreUnavailable(bucket.where, new Error('connection reset')))
          : bucket.put(name, bytes, type),
    };
    await assert.rejects(
      uploadMedia(editor, await photo(1000, 700), 'y.jpg', undefined, failing),
      (error) => {
        assert.ok(error instanceof UploadRefused);
        assert.equal(error.reason, 'unavailable');
        assert.equal(error.status, 503);
        assert.equal(error.message, UPLOAD_MESSAGES.unavailable);
        return true;
      },
    );
    assert.ok(puts >= 3);
    assert.deepEqual((await bucket.list()).sort(), before.names);
    assert.equal(mediaRows(), before.rows);
  });

  test('a backup copies the bucket’s pictures, and a restore puts back those it lost', async () => {
    const outDir = path.join(root, 'backups');
    const run = (script: string, args: string[]) =>
      new Promise<{ status: number | null; out: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', '--conditions=react-server', script, ...args],
          {
            env: { ...process.env, ...S3_ENV() },
          },
        );
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk));
        child.stderr.on('data', (chunk: Buffer) => (out += chunk));
        child.on('close', (status) => resolve({ status, out }));
      });
    const names = (await mediaStore().list()).sort();
    const backup = await run('scripts/backup.ts', ['--out', outDir]);
    assert.equal(backup.status, 0, backup.out);
    const [folder] = readdirSync(outDir);
    const copied = readdirSync(path.join(outDir, folder!, 'media')).sort();
    assert.deepEqual(copied, names);
    for (const name of names)
      assert.deepEqual(readFileSync(path.join(outDir, folder!, 'media', name)), await mediaStore().get(name));

    // The bucket loses a picture (a deleted object, a bucket emptied by mistake)…
    const lost = stored.variants[0]!.file;
    await mediaStore().remove(lost);
    assert.equal((await serve(lost)).status, 404);
    // …and the restore puts it back.
    const restore = await run('scripts/restore.ts', [path.join(outDir, folder!)]);
    assert.equal(restore.status, 0, restore.out);
    assert.match(restore.out, new RegExp(`${names.length} image files`));
    assert.deepEqual((await mediaStore().list()).sort(), names);
    assert.equal((await serve(lost)).status, 200);
  });

  test('a store that is down: /media answers 503 with Retry-After, and an upload is refused, nothing recorded', async () => {
    await server.close();
    try {
      const file = stored.variants[0]!.file;
      const response = await serve(file);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '30');
      assert.equal(response.headers.get('cache-control'), 'no-store');
      assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8');
      assert.match(await response.text(), /^الصورة غير متاحة الآن/);

      // Through the newsroom's own upload door, as the image library sends it.
      const rows = mediaRows();
      const boundary = 'newsroom-s3-boundary';
      const jpeg = await photo(64, 48);
      const request = new Request('http://127.0.0.1:3000/api/uploads', {
        method: 'POST',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Buffer.concat([
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
          ),
          jpeg,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
      });
      const facts: RequestFacts = {
        claims: { userId: editor.id, sessionVersion: editor.sessionVersion },
        origin: 'http://127.0.0.1:3000',
        host: '127.0.0.1:3000',
        fetchSite: 'same-origin',
      };
      const door = uploadsRoute.POST as unknown as {
        [DOOR]: { runAs: (facts: RequestFacts, request: Request) => Promise<Response> };
      };
      const answer = await door[DOOR].runAs(facts, request);
      assert.equal(answer.status, 503);
      assert.deepEqual(await answer.json(), { ok: false, message: UPLOAD_MESSAGES.unavailable });
      assert.equal(mediaRows(), rows);
    } finally {
      await startStore();
    }
    // Back up, the same picture is served again.
    assert.equal((await serve(stored.variants[0]!.file)).status, 200);
  });
});
