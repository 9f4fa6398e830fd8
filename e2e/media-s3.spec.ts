import AxeBuilder from '@axe-core/playwright';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { expect, test, EDITOR, editorPage, newArticle, signIn } from './fixtures';
import { E2E_PORT, e2eServerEnv } from './server-env';
import { spawnServer, stopProcess, waitFor } from '../bench/lib';
import { jpegPhoto } from '../tests/photos';

// Two instances of the production build, A and B, that share the run's database but no folder:
// their pictures are in a bucket of a local S3-compatible server (s3rver, on a free 127.0.0.1
// port), as two machines would keep them (docs/deploying.md, «Pictures: a folder or a bucket»).

const PORT_A = E2E_PORT + 80;
const PORT_B = E2E_PORT + 81;
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;
const BUCKET = 'pictures';
const UNAVAILABLE = 'تعذّر حفظ الصورة لأن مخزن الصور لا يستجيب الآن؛ لم يُحفظ شيء. أعد المحاولة بعد قليل.';
const SHOTS = process.env.SHOTS_DIR;

test.describe.configure({ mode: 'serial' });

const s3Folder = mkdtempSync(path.join(tmpdir(), 'newsroom-e2e-s3-'));
let s3: S3rver;
let s3Port = 0;
let a: ChildProcess;
let b: ChildProcess;

async function startBucket() {
  s3 = new S3rver({
    address: '127.0.0.1',
    port: s3Port,
    silent: true,
    directory: s3Folder,
    configureBuckets: [{ name: BUCKET }],
  });
  ({ port: s3Port } = await s3.run());
}

const instanceEnv = (port: number) => {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...e2eServerEnv,
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEWSROOM_MEDIA_S3_BUCKET: BUCKET,
    NEWSROOM_MEDIA_S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  };
  delete env.MEDIA_DIR;
  return env;
};

test.beforeAll(async () => {
  test.setTimeout(180_000);
  await startBucket();
  a = spawnServer(instanceEnv(PORT_A), PORT_A);
  b = spawnServer(instanceEnv(PORT_B), PORT_B);
  await Promise.all([waitFor(`${A}/api/health`), waitFor(`${B}/api/health`)]);
});

test.afterAll(async () => {
  for (const child of [a, b]) if (child) stopProcess(child);
  await s3?.close();
});

test('a picture uploaded in the editor on B is kept in the bucket and served by A; a bucket that is down is a 503, and the upload is refused in Arabic', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: B });
  const page = await context.newPage();
  await signIn(page, EDITOR);
  await newArticle(page);
  const ed = editorPage(page);
  await ed.headline.fill('صورة من مخزن الصور');
  await ed.body.click();
  await ed.button('صورة').click();
  const library = page.getByRole('dialog', { name: 'مكتبة الصور' });
  await library
    .getByLabel('صورة')
    .setInputFiles({ name: 'ميناء.jpg', mimeType: 'image/jpeg', buffer: await jpegPhoto(900, 500) });
  await expect(library).toHaveCount(0);
  const figure = ed.body.locator('figure img');
  await expect(figure).toHaveAttribute('src', /^\/media\/[0-9a-f]{32}-\d+\.webp$/);
  // The browser got the picture from B, out of the bucket.
  await expect
    .poll(() => figure.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const file = (await figure.getAttribute('src'))!.slice('/media/'.length);
  if (SHOTS) {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `editor-picture-from-bucket-${width}.png`) });
    }
  }

  // A, which shares no folder with B, serves the same bytes, with the same headers.
  const [fromA, fromB] = await Promise.all([fetch(`${A}/media/${file}`), fetch(`${B}/media/${file}`)]);
  expect(fromA.status).toBe(200);
  expect(fromA.headers.get('content-type')).toBe('image/webp');
  expect(fromA.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  expect(fromA.headers.get('x-content-type-options')).toBe('nosniff');
  expect(Buffer.from(await fromA.arrayBuffer())).toEqual(Buffer.from(await fromB.arrayBuffer()));
  expect(existsSync(path.join(e2eServerEnv.MEDIA_DIR, file))).toBe(false);
  expect((await fetch(`${A}/media/0123456789abcdef0123456789abcdef-320.webp`)).status).toBe(404);

  // The bucket goes away: pictures are a 503 with Retry-After (never a 500, never a 404)…
  await s3.close();
  try {
    const down = await fetch(`${A}/media/${file}`);
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('30');
    expect(down.headers.get('cache-control')).toBe('no-store');
    expect(await down.text()).toBe('الصورة غير متاحة الآن؛ أعد المحاولة بعد قليل.');
    // …and an upload is refused in the image library with the reason, in Arabic.
    await page.setViewportSize({ width: 1280, height: 900 });
    await ed.button('صورة').click();
    await library
      .getByLabel('صورة')
      .setInputFiles({ name: 'ثانية.jpg', mimeType: 'image/jpeg', buffer: await jpegPhoto(900, 500) });
    await expect(library.getByRole('alert')).toHaveText(UNAVAILABLE);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    if (SHOTS) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.screenshot({ path: path.join(SHOTS, `library-bucket-down-${width}.png`) });
      }
    }
  } finally {
    await startBucket();
  }
  // Back, the same picture is served again.
  expect((await fetch(`${A}/media/${file}`)).status).toBe(200);
  await context.close();
});
