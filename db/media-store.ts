import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { mediaStoreSettings, type MediaStoreSettings } from './media-config.mjs';

// Where the pictures' web sizes live: one small interface, two stores. A directory (MEDIA_DIR) is
// the default, and the right one for a single machine or a mount every instance shares; a bucket
// of an S3-compatible store (@aws-sdk/client-s3) is for instances that share nothing else. Names
// are made by the server and never reused (lib/newsroom/uploads.ts), so a stored picture is never
// rewritten: the stores only ever add whole files and remove them.

export interface MediaStore {
  // Said in logs and errors: the directory, or s3://bucket.
  readonly where: string;
  // Whole or not at all: no reader ever gets half a picture.
  put(name: string, bytes: Buffer, contentType: string): Promise<void>;
  // null when there is no such picture; throws MediaStoreUnavailable when the store does not answer.
  // Its own memory (never shared), so /media answers it as it is, without a copy.
  get(name: string): Promise<Buffer<ArrayBuffer> | null>;
  // Removing a picture that is not there is not an error.
  remove(name: string): Promise<void>;
  // Every stored picture's name, for the backup.
  list(): Promise<string[]>;
}

// The store could not be read or written (a disk error, a bucket that does not answer, refused
// credentials); "not there" is not this, it is get's null.
export class MediaStoreUnavailable extends Error {
  constructor(where: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message || cause.name : String(cause);
    super(`the picture store ${where} did not answer: ${reason}`, { cause });
    this.name = 'MediaStoreUnavailable';
  }
}

// A name a backup may hold as a file: no folders, no hidden or temporary files.
const isPlainName = (name: string) =>
  name !== '' &&
  !name.includes('/') &&
  !name.includes('\\') &&
  !name.startsWith('.') &&
  !name.endsWith('.tmp');

const missing = (error: unknown) =>
  ['ENOENT', 'ENOTDIR', 'EISDIR'].includes((error as NodeJS.ErrnoException).code ?? '');

export function directoryStore(dir: string): MediaStore {
  const where = path.resolve(/*turbopackIgnore: true*/ dir);
  const unavailable = (error: unknown) => new MediaStoreUnavailable(where, error);
  return {
    where,
    // Written under a temporary name, flushed, then renamed into place: a reader, or a backup,
    // never sees half a file, and a failed write leaves nothing behind.
    async put(name, bytes) {
      const temporary = path.join(where, `.${name}.${randomBytes(4).toString('hex')}.tmp`);
      try {
        await mkdir(where, { recursive: true });
        const handle = await open(temporary, 'wx', 0o644);
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, path.join(where, name));
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw unavailable(error);
      }
    },
    async get(name) {
      try {
        return await readFile(path.join(where, name));
      } catch (error) {
        if (missing(error)) return null;
        throw unavailable(error);
      }
    },
    async remove(name) {
      try {
        await unlink(path.join(where, name));
      } catch (error) {
        if (!missing(error)) throw unavailable(error);
      }
    },
    async list() {
      let entries;
      try {
        entries = await readdir(where, { withFileTypes: true });
      } catch (error) {
        if (missing(error)) return [];
        throw unavailable(error);
      }
      return entries.filter((entry) => entry.isFile() && isPlainName(entry.name)).map((entry) => entry.name);
    },
  };
}

// The SDK is loaded only by a newsroom that keeps its pictures in a bucket.
type Sdk = typeof import('@aws-sdk/client-s3');
let sdk: Promise<Sdk> | undefined;

export function s3Store(settings: Extract<MediaStoreSettings, { kind: 's3' }>): MediaStore {
  const { bucket } = settings;
  const where = `s3://${bucket}`;
  const unavailable = (error: unknown) => new MediaStoreUnavailable(where, error);
  let connection: Promise<{ s3: S3Client; sdk: Sdk }> | undefined;
  const connect = () =>
    (connection ??= (sdk ??= import('@aws-sdk/client-s3')).then((loaded) => ({
      sdk: loaded,
      s3: new loaded.S3Client({
        region: settings.region,
        endpoint: settings.endpoint,
        forcePathStyle: settings.forcePathStyle,
        // A store that does not answer is said quickly (a 503 for /media, a refused upload)
        // rather than holding a reader's request through the SDK's default three tries.
        maxAttempts: 2,
        requestHandler: { connectionTimeout: 2000, requestTimeout: 10_000 },
      }),
    })));
  return {
    where,
    // One PUT: S3 makes an object visible whole or not at all.
    async put(name, bytes, contentType) {
      try {
        const { s3, sdk } = await connect();
        await s3.send(
          new sdk.PutObjectCommand({ Bucket: bucket, Key: name, Body: bytes, ContentType: contentType }),
        );
      } catch (error) {
        throw unavailable(error);
      }
    },
    async get(name) {
      try {
        const { s3, sdk } = await connect();
        const answer = await s3.send(new sdk.GetObjectCommand({ Bucket: bucket, Key: name }));
        if (!answer.Body) return null;
        // The SDK gathers the object into one array of its own: a Buffer over it, not a copy.
        const bytes = await answer.Body.transformToByteArray();
        return Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
      } catch (error) {
        // No such picture; a missing bucket (NoSuchBucket, a 404 too) is a store that is not there.
        const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
        if (e.name === 'NoSuchKey' || (e.$metadata?.httpStatusCode === 404 && e.name !== 'NoSuchBucket'))
          return null;
        throw unavailable(error);
      }
    },
    async remove(name) {
      try {
        const { s3, sdk } = await connect();
        await s3.send(new sdk.DeleteObjectCommand({ Bucket: bucket, Key: name }));
      } catch (error) {
        throw unavailable(error);
      }
    },
    async list() {
      const names: string[] = [];
      try {
        const { s3, sdk } = await connect();
        for await (const page of sdk.paginateListObjectsV2({ client: s3 }, { Bucket: bucket })) {
          for (const object of page.Contents ?? [])
            if (object.Key && isPlainName(object.Key)) names.push(object.Key);
        }
      } catch (error) {
        throw unavailable(error);
      }
      return names;
    },
  };
}

export function storeOf(settings: MediaStoreSettings): MediaStore {
  return settings.kind === 's3' ? s3Store(settings) : directoryStore(settings.dir);
}

let current: MediaStore | undefined;

// The store the environment names (db/media-config.mjs), chosen once per process: the first
// upload or picture served makes it (and a bucket's one S3 client), every later one reuses it.
// server.mjs has already refused to start on a configuration this would throw on.
export function mediaStore(): MediaStore {
  if (current) return current;
  const settings = mediaStoreSettings(process.env);
  if (!settings.ok) throw new Error(settings.message);
  return (current = storeOf(settings.store));
}
