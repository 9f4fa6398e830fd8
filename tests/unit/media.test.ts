import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { detectImageFormat, processUpload, UploadRefused, webWidthsFor } from '@/lib/newsroom/uploads';
import { isMediaFile, MAX_UPLOAD_BYTES, UPLOAD_MESSAGES, type UploadRefusal } from '@/lib/shared/media-urls';
import { photo } from '../photos';

// Real images made with sharp, real files on disk: the upload path as the newsroom meets it.

const freshDir = () => mkdtempSync(path.join(tmpdir(), 'newsroom-media-'));

const jpeg = (w = 1000, h = 600) => photo(w, h).jpeg({ quality: 85 }).toBuffer();
const png = (w = 500, h = 400) =>
  sharp({ create: { width: w, height: h, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();
const webp = () => photo(700, 500).webp().toBuffer();
const avif = () => photo(400, 300).avif({ quality: 50, effort: 0 }).toBuffer();
const gif = () => photo(64, 64).gif().toBuffer();
const SVG = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" onload="alert(1)"><rect width="10" height="10"/></svg>',
);

// A PNG whose header claims a size it would take gigabytes to decode.
function pngClaiming(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function refusal(bytes: Buffer, name: string, dir = freshDir()): Promise<UploadRefusal> {
  try {
    await processUpload(bytes, name, dir);
  } catch (error) {
    assert.ok(error instanceof UploadRefused, String(error));
    assert.deepEqual(readdirSync(dir), [], 'a refused upload writes nothing');
    return error.reason;
  }
  assert.fail(`${name} was accepted`);
}

describe('detectImageFormat', () => {
  test('reads the format from the bytes', async () => {
    assert.equal(detectImageFormat(await jpeg(40, 30)), 'jpeg');
    assert.equal(detectImageFormat(await png(40, 30)), 'png');
    assert.equal(detectImageFormat(await webp()), 'webp');
    assert.equal(detectImageFormat(await avif()), 'avif');
  });
  test('knows nothing else: SVG, GIF, HEIC, PDF, HTML, text, tiny files', async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'),
      Buffer.alloc(64),
    ]);
    for (const bytes of [
      SVG,
      await gif(),
      heic,
      Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'),
      Buffer.from('<!doctype html><script>alert(1)</script>'),
      Buffer.from('مجرد نص عربي وليس صورة'),
      Buffer.from([0xff, 0xd8]),
    ]) {
      assert.equal(detectImageFormat(bytes), null, bytes.subarray(0, 16).toString('latin1'));
    }
  });
});

describe('processUpload', () => {
  test('a JPEG becomes WebP web sizes, never upscaled, with server-made names and no metadata', async () => {
    const dir = freshDir();
    const source = await photo(2500, 1200)
      .jpeg()
      .withExif({ IFD0: { Copyright: 'وكالة', Artist: 'secret-gps-holder' } })
      .toBuffer();
    const result = await processUpload(source, 'صورة الوزير.jpg', dir);
    assert.equal(result.mime, 'image/jpeg');
    assert.equal(result.originalName, 'صورة الوزير.jpg');
    assert.deepEqual([result.width, result.height], [2500, 1200]);
    assert.deepEqual(
      result.variants.map((v) => v.width),
      [320, 640, 960, 1280, 1920],
    );
    assert.deepEqual(readdirSync(dir).sort(), result.variants.map((v) => v.file).sort());
    for (const variant of result.variants) {
      assert.ok(isMediaFile(variant.file), variant.file);
      assert.equal(variant.file.includes('الوزير'), false);
      const stored = readFileSync(path.join(dir, variant.file));
      assert.equal(stored.length, variant.bytes);
      const meta = await sharp(stored).metadata();
      assert.equal(meta.format, 'webp');
      assert.deepEqual([meta.width, meta.height], [variant.width, variant.height]);
      assert.equal(meta.exif, undefined);
      assert.equal(stored.includes('secret-gps-holder'), false);
    }
  });
  test('PNG with transparency, WebP and AVIF are accepted; small images keep their size', async () => {
    const transparent = await processUpload(await png(500, 400), 'شعار.png', freshDir());
    assert.equal(transparent.mime, 'image/png');
    assert.deepEqual(
      transparent.variants.map((v) => v.width),
      [320, 500],
    );
    const dir = freshDir();
    const small = await processUpload(await webp(), 'x.webp', dir);
    assert.equal(small.mime, 'image/webp');
    const avifResult = await processUpload(await avif(), 'x.avif', freshDir());
    assert.equal(avifResult.mime, 'image/avif');
    assert.deepEqual(
      avifResult.variants.map((v) => v.width),
      [320, 400],
    );
    const alpha = await sharp(path.join(dir, '..', path.basename(dir), small.variants[0]!.file)).metadata();
    assert.equal(alpha.format, 'webp');
  });
  test('keeps transparency', async () => {
    const dir = freshDir();
    const result = await processUpload(await png(200, 100), 'a.png', dir);
    const meta = await sharp(path.join(dir, result.variants[0]!.file)).metadata();
    assert.equal(meta.hasAlpha, true);
  });
  test('turns the picture upright by its EXIF orientation', async () => {
    const dir = freshDir();
    const sideways = await photo(800, 400).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const result = await processUpload(sideways, 'phone.jpg', dir);
    assert.deepEqual([result.width, result.height], [400, 800]);
    assert.deepEqual(
      result.variants.map((v) => [v.width, v.height]),
      [
        [320, 640],
        [400, 800],
      ],
    );
  });
  test('a 16-bit PNG is accepted', async () => {
    const deep = await photo(300, 200).toColourspace('rgb16').png().toBuffer();
    const result = await processUpload(deep, 'deep.png', freshDir());
    assert.deepEqual(
      result.variants.map((v) => v.width),
      [300],
    );
  });
  test('goes by the content, not the name: a PNG called .jpg is a PNG', async () => {
    const result = await processUpload(await png(100, 80), 'photo.jpg', freshDir());
    assert.equal(result.mime, 'image/png');
  });
  test('refuses SVG with its own message, and GIF, HTML, text and PDF as unsupported', async () => {
    assert.equal(await refusal(SVG, 'logo.svg'), 'svg');
    assert.equal(await refusal(Buffer.from(`\ufeff  ${SVG.toString()}`), 'logo.png'), 'svg');
    assert.equal(await refusal(await gif(), 'anim.gif'), 'unsupported');
    assert.equal(
      await refusal(Buffer.from('<html><body><script>alert(1)</script></body></html>'), 'a.jpg'),
      'unsupported',
    );
    assert.equal(await refusal(Buffer.from('نص عادي '.repeat(20)), 'a.jpg'), 'unsupported');
    assert.equal(await refusal(Buffer.from('%PDF-1.7\n' + 'x'.repeat(100)), 'a.jpg'), 'unsupported');
    assert.match(UPLOAD_MESSAGES.svg, /SVG/);
  });
  test('refuses a file whose magic bytes lie about what follows', async () => {
    const fakeJpeg = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
      Buffer.from('<script>alert(1)</script>'.repeat(10)),
    ]);
    assert.equal(await refusal(fakeJpeg, 'a.jpg'), 'corrupt');
    // An AVIF brand on a file sharp does not read as AV1.
    const fakeAvif = Buffer.concat([
      Buffer.from([0, 0, 0, 20]),
      Buffer.from('ftypavif\0\0\0\0avif', 'latin1'),
      Buffer.alloc(200),
    ]);
    const reason = await refusal(fakeAvif, 'a.avif');
    assert.ok(reason === 'corrupt' || reason === 'unsupported', reason);
  });
  test('a polyglot (a JPEG with HTML appended) is re-encoded without its payload', async () => {
    const dir = freshDir();
    const payload = '<html><script>alert("polyglot")</script></html>';
    const polyglot = Buffer.concat([await jpeg(400, 300), Buffer.from(payload)]);
    const result = await processUpload(polyglot, 'x.jpg', dir);
    for (const v of result.variants) {
      assert.equal(readFileSync(path.join(dir, v.file)).includes('polyglot'), false);
    }
  });
  test('many uploads at once all finish (two are encoded at a time, the rest wait their turn)', async () => {
    const dir = freshDir();
    const sources = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => jpeg(300 + n * 10, 200)));
    const results = await Promise.all(sources.map((bytes, i) => processUpload(bytes, `${i}.jpg`, dir)));
    assert.deepEqual(
      results.map((r) => r.width),
      [310, 320, 330, 340, 350, 360],
    );
    assert.equal(readdirSync(dir).length, results.flatMap((r) => r.variants).length);
    // Failures inside the encoder give their slot back: later uploads still go through.
    const whole = await jpeg(800, 600);
    const cut = whole.subarray(0, whole.length >> 1);
    const batch = await Promise.allSettled(
      [cut, cut, cut, whole, whole].map((b) => processUpload(b, 'x.jpg', dir)),
    );
    assert.deepEqual(
      batch.map((r) => r.status),
      ['rejected', 'rejected', 'rejected', 'fulfilled', 'fulfilled'],
    );
  });
  test('refuses a truncated JPEG', async () => {
    const whole = await jpeg(1200, 900);
    assert.equal(await refusal(whole.subarray(0, Math.floor(whole.length / 2)), 'cut.jpg'), 'corrupt');
  });
  test('refuses files over 10 MB before looking inside, and empty files', async () => {
    const huge = Buffer.alloc(MAX_UPLOAD_BYTES + 1);
    huge.set([0xff, 0xd8, 0xff, 0xe0]);
    assert.equal(await refusal(huge, 'big.jpg'), 'too_large');
    assert.equal(await refusal(Buffer.alloc(0), 'empty.jpg'), 'empty');
  });
  test('refuses decompression bombs and absurd sides from the header alone', async () => {
    assert.equal(await refusal(pngClaiming(30_000, 30_000), 'bomb.png'), 'too_many_pixels');
    assert.equal(await refusal(pngClaiming(8_000, 7_000), 'big.png'), 'too_many_pixels');
    const wide = await sharp({ create: { width: 13_000, height: 10, channels: 3, background: '#fff' } })
      .png()
      .toBuffer();
    assert.equal(await refusal(wide, 'panorama.png'), 'too_many_pixels');
  });
});

describe('webWidthsFor', () => {
  test('the standard widths below the image, then the image (at most 1920)', () => {
    assert.deepEqual(webWidthsFor(100), [100]);
    assert.deepEqual(webWidthsFor(320), [320]);
    assert.deepEqual(webWidthsFor(1000), [320, 640, 960, 1000]);
    assert.deepEqual(webWidthsFor(1920), [320, 640, 960, 1280, 1920]);
    assert.deepEqual(webWidthsFor(6000), [320, 640, 960, 1280, 1920]);
  });
});
