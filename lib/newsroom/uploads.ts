import 'server-only';
import { randomBytes } from 'node:crypto';
import sharp, { type Metadata, type SharpOptions } from 'sharp';
import { recordUpload, type MediaText, type ProcessedUpload } from '@/lib/newsroom/media-library';

export type { ProcessedUpload };
import { whenWritable } from '@/db/write-lock';
import { directoryStore, mediaStore, MediaStoreUnavailable, type MediaStore } from '@/db/media-store';
import {
  MAX_IMAGE_PIXELS,
  MAX_IMAGE_SIDE,
  MAX_UPLOAD_BYTES,
  UPLOAD_MESSAGES,
  type MediaItem,
  type MediaVariant,
  type UploadRefusal,
} from '@/lib/shared/media-urls';
import type { Actor } from '@/lib/shared/permissions';
import { Refusal } from '@/lib/shared/errors';

// Uploaded images: checked by their bytes, decoded and re-encoded by sharp into web sizes, and
// kept in the picture store (db/media-store.ts: MEDIA_DIR or a bucket) under names the server
// makes. What readers get is never the uploaded file itself, so a polyglot or hidden payload does
// not survive the re-encoding.

export const WEB_WIDTHS = [320, 640, 960, 1280, 1920] as const;
const WEBP_QUALITY = 78;

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'avif';

export const IMAGE_MIME: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};

const REFUSAL_STATUS: Record<UploadRefusal, number> = {
  missing: 400,
  empty: 400,
  too_large: 413,
  svg: 415,
  unsupported: 415,
  corrupt: 422,
  too_many_pixels: 422,
  unavailable: 503,
};

// A Refusal, so that the route door (lib/http/route.ts) answers it with its status and message.
export class UploadRefused extends Refusal {
  constructor(readonly reason: UploadRefusal) {
    super(REFUSAL_STATUS[reason], UPLOAD_MESSAGES[reason]);
    this.name = 'UploadRefused';
  }
}

// Where an upload's files go: the configured store, or (tests, tools) a store or a directory given.
export type MediaWhere = MediaStore | string;
const storeAt = (where: MediaWhere) => (typeof where === 'string' ? directoryStore(where) : where);

const ascii = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));

// The format the bytes say they are, whatever the file is called; null for anything else.
export function detectImageFormat(bytes: Uint8Array): ImageFormat | null {
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // An ISO-BMFF file type box: the major brand, then compatible brands, to the box's end.
    const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
    if (boxSize < 16 || boxSize > Math.min(bytes.length, 4096)) return null;
    const brands = [ascii(bytes, 8, 12)];
    for (let at = 16; at + 4 <= boxSize; at += 4) brands.push(ascii(bytes, at, at + 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  }
  return null;
}

// SVG gets its own message: it is the one image format people expect to work.
function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('utf8');
  return /<svg[\s>]|<!doctype svg/i.test(head);
}

const SHARP_INPUT: SharpOptions = {
  // A decompression bomb is refused before its pixels are decoded.
  limitInputPixels: MAX_IMAGE_PIXELS,
  // Truncated or damaged files are refused rather than served half grey.
  failOn: 'error',
  // The first frame of an animated WebP or AVIF; news photos do not move.
  pages: 1,
};

// Checks the upload, makes its web sizes and puts them in the store (all or nothing).
export async function processUpload(
  bytes: Buffer,
  originalName: string,
  where: MediaWhere = mediaStore(),
): Promise<ProcessedUpload> {
  if (bytes.length === 0) throw new UploadRefused('empty');
  if (bytes.length > MAX_UPLOAD_BYTES) throw new UploadRefused('too_large');
  const format = detectImageFormat(bytes);
  if (!format) throw new UploadRefused(looksLikeSvg(bytes) ? 'svg' : 'unsupported');

  let meta: Metadata;
  try {
    // Only the header is read here; the size limit is checked below with its own message.
    meta = await sharp(bytes, { ...SHARP_INPUT, limitInputPixels: false }).metadata();
  } catch {
    throw new UploadRefused('corrupt');
  }
  // The decoder must agree with the magic bytes (a HEIC file with an AVIF brand is not AVIF).
  const decoded = meta.format === 'heif' ? (meta.compression === 'av1' ? 'avif' : 'heic') : meta.format;
  if (decoded !== format) throw new UploadRefused('unsupported');
  const { width, height } = meta.autoOrient;
  if (!width || !height) throw new UploadRefused('corrupt');
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw new UploadRefused('too_many_pixels');
  }

  const encoded = await withEncodingSlot(() => encodeWebSizes(bytes, width));
  const base = randomBytes(16).toString('hex');
  const variants = encoded.map(({ data, info }) => ({
    width: info.width,
    height: info.height,
    file: `${base}-${info.width}.webp`,
    bytes: data.length,
  }));
  await putAllOrNothing(
    storeAt(where),
    variants.map((v, i) => ({ file: v.file, data: encoded[i]!.data })),
  );
  return {
    mime: IMAGE_MIME[format],
    originalName: cleanName(originalName),
    width,
    height,
    bytes: bytes.length,
    variants,
  };
}

export function webWidthsFor(width: number): number[] {
  const largest = Math.min(width, WEB_WIDTHS.at(-1)!);
  return [...WEB_WIDTHS.filter((w) => w < largest), largest];
}

// At most this many uploads are decoded at once: each can take a core and tens of megabytes,
// and the newsroom's pages must stay responsive while a photographer uploads a batch.
const MAX_CONCURRENT_ENCODINGS = 2;
let encodings = 0;
const waitingForSlot: (() => void)[] = [];

async function withEncodingSlot<T>(work: () => Promise<T>): Promise<T> {
  // A freed slot is handed straight to the next in line, so the count only drops when no one waits.
  if (encodings < MAX_CONCURRENT_ENCODINGS) encodings++;
  else await new Promise<void>((resolve) => waitingForSlot.push(resolve));
  try {
    return await work();
  } finally {
    const next = waitingForSlot.shift();
    if (next) next();
    else encodings--;
  }
}

// Decodes the upload once, to the largest web size, and makes the smaller ones from that.
async function encodeWebSizes(bytes: Buffer, width: number) {
  const widths = webWidthsFor(width);
  try {
    const largest = await sharp(bytes, SHARP_INPUT)
      .autoOrient()
      .resize({ width: widths.at(-1)!, withoutEnlargement: true })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = {
      width: largest.info.width,
      height: largest.info.height,
      channels: largest.info.channels,
    };
    return await Promise.all(
      widths.map((w) =>
        sharp(largest.data, { raw })
          .resize({ width: w, withoutEnlargement: true })
          .webp({ quality: WEBP_QUALITY, effort: 4 })
          .toBuffer({ resolveWithObject: true }),
      ),
    );
  } catch {
    throw new UploadRefused('corrupt');
  }
}

// Every web size is put in the store (each whole or not at all: db/media-store.ts); if any
// cannot be, the others are removed again and the upload is refused, so no picture is half
// stored, and uploadMedia records nothing.
async function putAllOrNothing(store: MediaStore, files: { file: string; data: Buffer }[]): Promise<void> {
  const puts = await Promise.allSettled(files.map(({ file, data }) => store.put(file, data, 'image/webp')));
  const failed = puts.find((put) => put.status === 'rejected');
  if (!failed) return;
  await Promise.all(files.map(({ file }) => store.remove(file).catch(() => undefined)));
  if (failed.reason instanceof MediaStoreUnavailable) {
    console.error(failed.reason.message);
    throw new UploadRefused('unavailable');
  }
  throw failed.reason;
}

// Best effort: a picture left behind costs space, never a wrong page.
export async function removeVariantFiles(
  variants: readonly MediaVariant[],
  where: MediaWhere = mediaStore(),
) {
  const store = storeAt(where);
  await Promise.all(variants.map((v) => store.remove(v.file).catch(() => undefined)));
}

// Kept for the library's display only; it never names a file on disk.
function cleanName(name: string): string {
  return name
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .trim()
    .slice(0, 255);
}

// An upload from a newsroom member: processed, stored, then recorded; if the record cannot be
// written, the stored files go too.
export async function uploadMedia(
  actor: Actor,
  bytes: Buffer,
  originalName: string,
  text: MediaText = { alt: '', caption: '', credit: '' },
  where: MediaWhere = mediaStore(),
): Promise<MediaItem> {
  const store = storeAt(where);
  const processed = await processUpload(bytes, originalName, store);
  try {
    return await whenWritable(() => recordUpload(actor, processed, text));
  } catch (error) {
    await removeVariantFiles(processed.variants, store);
    throw error;
  }
}
