import { desc, eq, sql } from 'drizzle-orm';
import { db } from '@/db';
import { prepareOnFirstUse } from '@/db/prepared';
import { media, type Media } from '@/db/schema';
import { mediaSrc, mediaSrcSet, type MediaItem, type MediaVariant } from '@/lib/shared/media-urls';
import { ForbiddenError, type Actor } from '@/lib/shared/permissions';
import { transaction } from '@/db/transaction';

// The image library: uploads recorded after their files are stored (lib/newsroom/uploads.ts), shared by
// the whole newsroom.

// What an upload made (lib/newsroom/uploads.ts) and the library records.
export type ProcessedUpload = {
  mime: string;
  originalName: string;
  width: number;
  height: number;
  bytes: number;
  variants: MediaVariant[];
};

export type MediaText = { alt: string; caption: string; credit: string };

export const RECENT_MEDIA_DEFAULT = 24;
export const RECENT_MEDIA_MAX = 60;

export function toMediaItem(row: Media): MediaItem {
  const variants = JSON.parse(row.variantsJson) as MediaVariant[];
  return {
    id: row.id,
    width: row.width,
    height: row.height,
    variants,
    src: mediaSrc(variants),
    srcSet: mediaSrcSet(variants),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
  };
}

export function recordUpload(actor: Actor, upload: ProcessedUpload, text: MediaText): MediaItem {
  const row = db
    .insert(media)
    .values({
      mime: upload.mime,
      originalName: upload.originalName,
      width: upload.width,
      height: upload.height,
      bytes: upload.bytes,
      variantsJson: JSON.stringify(upload.variants),
      alt: text.alt.trim(),
      caption: text.caption.trim(),
      credit: text.credit.trim(),
      uploadedBy: actor.id,
    })
    .returning()
    .get();
  return toMediaItem(row);
}

const recentMedia = prepareOnFirstUse(() =>
  db
    .select()
    .from(media)
    .orderBy(desc(media.createdAt), desc(media.id))
    .limit(sql.placeholder('limit'))
    .prepare(),
);

// The newest uploads first, for any newsroom member to reuse.
export function listRecentMedia(_actor: Actor, limit: number = RECENT_MEDIA_DEFAULT): MediaItem[] {
  const bounded = Math.min(Math.max(Math.trunc(limit) || RECENT_MEDIA_DEFAULT, 1), RECENT_MEDIA_MAX);
  return recentMedia().all({ limit: bounded }).map(toMediaItem);
}

const mediaById = prepareOnFirstUse(() =>
  db
    .select()
    .from(media)
    .where(eq(media.id, sql.placeholder('id')))
    .prepare(),
);

export function getMedia(id: number): MediaItem | undefined {
  const row = mediaById().get({ id });
  return row ? toMediaItem(row) : undefined;
}

// The library's default texts for an image; the uploader and the desk may change them.
export function updateMediaText(actor: Actor, id: number, text: MediaText): MediaItem | undefined {
  return transaction((tx) => {
    const row = tx.select().from(media).where(eq(media.id, id)).get();
    if (!row) return undefined;
    if (actor.role === 'reporter' && row.uploadedBy !== actor.id) throw new ForbiddenError('editMedia');
    const updated = tx
      .update(media)
      .set({ alt: text.alt.trim(), caption: text.caption.trim(), credit: text.credit.trim() })
      .where(eq(media.id, id))
      .returning()
      .get();
    return toMediaItem(updated);
  });
}
