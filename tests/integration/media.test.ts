import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { db } from '@/db';
import { createDraft } from '@/lib/newsroom/articles';
import { getMedia, listRecentMedia, RECENT_MEDIA_MAX, updateMediaText } from '@/lib/newsroom/media-library';
import { createUser } from '@/lib/auth/users';
import { articles, media, type User } from '@/db/schema';
import { paragraphsToDocument } from '@/lib/document/check';
import { uploadMedia, UploadRefused } from '@/lib/newsroom/uploads';
import { isMediaPath } from '@/lib/shared/media-urls';
import { ForbiddenError } from '@/lib/shared/permissions';
import { saveFields } from './fixtures';

// The image library's queries on a real SQLite file, with real files in a temporary MEDIA_DIR.

let reporter: User;
let otherReporter: User;
let editor: User;
const dir = mkdtempSync(path.join(tmpdir(), 'newsroom-media-'));
const noText = { alt: '', caption: '', credit: '' };

const image = (width: number, height: number, background = '#884422') =>
  sharp({ create: { width, height, channels: 3, background } })
    .jpeg()
    .toBuffer();
const mediaRows = () =>
  db
    .select({ n: sql<number>`count(*)` })
    .from(media)
    .get()!.n;

before(async () => {
  [reporter, otherReporter, editor] = await Promise.all([
    createUser({
      email: 'r@media.example',
      name: 'مصوّرة',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({
      email: 'r2@media.example',
      name: 'صحفي',
      role: 'reporter',
      password: 'long-enough-password',
    }),
    createUser({ email: 'e@media.example', name: 'محرر', role: 'editor', password: 'long-enough-password' }),
  ]);
});

describe('the image library', () => {
  test('an upload is stored and recorded with its texts, found by id and among the recent ones', async () => {
    const item = await uploadMedia(
      reporter,
      await image(1400, 900),
      'ميناء.jpg',
      {
        alt: ' سفن في ميناء طشقند الجاف ',
        caption: 'حركة الشحن صباح الاثنين',
        credit: 'وكالة الأنباء',
      },
      dir,
    );
    assert.equal(item.alt, 'سفن في ميناء طشقند الجاف');
    assert.deepEqual(
      item.variants.map((v) => v.width),
      [320, 640, 960, 1280, 1400],
    );
    assert.ok(isMediaPath(item.src), item.src);
    assert.match(item.srcSet, /^\/media\/[0-9a-f]{32}-320\.webp 320w, /);
    for (const v of item.variants) assert.ok(existsSync(path.join(dir, v.file)));
    assert.deepEqual(getMedia(item.id), item);
    assert.equal(listRecentMedia(otherReporter, 5)[0]?.id, item.id);
    const row = db.select().from(media).where(eq(media.id, item.id)).get()!;
    assert.equal(row.mime, 'image/jpeg');
    assert.equal(row.originalName, 'ميناء.jpg');
    assert.equal(row.uploadedBy, reporter.id);
  });

  test('recent uploads come newest first, and the limit is kept within bounds', async () => {
    const first = await uploadMedia(reporter, await image(50, 50, '#000'), 'a.jpg', noText, dir);
    const second = await uploadMedia(editor, await image(60, 50, '#fff'), 'b.jpg', noText, dir);
    assert.deepEqual(
      listRecentMedia(reporter, 2).map((m) => m.id),
      [second.id, first.id],
    );
    assert.equal(listRecentMedia(reporter, 0).length, Math.min(mediaRows(), 24));
    assert.equal(listRecentMedia(reporter, -5).length, 1);
    assert.ok(listRecentMedia(reporter, 10_000).length <= RECENT_MEDIA_MAX);
    assert.equal(getMedia(999_999), undefined);
  });

  test('a refused upload leaves neither files nor a row', async () => {
    const before = mediaRows();
    const filesBefore = readdirSync(dir).length;
    await assert.rejects(uploadMedia(reporter, Buffer.from('<svg/>'), 'x.svg', noText, dir), UploadRefused);
    assert.equal(mediaRows(), before);
    assert.equal(readdirSync(dir).length, filesBefore);
  });

  test('when the record cannot be written, the stored files are removed again', async () => {
    const before = mediaRows();
    const filesBefore = readdirSync(dir).sort();
    const ghost = { id: 987_654, role: 'reporter' as const };
    await assert.rejects(uploadMedia(ghost, await image(400, 300), 'x.jpg', noText, dir));
    assert.equal(mediaRows(), before);
    assert.deepEqual(readdirSync(dir).sort(), filesBefore);
  });

  test('the uploader and the desk may change an image’s texts; another reporter may not', async () => {
    const item = await uploadMedia(reporter, await image(100, 100), 'c.jpg', noText, dir);
    const text = { alt: 'وصف', caption: 'تعليق', credit: 'مصدر' };
    assert.equal(updateMediaText(reporter, item.id, text)?.alt, 'وصف');
    assert.equal(updateMediaText(editor, item.id, { ...text, credit: 'أرشيف' })?.credit, 'أرشيف');
    assert.throws(() => updateMediaText(otherReporter, item.id, { ...text, alt: 'تخريب' }), ForbiddenError);
    assert.equal(getMedia(item.id)?.alt, 'وصف');
    assert.equal(updateMediaText(editor, 999_999, text), undefined);
  });

  test('an uploaded image can be an article’s lead image', async () => {
    const item = await uploadMedia(reporter, await image(800, 500), 'lead.jpg', noText, dir);
    const draft = createDraft(reporter);
    saveFields(reporter, {
      articleId: draft.id,
      baseVersion: 1,
      headline: 'خبر بصورة',
      body: paragraphsToDocument(['نص']),
      leadImage: { mediaId: item.id, alt: 'النص البديل', caption: 'التعليق', credit: 'المصدر' },
    });
    const stored = db.select().from(articles).where(eq(articles.id, draft.id)).get()!;
    assert.equal(stored.leadImageId, item.id);
    assert.equal(stored.leadImageAlt, 'النص البديل');
  });
});
