import { expect, test, REPORTER, signIn } from './fixtures';
import { jpegPhoto as photo } from '../tests/photos';

// Uploads through the real route handlers of the production build, on the run's own MEDIA_DIR.

const SVG_REFUSED = 'صور SVG غير مقبولة لأنها قد تحمل شيفرة. الصور المقبولة: JPEG وPNG وWebP وAVIF.';
const UNSUPPORTED = 'نوع الملف غير مقبول. الصور المقبولة: JPEG وPNG وWebP وAVIF.';
const TOO_LARGE = 'حجم الصورة أكبر من 10 ميغابايت.';
const SIGNED_OUT = 'انتهت الجلسة. سجّل الدخول من جديد.';

type Variant = { width: number; height: number; file: string; bytes: number };
type MediaItem = { id: number; variants: Variant[]; src: string; srcSet: string; alt: string };

test('a reporter uploads a JPEG and gets WebP web sizes served for a year', async ({ page }) => {
  await signIn(page, REPORTER);
  const response = await page.request.post('/api/uploads', {
    multipart: {
      file: { name: 'مؤتمر صحفي.jpg', mimeType: 'image/jpeg', buffer: await photo(800, 500) },
      alt: 'وزير الخارجية في مؤتمر صحفي',
    },
  });
  expect(response.status()).toBe(200);
  const answer = (await response.json()) as { ok: true; media: MediaItem };
  expect(answer.ok).toBe(true);
  expect(answer.media.alt).toBe('وزير الخارجية في مؤتمر صحفي');
  expect(answer.media.variants.map((v) => v.width)).toEqual([320, 640, 800]);
  expect(answer.media.src).toMatch(/^\/media\/[0-9a-f]{32}-\d+\.webp$/);

  const variant = answer.media.variants[0]!;
  const image = await page.request.get(`/media/${variant.file}`);
  expect(image.status()).toBe(200);
  expect(image.headers()['content-type']).toBe('image/webp');
  expect(image.headers()['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(image.headers()['x-content-type-options']).toBe('nosniff');
  const bytes = await image.body();
  expect(bytes.length).toBe(variant.bytes);
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');

  const library = await page.request.get('/api/media?limit=5');
  expect(library.status()).toBe(200);
  const recent = (await library.json()) as { ok: true; media: MediaItem[] };
  expect(recent.media[0]?.id).toBe(answer.media.id);
});

test('SVG, a text file called .jpg and an oversized body are refused in Arabic', async ({ page }) => {
  await signIn(page, REPORTER);
  const svg = await page.request.post('/api/uploads', {
    multipart: {
      file: {
        name: 'logo.svg',
        mimeType: 'image/svg+xml',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      },
    },
  });
  expect(svg.status()).toBe(415);
  expect(await svg.json()).toEqual({ ok: false, message: SVG_REFUSED });

  const text = await page.request.post('/api/uploads', {
    multipart: {
      file: { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>x</script>') },
    },
  });
  expect(text.status()).toBe(415);
  expect(await text.json()).toEqual({ ok: false, message: UNSUPPORTED });

  const huge = Buffer.alloc(11 * 1024 * 1024);
  huge.set([0xff, 0xd8, 0xff, 0xe0]);
  const big = await page.request.post('/api/uploads', {
    multipart: { file: { name: 'big.jpg', mimeType: 'image/jpeg', buffer: huge } },
  });
  expect(big.status()).toBe(413);
  expect(await big.json()).toMatchObject({ ok: false, message: TOO_LARGE });

  const noFile = await page.request.post('/api/uploads', { multipart: { alt: 'بلا صورة' } });
  expect(noFile.status()).toBe(400);
});

test('a post from another site is refused even with the session cookie', async ({ page }) => {
  await signIn(page, REPORTER);
  const response = await page.request.post('/api/uploads', {
    headers: { Origin: 'https://evil.example' },
    multipart: { file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await photo(100, 100) } },
  });
  expect(response.status()).toBe(403);
});

test('without a session, uploads and the library answer 401', async ({ request }) => {
  const upload = await request.post('/api/uploads', {
    multipart: { file: { name: 'a.jpg', mimeType: 'image/jpeg', buffer: await photo(100, 100) } },
  });
  expect(upload.status()).toBe(401);
  expect(await upload.json()).toMatchObject({ ok: false, message: SIGNED_OUT });
  const library = await request.get('/api/media');
  expect(library.status()).toBe(401);
});

test('/media serves only the names the server makes', async ({ request }) => {
  for (const path of [
    '/media/..%2f..%2fnewsroom.db',
    '/media/..%2F..%2Fpackage.json',
    '/media/%2e%2e%2fnewsroom.db',
    '/media/..%5c..%5cpackage.json',
    '/media/x.webp',
    '/media/0123456789abcdef0123456789abcdef-320.svg',
    // The right shape, but no such file.
    '/media/0123456789abcdef0123456789abcdef-320.webp',
  ]) {
    const response = await request.get(path);
    expect([400, 404], path).toContain(response.status());
    expect(response.headers()['content-type'] ?? '', path).not.toContain('image/');
  }
});
